import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Modal, Paper, Radio, ScrollArea, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowsExchange, IconBeach, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { useFormat } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../ui/states';
import { useDepartments } from '../departments/useDepartments';
import { EmployeesPicker } from './Pickers';
import { shownAt, type Named } from './taskModel';
import { tasksApi, type WorkloadRow } from './tasksApi';
import { useReassign, useWorkload } from './useTasks';

/** Hand tasks of one employee to one or several colleagues: all open ones, or the ones picked. */
function ReassignModal({ from, onClose }: { from: WorkloadRow; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reassign = useReassign();
  const errors = useFormErrors(['toUserIds', 'taskIds']);
  const [mode, setMode] = useState<'all' | 'picked'>('all');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [to, setTo] = useState<Named[]>([]);
  const tasks = useQuery({
    queryKey: ['tasks', 'reassign-options', from.user.id],
    queryFn: () => tasksApi.list({ view: 'all', responsibleId: from.user.id, open: true, limit: 200, sort: 'at' }),
    enabled: mode === 'picked',
  });
  const toggle = (id: string) =>
    setPicked((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = () => {
    errors.clear();
    reassign.mutate(
      { fromUserId: from.user.id, taskIds: mode === 'picked' ? [...picked] : undefined, toUserIds: to.map((u) => u.id) },
      {
        onSuccess: (result) => {
          notifySuccess(t('tasks.workload.reassigned', { count: result.reassigned }));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  const disabled = to.length === 0 || (mode === 'picked' && picked.size === 0);
  return (
    <Modal opened onClose={onClose} title={t('tasks.workload.reassignTitle', { name: from.user.name })} size="lg">
      <Stack gap="sm" data-testid="reassign-dialog">
        <FormAlert problem={errors.problem} />
        <Radio.Group value={mode} onChange={(m) => setMode(m as 'all' | 'picked')} label={t('tasks.workload.which')}>
          <Stack gap={6} mt={6}>
            <Radio value="all" label={t('tasks.workload.allOpen', { count: from.openTasks })} data-testid="reassign-all" />
            <Radio value="picked" label={t('tasks.workload.picked')} data-testid="reassign-picked" />
          </Stack>
        </Radio.Group>
        {mode === 'picked' && (
          <Paper withBorder radius="md" p="xs">
            {tasks.isPending ? (
              <LoadingState minHeight={80} />
            ) : tasks.isError ? (
              <ErrorState error={tasks.error} />
            ) : (
              <ScrollArea.Autosize mah={280}>
                <Stack gap={4}>
                  {tasks.data.items.map((task) => (
                    <Checkbox
                      key={task.id}
                      checked={picked.has(task.id)}
                      onChange={() => toggle(task.id)}
                      label={
                        <Text size="sm">
                          {task.title}{' '}
                          <Text span size="xs" c={task.overdue ? 'red' : 'dimmed'}>
                            {fmt.dateTime(shownAt(task))}
                          </Text>
                        </Text>
                      }
                      data-testid={`reassign-task-${task.id}`}
                    />
                  ))}
                  {tasks.data.items.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('tasks.workload.noOpen')}
                    </Text>
                  )}
                </Stack>
              </ScrollArea.Autosize>
            )}
          </Paper>
        )}
        <EmployeesPicker
          label={t('tasks.workload.to')}
          description={to.length > 1 ? t('tasks.workload.inTurn') : undefined}
          value={to}
          onChange={setTo}
          error={errors.errorFor('toUserIds')}
          data-testid="reassign-to"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button leftSection={<IconArrowsExchange size={16} />} onClick={submit} disabled={disabled} loading={reassign.isPending} data-testid="reassign-submit">
            {t('tasks.workload.reassign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Employee({ row }: { row: WorkloadRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Group gap="xs" wrap="wrap">
      <Stack gap={0}>
        <Anchor component={Link} to={`/tasks?view=all&responsible=${row.user.id}`} size="sm" fw={500}>
          {row.user.name}
        </Anchor>
        {row.department && (
          <Text size="xs" c="dimmed">
            {row.department.name}
          </Text>
        )}
      </Stack>
      {row.absentUntil && (
        <Badge color="orange" variant="light" leftSection={<IconBeach size={12} />} tt="none" data-testid="workload-absent">
          {t('tasks.workload.absentUntil', { date: fmt.date(`${row.absentUntil.slice(0, 10)}T12:00:00Z`) })}
        </Badge>
      )}
    </Group>
  );
}

function Overdue({ row }: { row: WorkloadRow }) {
  const fmt = useFormat();
  if (row.overdueTasks === 0) return <>0</>;
  return (
    <Anchor component={Link} to={`/tasks?view=all&responsible=${row.user.id}&overdue=1`} c="red" fw={600} size="sm">
      {fmt.number(row.overdueTasks)}
    </Anchor>
  );
}

function HandOver({ row, onClick }: { row: WorkloadRow; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconArrowsExchange size={14} />}
      onClick={onClick}
      disabled={row.openTasks === 0}
      aria-label={t('tasks.workload.reassignNamed', { name: row.user.name })}
      data-testid={`reassign-${row.user.id}`}
    >
      {t('tasks.workload.reassign')}
    </Button>
  );
}

function WorkloadTable({ rows, onHandOver }: { rows: WorkloadRow[]; onHandOver: (row: WorkloadRow) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder radius="md">
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('tasks.workload.title')} data-testid="workload-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tasks.workload.employee')}</Table.Th>
            <Table.Th ta="right">{t('tasks.workload.open')}</Table.Th>
            <Table.Th ta="right">{t('tasks.workload.overdue')}</Table.Th>
            <Table.Th ta="right">{t('tasks.workload.today')}</Table.Th>
            <Table.Th ta="right">{t('tasks.workload.clients')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.user.id} data-testid={`workload-row-${row.user.id}`}>
              <Table.Td>
                <Employee row={row} />
              </Table.Td>
              <Table.Td ta="right">{fmt.number(row.openTasks)}</Table.Td>
              <Table.Td ta="right">
                <Overdue row={row} />
              </Table.Td>
              <Table.Td ta="right">{fmt.number(row.todayTasks)}</Table.Td>
              <Table.Td ta="right">{fmt.number(row.clientsInWork)}</Table.Td>
              <Table.Td ta="right">
                <HandOver row={row} onClick={() => onHandOver(row)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** On a phone each employee is a card with four numbers under the name. */
function WorkloadCards({ rows, onHandOver }: { rows: WorkloadRow[]; onHandOver: (row: WorkloadRow) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const stat = (label: string, value: React.ReactNode) => (
    <Stack gap={0} align="center">
      <Text fw={600}>{value}</Text>
      <Text size="xs" c="dimmed" ta="center" lh={1.2}>
        {label}
      </Text>
    </Stack>
  );
  return (
    <Stack gap="xs" data-testid="workload-table">
      {rows.map((row) => (
        <Paper key={row.user.id} withBorder radius="md" p="sm" data-testid={`workload-row-${row.user.id}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
            <Employee row={row} />
            <HandOver row={row} onClick={() => onHandOver(row)} />
          </Group>
          <SimpleGrid cols={4} spacing={4}>
            {stat(t('tasks.workload.open'), fmt.number(row.openTasks))}
            {stat(t('tasks.workload.overdue'), <Overdue row={row} />)}
            {stat(t('tasks.workload.today'), fmt.number(row.todayTasks))}
            {stat(t('tasks.workload.clientsShort'), fmt.number(row.clientsInWork))}
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}

/** Heads see each employee's open, overdue and today's tasks and clients in work, and hand tasks over. */
export default function WorkloadPage() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const canDepartments = useCan('department', 'view');
  const departments = useDepartments(canDepartments);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const workload = useWorkload(departmentId ?? undefined);
  const [from, setFrom] = useState<WorkloadRow | null>(null);
  const rows = useMemo(() => [...(workload.data ?? [])].sort((a, b) => b.overdueTasks - a.overdueTasks || b.openTasks - a.openTasks), [workload.data]);

  return (
    <>
      <PageHeader
        title={t('tasks.workload.title')}
        description={t('tasks.workload.description')}
        actions={
          canDepartments && (
            <Select
              aria-label={t('fields.department')}
              placeholder={t('tasks.workload.allDepartments')}
              data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId}
              onChange={setDepartmentId}
              clearable
              w={240}
              data-testid="workload-department"
            />
          )
        }
      />
      {workload.isPending ? (
        <LoadingState />
      ) : workload.isError ? (
        <ErrorState error={workload.error} onRetry={() => void workload.refetch()} />
      ) : rows.length === 0 ? (
        <Empty icon={<IconUsersGroup size={28} />} title={t('tasks.workload.empty')} />
      ) : phone ? (
        <WorkloadCards rows={rows} onHandOver={setFrom} />
      ) : (
        <WorkloadTable rows={rows} onHandOver={setFrom} />
      )}
      {from && <ReassignModal from={from} onClose={() => setFrom(null)} />}
    </>
  );
}
