import { useRef, useState, type FormEvent } from 'react';
import { Button, Group, Input, Modal, SegmentedControl, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { TASK_DIRECTIONS, TASK_PRIORITIES, type TaskDto, type TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { useFormat } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { RecordPicker } from '../client-card/RecordPicker';
import { useOpenChildren } from './OpenChildren';
import { ParentTaskPicker } from './Pickers';
import { repeatProblem } from './repeatModel';
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
import { TaskTypeSelect } from './TaskTypeSelect';
import { TimeFields } from './TimeFields';
import { PeopleFields } from './PeopleFields';
import { TaskFormMore } from './TaskFormMore';
import { taskKey, useCreateTask, useTaskTypes, useUpdateTask } from './useTasks';
import { useQueryClient } from '@tanstack/react-query';

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
  const queryClient = useQueryClient();
  const pending = create.isPending || update.isPending;
  const formRef = useRef<HTMLFormElement>(null);

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

  const showResult = (!task && isContact) || task?.status === 'done';

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-label={task ? t('tasks.form.editTitle') : t('tasks.form.createTitle')} data-testid="task-form">
      <Stack gap="sm">
        <FormAlert
          problem={errors.problem}
          onReload={
            task
              ? () => {
                  // Someone changed the task meanwhile: show the fresh one, the user edits again from it.
                  void queryClient.invalidateQueries({ queryKey: taskKey(task.id) });
                  onClose();
                }
              : undefined
          }
        />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TaskTypeSelect
            label={t('tasks.fields.type')}
            value={v.typeId}
            onChange={(id) => set('typeId', id)}
            error={errorAt('typeId')}
            required
            w={{ base: '100%', xs: 220 }}
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

        <TimeFields
          value={v}
          onChange={(patch, field) => {
            setValues((old) => ({ ...old, ...patch }));
            if (field) errors.clearField(field);
          }}
          errorAt={errorAt}
        />

        <PeopleFields values={v} set={set} errorAt={errorAt} editing={Boolean(task)} />
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

        <TaskFormMore
          values={v}
          setValues={setValues}
          set={set}
          errorAt={errorAt}
          startDay={startDay}
          withRepeat={!(task?.seriesId && scope === 'one')}
        />

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
