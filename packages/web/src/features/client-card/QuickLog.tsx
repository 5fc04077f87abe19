import { useState } from 'react';
import { Button, Chip, Group, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../ui/notify';
import { quickTitle, resultLabel, typeLabel } from '../tasks/taskModel';
import { TaskTypeIcon } from '../tasks/TaskTypeIcon';
import { useCreateTask, useTaskTypes } from '../tasks/useTasks';
import { usePersonsOf } from './useClientCard';

/**
 * "Log a call" in two clicks: open, pick the result — a done call is recorded now, titled by its type and the
 * client. Another contact type, the organization's contact person and a short note can be chosen on the way,
 * but need not be.
 */
export function QuickLog({ type, id, name }: { type: ClientType; id: string; name: string }) {
  const { t } = useTranslation();
  const types = useTaskTypes();
  const create = useCreateTask();
  const [opened, setOpened] = useState(false);
  const [note, setNote] = useState('');
  const contacts = (types.data ?? []).filter((x) => x.active && x.isContact);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const persons = usePersonsOf(id, type === 'organization' && opened);
  const chosen = contacts.find((x) => x.id === typeId) ?? contacts.find((x) => x.key === 'call') ?? contacts[0];

  const log = (resultKey: string | null) => {
    if (!chosen) return;
    const now = new Date().toISOString();
    create.mutate(
      {
        typeId: chosen.id,
        title: quickTitle(typeLabel(chosen, t), name),
        ...(type === 'organization' ? { organizationId: id, personId } : { personId: id }),
        status: 'done',
        direction: 'outbound',
        startsAt: now,
        completedAt: now,
        resultKey,
        resultText: note.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('tasks.timeline.logged', { type: typeLabel(chosen, t), result: resultKey ? resultLabel(resultKey, chosen, t) : '—' }));
          setOpened(false);
          setNote('');
          setPersonId(null);
        },
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={340} trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Button leftSection={<IconPhoneCall size={16} />} onClick={() => setOpened((o) => !o)} disabled={!chosen} data-testid="quick-log">
          {t('tasks.timeline.logCall')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" data-testid="quick-log-panel">
          {contacts.length > 1 && (
            <Select
              aria-label={t('tasks.fields.type')}
              data={contacts.map((x) => ({ value: x.id, label: typeLabel(x, t) }))}
              value={chosen?.id ?? null}
              onChange={setTypeId}
              allowDeselect={false}
              leftSection={chosen ? <TaskTypeIcon type={chosen} size={20} /> : undefined}
              comboboxProps={{ withinPortal: false }}
              size="xs"
              data-testid="quick-log-type"
            />
          )}
          {type === 'organization' && (persons.data?.items.length ?? 0) > 0 && (
            <Select
              aria-label={t('tasks.fields.person')}
              placeholder={t('tasks.fields.person')}
              data={persons.data!.items.map((p) => ({ value: p.id, label: p.fullName }))}
              value={personId}
              onChange={setPersonId}
              clearable
              searchable
              comboboxProps={{ withinPortal: false }}
              size="xs"
              data-testid="quick-log-person"
            />
          )}
          <TextInput size="xs" placeholder={t('tasks.timeline.note')} aria-label={t('tasks.timeline.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="quick-log-note" />
          <Text size="xs" c="dimmed">
            {t('tasks.timeline.pickResult')}
          </Text>
          <Group gap={6}>
            {(chosen?.results ?? []).map((r) => (
              <Chip key={r.key} checked={false} onChange={() => log(r.key)} disabled={create.isPending} size="sm" wrapperProps={{ 'data-testid': `quick-log-${r.key}` }}>
                {resultLabel(r.key, chosen, t)}
              </Chip>
            ))}
            {chosen && chosen.results.length === 0 && (
              <Button size="xs" onClick={() => log(null)} loading={create.isPending}>
                {t('tasks.timeline.logIt')}
              </Button>
            )}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
