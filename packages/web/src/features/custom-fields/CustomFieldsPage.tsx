import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, SegmentedControl, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconEye, IconEyeOff, IconPencil, IconPlus } from '@tabler/icons-react';
import type { ClientType, CustomFieldDefDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { DataTable, type Column } from '../../ui/DataTable';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState } from '../../ui/states';
import { CustomFieldForm } from './CustomFieldForm';
import { useAllCustomFieldDefs, useCustomFieldMutations } from './useCustomFields';

/** Administration of custom fields: per object type, create, change, deactivate and switch back on. */
export default function CustomFieldsPage() {
  const { t } = useTranslation();
  const canEdit = useCan('custom_field', 'edit');
  const [type, setType] = useState<ClientType>('organization');
  const [editing, setEditing] = useState<CustomFieldDefDto | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<CustomFieldDefDto | null>(null);
  const defs = useAllCustomFieldDefs(type);
  const { update, remove } = useCustomFieldMutations();

  if (!canEdit) {
    return (
      <>
        <PageHeader title={t('customFields.title')} />
        <Empty title={t('customFields.noAccess')} />
      </>
    );
  }

  const items = [...(defs.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.position - b.position);
  const sections = [...new Set(items.map((d) => d.section).filter((s): s is string => Boolean(s)))];
  const nextPosition = items.reduce((max, d) => Math.max(max, d.position), 0) + 10;

  const activate = (def: CustomFieldDefDto) =>
    update.mutate(
      { id: def.id, body: { active: true, version: def.version } },
      { onSuccess: () => notifySuccess(t('customFields.activated', { name: def.label })), onError: (e) => notifyError(e) },
    );
  const deactivate = () => {
    if (!deactivating) return;
    const def = deactivating;
    remove.mutate(def.id, {
      onSuccess: () => {
        setDeactivating(null);
        notifySuccess(t('customFields.deactivated', { name: def.label }));
      },
      onError: (e) => {
        setDeactivating(null);
        notifyError(e);
      },
    });
  };

  const columns: Column<CustomFieldDefDto>[] = [
    {
      key: 'label',
      header: t('customFields.label'),
      render: (d) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} c={d.active ? undefined : 'dimmed'}>
            {d.label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            custom.{d.key}
          </Text>
        </Stack>
      ),
    },
    { key: 'type', header: t('customFields.type'), render: (d) => t(`customFields.types.${d.type}`), nowrap: true },
    { key: 'section', header: t('customFields.section'), render: (d) => d.section ?? '—' },
    { key: 'position', header: t('customFields.position'), render: (d) => d.position, nowrap: true, width: 90 },
    {
      key: 'flags',
      header: t('customFields.status'),
      nowrap: true,
      render: (d) => (
        <Group gap={4}>
          <Badge size="sm" variant="light" color={d.active ? 'teal' : 'gray'}>
            {d.active ? t('customFields.active') : t('customFields.inactive')}
          </Badge>
          {d.required && (
            <Badge size="sm" variant="outline" color="orange">
              {t('customFields.requiredShort')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'actions',
      header: <VisuallyHidden>{t('customFields.actions')}</VisuallyHidden>,
      width: 90,
      render: (d) => <RowActions def={d} onEdit={() => setEditing(d)} onDeactivate={() => setDeactivating(d)} onActivate={() => activate(d)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        description={t('customFields.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="cf-add">
            {t('customFields.add')}
          </Button>
        }
      />
      <SegmentedControl
        mb="md"
        aria-label={t('customFields.objectType')}
        data={[
          { value: 'organization', label: t('customFields.forOrganizations') },
          { value: 'person', label: t('customFields.forPersons') },
        ]}
        value={type}
        onChange={(v) => setType(v as ClientType)}
        data-testid="cf-object-type"
      />
      {defs.isError ? (
        <ErrorState error={defs.error} onRetry={() => void defs.refetch()} />
      ) : (
        <DataTable
          rows={items}
          columns={columns}
          rowKey={(d) => d.id}
          rowTestId={(d) => `cf-row-${d.key}`}
          loading={defs.isPending}
          minWidth={720}
          caption={t('customFields.title')}
          empty={<Empty title={t('customFields.empty')} description={t('customFields.emptyHint')} />}
          renderCard={(d) => (
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} c={d.active ? undefined : 'dimmed'}>
                  {d.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {[t(`customFields.types.${d.type}`), d.section, d.required ? t('customFields.requiredShort') : null, d.active ? null : t('customFields.inactive')]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              <RowActions def={d} onEdit={() => setEditing(d)} onDeactivate={() => setDeactivating(d)} onActivate={() => activate(d)} />
            </Group>
          )}
        />
      )}
      {editing && (
        <CustomFieldForm
          key={editing === 'new' ? `new-${type}` : `${editing.id}:${editing.version}`}
          objectType={type}
          field={editing === 'new' ? undefined : editing}
          sections={sections}
          nextPosition={nextPosition}
          opened
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={Boolean(deactivating)}
        title={t('customFields.deactivate')}
        message={t('customFields.deactivateConfirm', { name: deactivating?.label ?? '' })}
        confirmLabel={t('customFields.deactivate')}
        loading={remove.isPending}
        onConfirm={deactivate}
        onClose={() => setDeactivating(null)}
      />
    </>
  );
}

function RowActions({ def, onEdit, onDeactivate, onActivate }: { def: CustomFieldDefDto; onEdit: () => void; onDeactivate: () => void; onActivate: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()}>
      <Tooltip label={t('customFields.edit')}>
        <ActionIcon variant="subtle" onClick={onEdit} aria-label={t('customFields.editNamed', { name: def.label })} data-testid={`cf-edit-${def.key}`}>
          <IconPencil size={18} />
        </ActionIcon>
      </Tooltip>
      {def.active ? (
        <Tooltip label={t('customFields.deactivate')}>
          <ActionIcon variant="subtle" color="red" onClick={onDeactivate} aria-label={t('customFields.deactivateNamed', { name: def.label })} data-testid={`cf-deactivate-${def.key}`}>
            <IconEyeOff size={18} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Tooltip label={t('customFields.activate')}>
          <ActionIcon variant="subtle" color="teal" onClick={onActivate} aria-label={t('customFields.activateNamed', { name: def.label })} data-testid={`cf-activate-${def.key}`}>
            <IconEye size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
