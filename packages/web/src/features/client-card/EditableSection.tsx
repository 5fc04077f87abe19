import { useState, type FormEvent, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { useCard } from './cardContext';
import { useSectionErrors, type SectionErrors } from './useSectionErrors';

/**
 * One section's inline editing: `start` copies the record into editable values, `submit` PATCHes only what
 * `toBody` returns (with the card's version), server messages land on the section's inputs, and a conflict
 * offers to reload. Sections never send fields they do not show, so two sections cannot overwrite each other.
 */
export function useSectionEditor<V>(options: {
  initial: () => V;
  toBody: (values: V) => Record<string, unknown> | null;
  owns: (field: string) => boolean;
  /** Tidies values before saving (drops blank rows), so row numbers in server errors match what is shown. */
  prepare?: (values: V) => V;
}) {
  const card = useCard();
  const { t } = useTranslation();
  const errors = useSectionErrors(options.owns);
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<V>(options.initial);
  const [pending, setPending] = useState(false);

  const start = () => {
    errors.clear();
    setValues(options.initial());
    setEditing(true);
  };
  const cancel = () => {
    errors.clear();
    setEditing(false);
  };
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    errors.clear();
    const prepared = options.prepare ? options.prepare(values) : values;
    setValues(prepared);
    const body = options.toBody(prepared);
    if (!body || Object.keys(body).length === 0) {
      notifySuccess(t('common.noChanges'));
      setEditing(false);
      return;
    }
    setPending(true);
    try {
      await card.save(body);
      setEditing(false);
      notifySuccess(t('common.saved'));
    } catch (error) {
      errors.handle(error);
    } finally {
      setPending(false);
    }
  };
  const reload = () => {
    card.reload();
    cancel();
  };
  /** Sets one value and drops that field's server message, so it disappears as soon as the user fixes it. */
  const set = <K extends keyof V>(key: K, value: V[K], field?: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.clearField(field ?? String(key));
  };
  return { editing, values, setValues, set, start, cancel, submit, reload, pending, errors };
}

export type SectionEditor<V> = ReturnType<typeof useSectionEditor<V>>;

interface SectionFrameProps {
  title: string;
  /** Stable name for tests: the section is `section-<name>`, its buttons `<name>-edit` / `<name>-save`. */
  name: string;
  editor?: { editing: boolean; start: () => void; cancel: () => void; submit: (e?: FormEvent) => void; reload: () => void; pending: boolean; errors: SectionErrors };
  children: ReactNode;
  /** What the section shows while editing. */
  form?: ReactNode;
  actions?: ReactNode;
}

/** A titled block of the card with an "edit" pencil that swaps the read-only view for a form. */
export function SectionFrame({ title, name, editor, children, form, actions }: SectionFrameProps) {
  const { t } = useTranslation();
  const card = useCard();
  const editable = editor && card.canEdit && !card.deleted;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title} data-testid={`section-${name}`}>
      <Group justify="space-between" mb="sm" wrap="nowrap" gap="xs">
        <Title order={4} fz="md">
          {title}
        </Title>
        <Group gap={4} wrap="nowrap">
          {actions}
          {editable && !editor.editing && (
            <Tooltip label={t('clientCard.edit')}>
              <ActionIcon variant="subtle" onClick={editor.start} aria-label={t('clientCard.editSection', { section: title })} data-testid={`${name}-edit`}>
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      {editor?.editing && form ? (
        <form onSubmit={(e) => void editor.submit(e)} noValidate aria-label={t('clientCard.editSection', { section: title })}>
          <Stack gap="sm">
            <FormAlert problem={editor.errors.problem} onReload={editor.reload} />
            {form}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={editor.cancel} disabled={editor.pending} data-testid={`${name}-cancel`}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={editor.pending} data-testid={`${name}-save`}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        children
      )}
    </Paper>
  );
}

/** A label over a value, "—" when empty; used by every read-only view of the card. */
export function Detail({ label, children, testId }: { label: string; children?: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {empty ? '—' : children}
      </Text>
    </div>
  );
}
