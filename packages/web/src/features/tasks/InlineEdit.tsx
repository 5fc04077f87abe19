import { createContext, useContext, useState, type FormEvent, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { TaskDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { useFormat } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useOpenChildren } from './OpenChildren';
import { dayOf, movesInTime, ownsFormField, taskToValues, toUpdateBody, type TaskFormValues } from './taskModel';
import { useUpdateTask } from './useTasks';

interface TaskEditValue {
  task: TaskDto;
  /** The task as form values: what every in-place editor starts from. */
  values: TaskFormValues;
  /** Saves the changed values (only what differs), with the version; a series occurrence changes alone. */
  save: (next: TaskFormValues) => Promise<'saved' | 'unchanged' | 'dismissed'>;
  reload: () => void;
}

const TaskEditContext = createContext<TaskEditValue | null>(null);

export function useTaskEdit(): TaskEditValue {
  const value = useContext(TaskEditContext);
  if (!value) throw new Error('useTaskEdit() is used outside of a task page');
  return value;
}

/** Gives the task page's fields one way to save: a PATCH of what changed, asking about open children when needed. */
export function TaskEditProvider({ task, reload, children }: { task: TaskDto; reload: () => void; children: ReactNode }) {
  const fmt = useFormat();
  const update = useUpdateTask();
  const openChildren = useOpenChildren();
  const values = taskToValues(task, fmt.timeZone);
  const save = async (next: TaskFormValues) => {
    const body = toUpdateBody(next, values, fmt.timeZone, dayOf(new Date().toISOString(), fmt.timeZone));
    if (Object.keys(body).length === 0) return 'unchanged' as const;
    const saved = await openChildren.run(movesInTime(body) ? 'move' : 'close', (choice) =>
      update.mutateAsync({ id: task.id, body: { ...body, version: task.version, scope: task.seriesId ? 'one' : undefined, openChildren: choice } }),
    );
    return saved ? ('saved' as const) : ('dismissed' as const);
  };
  return (
    <TaskEditContext.Provider value={{ task, values, save, reload }}>
      {children}
      {openChildren.dialog}
    </TaskEditContext.Provider>
  );
}

/** Nothing to show: no value, or only conditional parts that all came out empty. */
function isEmpty(node: ReactNode): boolean {
  if (node === null || node === undefined || node === false || node === '') return true;
  return Array.isArray(node) && node.every(isEmpty);
}

export type FieldEditor = {
  values: TaskFormValues;
  set: <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K], field?: string) => void;
  setMany: (patch: Partial<TaskFormValues>) => void;
  errorAt: (field: string) => string | undefined;
};

/**
 * One field (or a few that belong together) of the task, shown as text with a pencil; editing swaps in the
 * inputs, saving PATCHes only the change with the task's version. A stale version says so and offers a reload.
 */
export function EditableField({
  label,
  name,
  children,
  edit,
  block = false,
  hideLabel = false,
}: {
  label: string;
  /** For tests: the field is `field-<name>`, its pencil `<name>-edit`, its save button `<name>-save`. */
  name: string;
  children: ReactNode;
  edit: (editor: FieldEditor) => ReactNode;
  /** A long text: the value spans the width, the pencil sits beside the label. */
  block?: boolean;
  /** The value names itself (the page title): no caption, the pencil sits beside the value. */
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const ctx = useTaskEdit();
  const errors = useFormErrors(ownsFormField);
  const [values, setValues] = useState<TaskFormValues | null>(null);
  const [pending, setPending] = useState(false);
  const editable = ctx.task.canEdit;

  const editor: FieldEditor | null = values
    ? {
        values,
        set: (key, value, field) => {
          setValues((old) => (old ? { ...old, [key]: value } : old));
          errors.clearField(field ?? String(key));
        },
        setMany: (patch) => setValues((old) => (old ? { ...old, ...patch } : old)),
        errorAt: (field) => Object.entries(errors.fieldErrors).find(([key]) => key === field || key.startsWith(`${field}.`))?.[1],
      }
    : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    errors.clear();
    setPending(true);
    try {
      const outcome = await ctx.save(values);
      if (outcome === 'dismissed') return;
      notifySuccess(outcome === 'saved' ? t('common.saved') : t('common.noChanges'));
      setValues(null);
    } catch (error) {
      errors.handle(error);
    } finally {
      setPending(false);
    }
  };

  const pencil = editable && !values && (
    <Tooltip label={t('tasks.page.editField', { field: label })}>
      <ActionIcon
        variant="subtle"
        size="sm"
        onClick={() => {
          errors.clear();
          setValues(ctx.values);
        }}
        aria-label={t('tasks.page.editField', { field: label })}
        data-testid={`${name}-edit`}
      >
        <IconPencil size={14} />
      </ActionIcon>
    </Tooltip>
  );

  return (
    <div style={{ minWidth: 0 }} data-testid={`field-${name}`}>
      {!hideLabel && (
        <Group gap={4} wrap="nowrap" justify={block ? 'space-between' : 'flex-start'}>
          <Text size="xs" c="dimmed" fw={600}>
            {label}
          </Text>
          {pencil}
        </Group>
      )}
      {editor ? (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('tasks.page.editField', { field: label })}>
          <Stack gap="xs" mt={4}>
            <FormAlert
              problem={errors.problem}
              onReload={() => {
                ctx.reload();
                setValues(null);
              }}
            />
            {edit(editor)}
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setValues(null)} disabled={pending}>
                {t('common.cancel')}
              </Button>
              <Button size="xs" type="submit" loading={pending} data-testid={`${name}-save`}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : hideLabel ? (
        <Group gap={6} wrap="nowrap" align="center">
          {children}
          {pencil}
        </Group>
      ) : (
        <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {isEmpty(children) ? '—' : children}
        </Text>
      )}
    </div>
  );
}
