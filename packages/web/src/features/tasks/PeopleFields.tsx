import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../users/UserPicker';
import { EmployeesPicker } from './Pickers';
import type { TaskFormValues } from './taskModel';

/**
 * Who does the task: on create one or several assignees (several make one task each), on edit the responsible;
 * the controller and the participants.
 */
export function PeopleFields({
  values: v,
  set,
  errorAt,
  editing,
}: {
  values: TaskFormValues;
  set: <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K], field?: string) => void;
  errorAt: (field: string) => string | undefined;
  editing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {editing ? (
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
    </>
  );
}
