import { useState, type FormEvent } from 'react';
import { ActionIcon, Anchor, Autocomplete, Group, Modal, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconBuilding, IconLink, IconTrash, IconUser } from '@tabler/icons-react';
import { SUGGESTED_LINK_LABELS, type ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormActions } from '../../ui/FormActions';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useCard } from './cardContext';
import { SectionFrame } from './EditableSection';
import { RecordPicker } from './RecordPicker';
import { useLinkMutations, useLinks } from './useClientCard';

const LINK_FIELDS = ['toId', 'label', 'toType'] as const;

function AddLinkModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const card = useCard();
  const { create } = useLinkMutations();
  const errors = useFormErrors(LINK_FIELDS);
  const [toType, setToType] = useState<ClientType>('organization');
  const [toId, setToId] = useState<string | null>(null);
  const [label, setLabel] = useState('');

  const close = () => {
    errors.clear();
    setToId(null);
    setLabel('');
    onClose();
  };
  const suggestions = SUGGESTED_LINK_LABELS.map((key) => ({ key, text: t(`clientCard.linkLabels.${key}`) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    if (!toId) return;
    // A suggested label is stored by its key, so every reader sees it in their own language.
    const typed = label.trim();
    const stored = suggestions.find((s) => s.text.toLowerCase() === typed.toLowerCase())?.key ?? typed;
    create.mutate(
      { fromType: card.type, fromId: card.id, toType, toId, label: stored },
      {
        onSuccess: () => {
          notifySuccess(t('clientCard.links.added'));
          close();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('clientCard.links.addTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert problem={errors.problem} />
          <SegmentedControl
            aria-label={t('clientCard.links.recordType')}
            data={[
              { value: 'organization', label: t('clientCard.links.organization') },
              { value: 'person', label: t('clientCard.links.person') },
            ]}
            value={toType}
            onChange={(v) => {
              setToType(v as ClientType);
              setToId(null);
            }}
          />
          <RecordPicker
            key={toType}
            type={toType}
            label={t('clientCard.links.record')}
            placeholder={t('clientCard.links.recordPlaceholder')}
            required
            value={toId}
            excludeIds={[card.id]}
            onChange={(id) => setToId(id)}
            error={errors.errorFor('toId')}
            data-testid="link-record"
          />
          <Autocomplete
            label={t('clientCard.links.label')}
            placeholder={t('clientCard.links.labelPlaceholder')}
            required
            data={suggestions.map((s) => s.text)}
            value={label}
            onChange={setLabel}
            error={errors.errorFor('label')}
            data-testid="link-label"
          />
          <FormActions submitLabel={t('clientCard.links.add')} onCancel={close} loading={create.isPending} testId="link-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Links with any other record, labeled; a link made on one card shows on both (arrow says which way it reads). */
export function LinksSection() {
  const { t } = useTranslation();
  const card = useCard();
  const links = useLinks(card.id);
  const { remove } = useLinkMutations();
  const [adding, setAdding] = useState(false);
  const editable = card.canEdit && !card.deleted;
  const items = links.data ?? [];
  return (
    <SectionFrame
      title={t('clientCard.sections.links')}
      name="links"
      actions={
        editable && (
          <Tooltip label={t('clientCard.links.add')}>
            <ActionIcon variant="subtle" onClick={() => setAdding(true)} aria-label={t('clientCard.links.add')} data-testid="links-add">
              <IconLink size={18} />
            </ActionIcon>
          </Tooltip>
        )
      }
    >
      {links.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clientCard.links.empty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {items.map((link) => {
            const Icon = link.other.type === 'person' ? IconUser : IconBuilding;
            const outgoing = link.direction === 'outgoing';
            const Arrow = outgoing ? IconArrowRight : IconArrowLeft;
            const labelText = (SUGGESTED_LINK_LABELS as readonly string[]).includes(link.label) ? t(`clientCard.linkLabels.${link.label}`) : link.label;
            return (
              <Group key={link.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="link-item">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Arrow size={14} style={{ flex: 'none' }} aria-label={outgoing ? t('clientCard.links.outgoing') : t('clientCard.links.incoming')} />
                  <Icon size={16} style={{ flex: 'none' }} />
                  <div style={{ minWidth: 0 }}>
                    {link.other.visible ? (
                      <Anchor
                        component={Link}
                        to={`/${link.other.type === 'person' ? 'persons' : 'organizations'}/${link.other.id}`}
                        size="sm"
                        td={link.other.deleted ? 'line-through' : undefined}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {link.other.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('clientCard.links.hidden')}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {labelText}
                      {link.other.deleted ? ` · ${t('clientCard.links.deleted')}` : ''}
                    </Text>
                  </div>
                </Group>
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('clientCard.links.remove', { name: link.other.name ?? '' })}
                    onClick={() => remove.mutate(link.id, { onError: (e) => notifyError(e) })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            );
          })}
        </Stack>
      )}
      <AddLinkModal opened={adding} onClose={() => setAdding(false)} />
    </SectionFrame>
  );
}
