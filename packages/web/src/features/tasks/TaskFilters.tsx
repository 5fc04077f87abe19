import { useMemo, useState } from 'react';
import { Button, Drawer, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, UnstyledButton } from '@mantine/core';
import { TASK_STATUSES, type TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../ui/DateField';
import { FilterChip } from '../../ui/FilterChip';
import { useFormat } from '../../ui/format';
import { RecordPicker } from '../client-card/RecordPicker';
import { useRecordName } from '../clients/useClients';
import { UserPicker } from '../users/UserPicker';
import { DEFAULT_STATE, type TaskListState } from './taskListModel';
import { resultLabel, typeLabel } from './taskModel';

/** Every result option of every type, once each, for the "result" filter. */
export function resultOptions(types: TaskTypeDto[], t: (key: string, o?: Record<string, unknown>) => string) {
  const seen = new Map<string, string>();
  for (const type of types) for (const r of type.results) if (!seen.has(r.key)) seen.set(r.key, resultLabel(r.key, type, t));
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

interface FiltersProps {
  opened: boolean;
  onClose: () => void;
  state: TaskListState;
  types: TaskTypeDto[];
  onApply: (patch: Partial<TaskListState>) => void;
}

/** All filters of the task list on a draft; the list changes when the user applies them. */
export function TaskFilterDrawer(props: FiltersProps) {
  const { t } = useTranslation();
  return (
    <Drawer opened={props.opened} onClose={props.onClose} position="right" size="md" title={t('tasks.filters.title')}>
      {/* A fresh draft on every opening, from the filters applied now. */}
      {props.opened && <Draft {...props} />}
    </Drawer>
  );
}

function Draft({ onClose, state, types, onApply }: FiltersProps) {
  const { t } = useTranslation();
  const [d, setDraft] = useState(state);
  const set = (patch: Partial<TaskListState>) => setDraft((old) => ({ ...old, ...patch }));
  const org = useRecordName('organization', d.organizationId ?? '', Boolean(d.organizationId));
  const user = useRecordName('user', d.responsibleId ?? '', Boolean(d.responsibleId));
  const results = useMemo(() => resultOptions(types, t), [types, t]);
  return (
    <Stack gap="sm" data-testid="task-filters">
      <MultiSelect
        label={t('tasks.fields.status')}
        data={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
        value={d.status}
        onChange={(status) => set({ status })}
        placeholder={d.status.length === 0 ? t('tasks.filters.anyStatus') : undefined}
        data-testid="filter-status"
      />
      <Switch label={t('tasks.filters.overdueOnly')} checked={d.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} data-testid="filter-overdue" />
      <MultiSelect
        label={t('tasks.fields.type')}
        data={types.map((x) => ({ value: x.id, label: typeLabel(x, t) }))}
        value={d.typeIds}
        onChange={(typeIds) => set({ typeIds })}
        placeholder={d.typeIds.length === 0 ? t('tasks.filters.anyType') : undefined}
        searchable
        data-testid="filter-type"
      />
      <RecordPicker
        type="organization"
        label={t('tasks.fields.organization')}
        value={d.organizationId}
        selected={d.organizationId && org.data ? { id: d.organizationId, name: org.data } : null}
        onChange={(id) => set({ organizationId: id })}
        comboboxProps={{ withinPortal: true }}
        data-testid="filter-organization"
      />
      <UserPicker
        label={t('tasks.fields.responsible')}
        value={d.responsibleId}
        selected={d.responsibleId && user.data ? { id: d.responsibleId, name: user.data } : null}
        onChange={(id) => set({ responsibleId: id })}
        comboboxProps={{ withinPortal: true }}
        data-testid="filter-responsible"
      />
      <Select label={t('tasks.fields.result')} data={results} value={d.resultKey} onChange={(resultKey) => set({ resultKey })} clearable searchable data-testid="filter-result" />
      <SimpleGrid cols={2} spacing="sm">
        <DateField label={t('tasks.filters.from')} value={d.from} onChange={(from) => set({ from })} data-testid="filter-from" />
        <DateField label={t('tasks.filters.to')} value={d.to} onChange={(to) => set({ to })} data-testid="filter-to" />
      </SimpleGrid>
      <Group justify="space-between" mt="sm">
        <Button variant="subtle" color="gray" onClick={() => setDraft({ ...DEFAULT_STATE, view: d.view, sort: d.sort, q: d.q })}>
          {t('tasks.filters.reset')}
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => {
              // Only the filters: the view, order and search stay as the page has them.
              const { status, overdue, typeIds, organizationId, responsibleId, resultKey, from, to } = d;
              onApply({ status, overdue, typeIds, organizationId, responsibleId, resultKey, from, to });
              onClose();
            }}
            data-testid="filters-apply"
          >
            {t('tasks.filters.apply')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/** The applied filters as removable chips. */
export function TaskFilterChips({ state, types, onChange, onEdit }: { state: TaskListState; types: TaskTypeDto[]; onChange: (patch: Partial<TaskListState>) => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const org = useRecordName('organization', state.organizationId ?? '', Boolean(state.organizationId));
  const user = useRecordName('user', state.responsibleId ?? '', Boolean(state.responsibleId));
  const chips: { key: string; label: string; clear: Partial<TaskListState> }[] = [];
  if (state.status.join(',') !== DEFAULT_STATE.status.join(','))
    chips.push({
      key: 'status',
      label: `${t('tasks.fields.status')}: ${state.status.length > 0 ? state.status.map((s) => t(`tasks.statuses.${s}`)).join(', ') : t('tasks.filters.anyStatus')}`,
      clear: { status: DEFAULT_STATE.status },
    });
  if (state.overdue) chips.push({ key: 'overdue', label: t('tasks.filters.overdueOnly'), clear: { overdue: false } });
  if (state.typeIds.length > 0)
    chips.push({
      key: 'type',
      label: `${t('tasks.fields.type')}: ${state.typeIds.map((id) => typeLabel(types.find((x) => x.id === id), t) || '…').join(', ')}`,
      clear: { typeIds: [] },
    });
  if (state.organizationId) chips.push({ key: 'org', label: `${t('tasks.fields.organization')}: ${org.data ?? '…'}`, clear: { organizationId: null } });
  if (state.responsibleId) chips.push({ key: 'responsible', label: `${t('tasks.fields.responsible')}: ${user.data ?? '…'}`, clear: { responsibleId: null } });
  if (state.resultKey)
    chips.push({
      key: 'result',
      label: `${t('tasks.fields.result')}: ${resultOptions(types, t).find((o) => o.value === state.resultKey)?.label ?? state.resultKey}`,
      clear: { resultKey: null },
    });
  if (state.from || state.to)
    chips.push({
      key: 'period',
      label: `${t('tasks.filters.period')}: ${state.from ? fmt.date(`${state.from}T12:00:00Z`) : '…'} — ${state.to ? fmt.date(`${state.to}T12:00:00Z`) : '…'}`,
      clear: { from: '', to: '' },
    });
  if (chips.length === 0) return null;
  return (
    <Group gap={6} mb="sm" wrap="wrap" role="list" aria-label={t('tasks.filters.applied')}>
      {chips.map((chip) => (
        <FilterChip
          key={chip.key}
          label={chip.label}
          removeLabel={t('tasks.filters.remove', { filter: chip.label })}
          onRemove={() => onChange(chip.clear)}
          onEdit={onEdit}
        />
      ))}
      <UnstyledButton
        onClick={() => onChange({ status: DEFAULT_STATE.status, overdue: false, typeIds: [], organizationId: null, responsibleId: null, resultKey: null, from: '', to: '' })}
        fz="xs"
        c="dimmed"
        td="underline"
        data-testid="filters-clear"
      >
        {t('common.resetFilters')}
      </UnstyledButton>
    </Group>
  );
}
