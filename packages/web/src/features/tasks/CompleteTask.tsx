import { useState } from 'react';
import { Button, Group, Modal, Popover, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { TaskListItemDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { useOpenChildren } from './OpenChildren';
import { ResultFields, type ResultValues } from './ResultFields';
import { typeLabel } from './taskModel';
import { useCompleteTask, useTaskTypeMap } from './useTasks';

const EMPTY: ResultValues = { resultKey: null, resultText: '', minutesSpent: '', interest: 0 };

function useCompletion(task: Pick<TaskListItemDto, 'id' | 'version' | 'type' | 'title'>, onDone: () => void) {
  const { t } = useTranslation();
  const complete = useCompleteTask();
  const openChildren = useOpenChildren();
  const errors = useFormErrors(['resultKey', 'resultText', 'minutesSpent', 'interest']);
  const [values, setValues] = useState<ResultValues>(EMPTY);
  const submit = async () => {
    errors.clear();
    try {
      const done = await openChildren.run('close', (choice) =>
        complete.mutateAsync({
          id: task.id,
          body: {
            version: task.version,
            resultKey: values.resultKey,
            resultText: values.resultText.trim() || null,
            minutesSpent: values.minutesSpent === '' ? null : values.minutesSpent,
            interest: values.interest || null,
            openChildren: choice,
          },
        }),
      );
      if (!done) return;
      notifySuccess(t('tasks.actions.completed', { title: task.title }));
      setValues(EMPTY);
      onDone();
    } catch (error) {
      errors.handle(error);
    }
  };
  return { values, setValues, submit, errors, pending: complete.isPending, dialog: openChildren.dialog };
}

/** "Complete" with the result: the type's result options, a note, time spent and the client's interest. */
export function CompleteDialog({ task, opened, onClose }: { task: TaskListItemDto; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const types = useTaskTypeMap();
  const c = useCompletion(task, onClose);
  return (
    <Modal opened={opened} onClose={onClose} title={t('tasks.actions.completeTitle', { title: task.title })} centered size="lg">
      <Stack gap="sm" data-testid="complete-dialog">
        <FormAlert problem={c.errors.problem} />
        <ResultFields type={types.get(task.type.id)} value={c.values} onChange={(patch) => c.setValues((v) => ({ ...v, ...patch }))} errorFor={c.errors.errorFor} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="teal" leftSection={<IconCheck size={16} />} onClick={() => void c.submit()} loading={c.pending} data-testid="complete-submit">
            {t('tasks.actions.complete')}
          </Button>
        </Group>
      </Stack>
      {c.dialog}
    </Modal>
  );
}

/** One click from a list ("my day"): a popover with the type's result options and "done". */
export function QuickComplete({ task }: { task: TaskListItemDto }) {
  const { t } = useTranslation();
  const types = useTaskTypeMap();
  const [opened, setOpened] = useState(false);
  const c = useCompletion(task, () => setOpened(false));
  const type = types.get(task.type.id);
  return (
    <>
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="light"
          color="teal"
          leftSection={<IconCheck size={14} />}
          onClick={() => setOpened((o) => !o)}
          aria-label={t('tasks.actions.completeNamed', { title: task.title })}
          data-testid={`quick-complete-${task.id}`}
        >
          {t('tasks.actions.done')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" data-testid="quick-complete">
          <Text size="sm" fw={600} lineClamp={2}>
            {typeLabel(type ?? task.type, t)}: {task.title}
          </Text>
          <FormAlert problem={c.errors.problem} />
          <ResultFields type={type} value={c.values} onChange={(patch) => c.setValues((v) => ({ ...v, ...patch }))} errorFor={c.errors.errorFor} compact />
          <Button color="teal" size="xs" onClick={() => void c.submit()} loading={c.pending} data-testid="quick-complete-submit">
            {t('tasks.actions.complete')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
    {c.dialog}
    </>
  );
}
