import { useRef, useState, type FormEvent } from 'react';
import { Accordion, Badge, Button, Group, Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { TASK_DIRECTIONS, TASK_PRIORITIES, type TaskDto, type TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DateField, DateTimeField } from '../../ui/DateField';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { useFormat } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { RecordPicker } from '../client-card/RecordPicker';
import { UserPicker } from '../users/UserPicker';
import { useOpenChildren } from './OpenChildren';
import { EmployeesPicker, ParentTaskPicker } from './Pickers';
import { NotifySettings, RemindersEditor } from './RemindersEditor';
import { repeatProblem } from './repeatModel';
import { RepeatPicker } from './RepeatPicker';
import { ResultFields } from './ResultFields';
import {
  dayOf,
  emptyValues,
  firstDay,
  formProblems,
  movesInTime,
  ownsFormField,
  quickTitle,
  taskToValues,
  toCreateBody,
  toUpdateBody,
  typeLabel,
  type TaskFormPreset,
  type TaskFormValues,
} from './taskModel';
import type { SeriesScope } from './tasksApi';
import { TaskTypeIcon } from './TaskTypeIcon';
import { useCreateTask, useTaskTypes, useUpdateTask } from './useTasks';

export interface TaskFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The task to edit; without it a new task is created. */
  task?: TaskDto;
  /** Prefilled values of a new task (from the calendar, a client card, a parent task). */
  preset?: TaskFormPreset;
  onSaved?: (task: TaskDto) => void;
  /** For an occurrence of a series: change it alone (default) or it and the ones after it. */
  scope?: SeriesScope;
}

/**
 * Creating or editing a task in one dialog: type, title, client, parent, times, people, result of a contact
 * that already took place, repeat, reminders and notifications. Exported for the calendar, which opens it
 * prefilled with the slot's start, end and employee.
 */
export function TaskFormModal({ opened, onClose, task, preset, onSaved, scope }: TaskFormModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={task ? t('tasks.form.editTitle') : t('tasks.form.createTitle')}
      size="xl"
      fullScreen={phone}
      closeOnClickOutside={false}
    >
      {opened && <TaskForm task={task} preset={preset} onClose={onClose} onSaved={onSaved} scope={scope} />}
    </Modal>
  );
}

function TaskForm({ task, preset, onClose, onSaved, scope: initialScope }: Omit<TaskFormModalProps, 'opened'>) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession().user;
  const tz = fmt.timeZone;
  const today = dayOf(new Date().toISOString(), tz);
  const types = useTaskTypes();
  // The form starts from what it was opened with; later refetches must not wipe what the user typed.
  const [initial] = useState(() => (task ? taskToValues(task, tz) : emptyValues({ id: me.id, name: me.name }, preset, tz)));
  const [v, setValues] = useState<TaskFormValues>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [scope, setScope] = useState<SeriesScope>(initialScope ?? 'one');
  const errors = useFormErrors(ownsFormField);
  const create = useCreateTask();
  const update = useUpdateTask();
  const openChildren = useOpenChildren();
  const pending = create.isPending || update.isPending;
  const formRef = useRef<HTMLFormElement>(null);

  const activeTypes = (types.data ?? []).filter((type) => type.active || type.id === v.typeId);
  const type: TaskTypeDto | undefined = types.data?.find((x) => x.id === v.typeId);
  const isContact = type?.isContact ?? false;
  const startDay = firstDay(v, today);
  const clientName = v.person?.name ?? v.organization?.name ?? null;
  const generatedTitle = type ? quickTitle(typeLabel(type, t), clientName) : '';

  const set = <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K], field = String(key)) => {
    setValues((old) => ({ ...old, [key]: value }));
    errors.clearField(field);
    setLocal(({ [field]: _gone, ...rest }) => rest);
  };
  /** A message under an input: the server's for this field or one of its rows, else the form's own check. */
  const errorAt = (field: string): string | undefined => {
    for (const [key, message] of Object.entries(errors.fieldErrors)) if (key === field || key.startsWith(`${field}.`)) return message;
    const own = Object.entries(local).find(([key]) => key === field || key.startsWith(`${field}.`));
    return own ? t(own[1]) : undefined;
  };

  const toggleAllDay = (allDay: boolean) =>
    setValues((old) => {
      const cut = (wall: string, hour: string) => (allDay ? wall.slice(0, 10) : wall ? `${wall.slice(0, 10)} ${hour}` : '');
      return { ...old, allDay, startsAt: cut(old.startsAt, '09:00:00'), endsAt: cut(old.endsAt, '10:00:00'), dueAt: cut(old.dueAt, '18:00:00') };
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const values = !v.title.trim() && generatedTitle ? { ...v, title: generatedTitle } : v;
    const problems = formProblems(values);
    const repeat = values.repeatCustom ? null : repeatProblem(values.repeat, startDay);
    if (repeat) problems.rrule = `tasks.repeat.problems.${repeat}`;
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      revealError();
      return;
    }
    try {
      if (!task) {
        const created = await create.mutateAsync(toCreateBody(values, tz, today));
        const count = created.createdIds?.length ?? 1;
        notifySuccess(count > 1 ? t('tasks.form.createdMany', { count }) : t('tasks.form.created'));
        onSaved?.(created);
        onClose();
        return;
      }
      const body = toUpdateBody(values, initial, tz, today);
      if (Object.keys(body).length === 0) {
        notifySuccess(t('common.noChanges'));
        onClose();
        return;
      }
      const saved = await openChildren.run(movesInTime(body) ? 'move' : 'close', (choice) =>
        update.mutateAsync({ id: task.id, body: { ...body, version: task.version, scope: task.seriesId ? scope : undefined, openChildren: choice } }),
      );
      if (!saved) return;
      notifySuccess(t('common.saved'));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      errors.handle(error);
      revealError();
    }
  };
  /** The form is longer than a screen: bring the first message into view. */
  const revealError = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector('[aria-invalid="true"], [role="alert"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
    );

  const typeOptions = activeTypes.map((x) => ({ value: x.id, label: typeLabel(x, t) }));
  const reminderCount = v.reminders.length;
  const showResult = (!task && isContact) || task?.status === 'done';

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-label={task ? t('tasks.form.editTitle') : t('tasks.form.createTitle')} data-testid="task-form">
      <Stack gap="sm">
        <FormAlert problem={errors.problem} />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label={t('tasks.fields.type')}
            data={typeOptions}
            value={v.typeId}
            onChange={(id) => set('typeId', id)}
            error={errorAt('typeId')}
            required
            searchable
            allowDeselect={false}
            leftSection={type ? <TaskTypeIcon type={type} size={22} /> : undefined}
            leftSectionWidth={type ? 36 : undefined}
            renderOption={({ option }) => {
              const x = activeTypes.find((o) => o.id === option.value);
              return (
                <Group gap="xs" wrap="nowrap">
                  {x && <TaskTypeIcon type={x} size={22} />}
                  <Text size="sm">{option.label}</Text>
                </Group>
              );
            }}
            w={{ base: '100%', xs: 220 }}
            comboboxProps={{ withinPortal: true }}
            data-testid="task-type"
          />
          <TextInput
            label={t('tasks.fields.title')}
            value={v.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errorAt('title')}
            placeholder={generatedTitle || undefined}
            required={!generatedTitle}
            style={{ flex: '1 1 260px' }}
            data-autofocus
            data-testid="task-title"
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <RecordPicker
            type="organization"
            label={t('tasks.fields.organization')}
            value={v.organization?.id ?? null}
            selected={v.organization}
            onChange={(id, name) => set('organization', id && name ? { id, name } : null, 'organizationId')}
            error={errorAt('organizationId')}
            comboboxProps={{ withinPortal: true }}
            data-testid="task-organization"
          />
          <RecordPicker
            type="person"
            label={t('tasks.fields.person')}
            value={v.person?.id ?? null}
            selected={v.person}
            onChange={(id, name) => set('person', id && name ? { id, name } : null, 'personId')}
            error={errorAt('personId')}
            comboboxProps={{ withinPortal: true }}
            data-testid="task-person"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {!task && (
            <ParentTaskPicker
              label={t('tasks.fields.parent')}
              value={v.parent?.id ?? null}
              selected={v.parent}
              onChange={(id, name) => set('parent', id && name ? { id, name } : null, 'parentId')}
              error={errorAt('parentId')}
              comboboxProps={{ withinPortal: true }}
              data-testid="task-parent"
            />
          )}
          <Input.Wrapper label={t('tasks.fields.priority')}>
            <SegmentedControl
              fullWidth
              value={v.priority}
              onChange={(p) => set('priority', p as TaskFormValues['priority'])}
              data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
              aria-label={t('tasks.fields.priority')}
              data-testid="task-priority"
            />
          </Input.Wrapper>
        </SimpleGrid>

        <Switch label={t('tasks.fields.allDay')} checked={v.allDay} onChange={(e) => toggleAllDay(e.currentTarget.checked)} data-testid="task-all-day" />
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          {(['startsAt', 'endsAt', 'dueAt'] as const).map((key) =>
            v.allDay ? (
              <DateField key={key} label={t(`tasks.fields.${key}`)} value={v[key]} onChange={(x) => set(key, x)} error={errorAt(key)} data-testid={`task-${key}`} />
            ) : (
              <DateTimeField key={key} label={t(`tasks.fields.${key}`)} value={v[key]} onChange={(x) => set(key, x)} error={errorAt(key)} data-testid={`task-${key}`} />
            ),
          )}
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {task ? (
            <UserPicker
              label={t('tasks.fields.responsible')}
              value={v.assignees[0]?.id ?? null}
              selected={v.assignees[0] ?? null}
              onChange={(id, name) => set('assignees', id && name ? [{ id, name }] : [], 'responsibleId')}
              error={errorAt('responsibleId')}
              required
              comboboxProps={{ withinPortal: true }}
              data-testid="task-responsible"
            />
          ) : (
            <EmployeesPicker
              label={t('tasks.fields.assignees')}
              description={v.assignees.length > 1 ? t('tasks.form.severalAssignees', { count: v.assignees.length }) : undefined}
              value={v.assignees}
              onChange={(list) => set('assignees', list, 'responsibleId')}
              error={errorAt('responsibleId') ?? errorAt('assigneeIds')}
              required
              data-testid="task-assignees"
            />
          )}
          <UserPicker
            label={t('tasks.fields.controller')}
            value={v.controller?.id ?? null}
            selected={v.controller}
            onChange={(id, name) => set('controller', id && name ? { id, name } : null, 'controllerId')}
            error={errorAt('controllerId')}
            comboboxProps={{ withinPortal: true }}
            data-testid="task-controller"
          />
        </SimpleGrid>
        <EmployeesPicker
          label={t('tasks.fields.participants')}
          value={v.participants}
          onChange={(list) => set('participants', list, 'participantIds')}
          error={errorAt('participantIds')}
          data-testid="task-participants"
        />
        {isContact && (
          <Input.Wrapper label={t('tasks.fields.direction')}>
            <div>
            <SegmentedControl
              value={v.direction || 'none'}
              onChange={(d) => set('direction', d === 'none' ? '' : (d as TaskFormValues['direction']))}
              data={[
                { value: 'none', label: '—' },
                ...TASK_DIRECTIONS.map((d) => ({ value: d, label: t(`tasks.directions.${d}`) })),
              ]}
              aria-label={t('tasks.fields.direction')}
              data-testid="task-direction"
            />
            </div>
          </Input.Wrapper>
        )}
        <Textarea label={t('tasks.fields.plannedResult')} value={v.plannedResult} onChange={(e) => set('plannedResult', e.currentTarget.value)} error={errorAt('plannedResult')} autosize minRows={1} maxRows={4} data-testid="task-planned-result" />
        <Textarea label={t('tasks.fields.description')} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={errorAt('description')} autosize minRows={2} maxRows={8} data-testid="task-description" />

        {showResult && (
          <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
            {!task && <Switch label={t('tasks.form.alreadyDone')} checked={v.done} onChange={(e) => set('done', e.currentTarget.checked)} data-testid="task-done" />}
            {v.done && (
              <ResultFields
                type={type}
                value={v}
                onChange={(patch) => setValues((old) => ({ ...old, ...patch }))}
                errorFor={errorAt}
              />
            )}
          </Stack>
        )}

        <Accordion variant="separated" multiple chevronPosition="left">
          {/* One occurrence changed alone keeps no rule of its own: the repeat is edited for this and following. */}
          {!(task?.seriesId && scope === 'one') && (
          <Accordion.Item value="repeat">
            <Accordion.Control data-testid="section-repeat">
              <Group gap="xs">
                {t('tasks.form.repeat')}
                {(v.repeat.freq !== 'none' || v.repeatCustom) && <Badge size="xs" variant="light">{t('tasks.form.on')}</Badge>}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <RepeatPicker
                value={v.repeat}
                onChange={(repeat) => set('repeat', repeat, 'rrule')}
                startDay={startDay}
                custom={v.repeatCustom}
                customRule={v.rrule}
                onReplaceCustom={() => setValues((old) => ({ ...old, repeatCustom: false }))}
                error={errorAt('rrule')}
              />
            </Accordion.Panel>
          </Accordion.Item>
          )}
          <Accordion.Item value="reminders">
            <Accordion.Control data-testid="section-reminders">
              <Group gap="xs">
                {t('tasks.form.reminders')}
                {reminderCount > 0 && <Badge size="xs" variant="light">{reminderCount}</Badge>}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <RemindersEditor
                value={v.reminders}
                onChange={(rows) => set('reminders', rows)}
                errors={(i) => errorAt(`reminders.${i}`)}
                hasStart={Boolean(v.startsAt)}
                hasDue={Boolean(v.dueAt)}
              />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="notify">
            <Accordion.Control data-testid="section-notify">{t('tasks.form.notifications')}</Accordion.Control>
            <Accordion.Panel>
              <NotifySettings value={v.notify} onChange={(notify) => set('notify', notify)} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>

        <Group justify="space-between" gap="sm" mt="xs" wrap="wrap">
          {task?.seriesId ? (
            <SegmentedControl
              size="xs"
              value={scope}
              onChange={(s) => setScope(s as SeriesScope)}
              data={[
                { value: 'one', label: t('tasks.series.one') },
                { value: 'following', label: t('tasks.series.following') },
              ]}
              aria-label={t('tasks.series.scope')}
              data-testid="task-series-scope"
            />
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose} disabled={pending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="task-save">
              {task ? t('common.save') : t('tasks.form.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
      {openChildren.dialog}
    </form>
  );
}
