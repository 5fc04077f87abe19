import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBell, IconCake, IconCalendarDue, IconChecks, IconPlus } from '@tabler/icons-react';
import type { MyDayDto, TaskListItemDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useSession } from '../../app/session';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState } from '../../ui/states';
import HomePage from '../home/HomePage';
import { QuickComplete } from '../tasks/CompleteTask';
import { ResultBadge } from '../tasks/TaskBadges';
import { shortDateTime } from '../tasks/taskCells';
import { TaskFormModal } from '../tasks/TaskFormModal';
import { orderDay, shownAt, typeLabel } from '../tasks/taskModel';
import { TaskTypeIcon } from '../tasks/TaskTypeIcon';
import { useMyDay, useTaskTypeMap } from '../tasks/useTasks';
import { rolesOf } from '../tasks/TaskActions';
import { AcceptButton } from './AcceptButton';
import { CheckActions } from './CheckActions';

function greetingKey(hour: number): string {
  if (hour < 5) return 'home.goodNight';
  if (hour < 12) return 'home.goodMorning';
  if (hour < 18) return 'home.goodAfternoon';
  return 'home.goodEvening';
}

function Section({ title, icon, count, color, children, testId }: { title: string; icon: ReactNode; count?: number; color?: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title} data-testid={testId}>
      <Group gap="xs" mb="sm" wrap="nowrap">
        {icon}
        <Title order={4} fz="md">
          {title}
        </Title>
        {count !== undefined && count > 0 && (
          <Badge size="sm" variant="light" color={color ?? 'blue'} circle={count < 10}>
            {count}
          </Badge>
        )}
      </Group>
      {children}
    </Paper>
  );
}

/** One task of the day: its time, type, title and client, and one click to complete it with a result. */
function DayTask({ task, overdue, action }: { task: TaskListItemDto; overdue?: boolean; action?: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession().user.id;
  const types = useTaskTypeMap();
  const type = types.get(task.type.id);
  const at = shownAt(task);
  const time = task.allDay
    ? t('tasks.myDay.allDay')
    : overdue
      ? shortDateTime(at, fmt)
      : new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone }).format(new Date(at));
  const client = [task.organization?.name, task.person?.name].filter(Boolean).join(' · ');
  return (
    <Group gap="sm" wrap="nowrap" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid={`day-task-${task.id}`}>
      <Text size="sm" fw={600} c={overdue ? 'red' : undefined} w={overdue ? 96 : 56} style={{ flexShrink: 0 }} visibleFrom="xs">
        {time}
      </Text>
      <TaskTypeIcon type={type ?? task.type} size={28} withTooltip />
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={500} lineClamp={2}>
          {task.title}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          <Text span size="xs" hiddenFrom="xs" c={overdue ? 'red' : undefined} fw={600}>
            {time} ·{' '}
          </Text>
          {client || typeLabel(type ?? task.type, t)}
        </Text>
      </Stack>
      {action ?? (
        <Group gap={4} wrap="nowrap">
          {rolesOf(task, me).mustAccept && <AcceptButton task={task} />}
          {task.canEdit && <QuickComplete task={task} />}
        </Group>
      )}
    </Group>
  );
}

function Tasks({ data }: { data: MyDayDto }) {
  const { t } = useTranslation();
  const today = orderDay(data.today);
  return (
    <Stack gap="md">
      {data.overdue.length > 0 && (
        <Section title={t('tasks.myDay.overdue')} icon={<IconAlertTriangle size={20} color="var(--mantine-color-red-6)" />} count={data.overdue.length} color="red" testId="my-day-overdue">
          {data.overdue.map((task) => (
            <DayTask key={task.id} task={task} overdue />
          ))}
        </Section>
      )}
      <Section title={t('tasks.myDay.today')} icon={<IconCalendarDue size={20} />} count={today.length} testId="my-day-today">
        {today.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tasks.myDay.nothingToday')}
          </Text>
        ) : (
          today.map((task) => <DayTask key={task.id} task={task} />)
        )}
      </Section>
    </Stack>
  );
}

/** A head may have dozens of results to check; the first few show, the rest on request. */
const FIRST_TO_CHECK = 6;

function Side({ data }: { data: MyDayDto }) {
  const { t } = useTranslation();
  const [allToCheck, setAllToCheck] = useState(false);
  const fmt = useFormat();
  const types = useTaskTypeMap();
  const time = (iso: string) =>
    new Intl.DateTimeFormat(fmt.locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: fmt.timeZone }).format(new Date(iso));
  return (
    <Stack gap="md">
      <Section title={t('tasks.myDay.toCheck')} icon={<IconChecks size={20} />} count={data.toCheck.length} color="orange" testId="my-day-to-check">
        {data.toCheck.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tasks.myDay.nothingToCheck')}
          </Text>
        ) : (
          <>
            {(allToCheck ? data.toCheck : data.toCheck.slice(0, FIRST_TO_CHECK)).map((task) => (
              <Group key={task.id} gap="xs" py={6} wrap="nowrap" align="flex-start" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid={`to-check-${task.id}`}>
                <TaskTypeIcon type={types.get(task.type.id) ?? task.type} size={24} />
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" fw={500} lineClamp={1}>
                    {task.title}
                  </Anchor>
                  <Group gap={6} wrap="wrap">
                    <Text size="xs" c="dimmed">
                      {[task.responsible.name, task.organization?.name].filter(Boolean).join(' · ')}
                    </Text>
                    {task.status === 'done' ? <ResultBadge resultKey={task.resultKey} type={types.get(task.type.id)} /> : <Badge size="xs" variant="light">{t(`tasks.statuses.${task.status}`)}</Badge>}
                  </Group>
                </Stack>
                {task.status === 'done' && <CheckActions task={task} />}
              </Group>
            ))}
            {data.toCheck.length > FIRST_TO_CHECK && (
              <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setAllToCheck((v) => !v)} data-testid="to-check-toggle">
                {allToCheck ? t('tasks.myDay.showFewer') : t('tasks.myDay.showAll', { count: data.toCheck.length })}
              </Button>
            )}
          </>
        )}
      </Section>
      <Section title={t('tasks.myDay.reminders')} icon={<IconBell size={20} />} count={data.reminders.length} testId="my-day-reminders">
        {data.reminders.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tasks.myDay.noReminders')}
          </Text>
        ) : (
          data.reminders.map((r) => (
            <Group key={r.id} gap="xs" wrap="nowrap" py={4}>
              <Text size="xs" c="dimmed" w={90} style={{ flexShrink: 0 }}>
                {time(r.remindAt)}
              </Text>
              <Anchor component={Link} to={`/tasks/${r.task.id}`} size="sm" truncate>
                {r.task.title}
              </Anchor>
            </Group>
          ))
        )}
      </Section>
      <Section title={t('tasks.myDay.birthdays')} icon={<IconCake size={20} />} count={data.birthdays.length} color="pink" testId="my-day-birthdays">
        {data.birthdays.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tasks.myDay.noBirthdays')}
          </Text>
        ) : (
          data.birthdays.map((b) => (
            <Group key={b.person.id} gap="xs" wrap="nowrap" py={4} align="flex-start">
              <Text size="xs" c="dimmed" w={90} style={{ flexShrink: 0 }}>
                {new Intl.DateTimeFormat(fmt.locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${b.date}T12:00:00Z`))}
              </Text>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/persons/${b.person.id}`} size="sm" truncate>
                  {b.person.name}
                </Anchor>
                <Text size="xs" c="dimmed" truncate>
                  {[b.organization?.name, b.age ? t('tasks.myDay.age', { count: b.age }) : null].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
            </Group>
          ))
        )}
      </Section>
    </Stack>
  );
}

function MyDay() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useSession();
  const day = useMyDay();
  const canCreate = useCan('task', 'create');
  const [creating, setCreating] = useState(false);
  const now = new Date();
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: fmt.timeZone }).format(now));
  const firstName = session.user.name.split(/\s+/)[0] ?? session.user.name;
  const date = new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: fmt.timeZone }).format(now);

  return (
    <>
      <PageHeader
        title={t(greetingKey(hour), { name: firstName })}
        description={date.charAt(0).toUpperCase() + date.slice(1)}
        actions={
          <>
            {canCreate && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="my-day-create">
                {t('tasks.list.create')}
              </Button>
            )}
            <Button component={Link} to="/tasks" variant="default">
              {t('tasks.myDay.allTasks')}
            </Button>
          </>
        }
      />
      {day.isError ? (
        <ErrorState error={day.error} onRetry={() => void day.refetch()} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>{day.data ? <Tasks data={day.data} /> : <Skeleton height={240} radius="md" />}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>{day.data ? <Side data={day.data} /> : <Skeleton height={240} radius="md" />}</Grid.Col>
        </Grid>
      )}
      <TaskFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** The first page after login: the day's work. Without access to tasks (or before two-factor setup) the old home. */
export default function MyDayPage() {
  const session = useSession();
  const canView = useCan('task', 'view');
  if (session.twoFactorSetupRequired || !canView) return <HomePage />;
  return <MyDay />;
}
