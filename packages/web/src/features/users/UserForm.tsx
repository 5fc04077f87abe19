import { useMemo, useState, type FormEvent } from 'react';
import { NativeSelect, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@kontakt/shared/locale';
import type { UserDto } from '@kontakt/shared';
import { useCan } from '../../app/session';
import { FormAlert, type FormProblem } from '../../ui/formErrors';
import { timeZoneOptions } from '../../ui/format';
import { departmentOptions } from '../departments/departmentModel';
import { useDepartments } from '../departments/useDepartments';
import { useRoles } from '../roles/useRoles';
import { UserPicker } from './UserPicker';
import type { UserFormValues } from './userModel';
import { FormActions } from '../../ui/FormActions';

interface UserFormProps {
  mode: 'create' | 'edit';
  initial: UserFormValues;
  user?: UserDto;
  submitting: boolean;
  errorFor: (field: string) => string | undefined;
  problem: FormProblem | null;
  onSubmit: (values: UserFormValues) => void;
  onCancel?: () => void;
  onReload?: () => void;
  onChangeField?: (field: string) => void;
}

export function UserForm({ mode, initial, user, submitting, errorFor, problem, onSubmit, onCancel, onReload, onChangeField }: UserFormProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState(initial);
  const departments = useDepartments(useCan('department', 'view'));
  const roles = useRoles(useCan('role', 'view'));
  const zones = useMemo(timeZoneOptions, []);

  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    onChangeField?.(key);
  };
  const text = (key: 'name' | 'email' | 'password' | 'position' | 'phone') => ({
    value: values[key],
    error: errorFor(key),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value),
  });

  // Lists the user may not be allowed to read still show the current value.
  const departmentData = useMemo(() => {
    const options = departmentOptions(departments.data ?? [], i18n.language);
    if (user?.department && !options.some((o) => o.value === user.department?.id)) {
      options.unshift({ value: user.department.id, label: user.department.name });
    }
    return [{ value: '', label: t('users.noDepartment') }, ...options];
  }, [departments.data, user, i18n.language, t]);
  const roleData = useMemo(() => {
    const options = (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }));
    if (user && !options.some((o) => o.value === user.role.id)) options.unshift({ value: user.role.id, label: user.role.name });
    return mode === 'create' ? [{ value: '', label: t('users.chooseRole') }, ...options] : options;
  }, [roles.data, user, mode, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert problem={problem} onReload={onReload} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.name')} required {...text('name')} data-testid="user-name" data-autofocus />
          <TextInput label={t('fields.email')} type="email" required autoComplete="off" {...text('email')} data-testid="user-email" />
          {mode === 'create' && (
            <PasswordInput
              label={t('fields.password')}
              description={t('users.passwordHint')}
              required
              autoComplete="new-password"
              {...text('password')}
              data-testid="user-password"
            />
          )}
          <TextInput label={t('fields.position')} {...text('position')} data-testid="user-position" />
          <TextInput label={t('fields.phone')} type="tel" {...text('phone')} data-testid="user-phone" />
          <NativeSelect
            label={t('fields.department')}
            data={departmentData}
            value={values.departmentId}
            onChange={(e) => set('departmentId', e.currentTarget.value)}
            error={errorFor('departmentId')}
            data-testid="user-department"
          />
          <UserPicker
            label={t('fields.manager')}
            placeholder={t('users.noManager')}
            value={values.managerId}
            selected={values.managerId && values.managerName ? { id: values.managerId, name: values.managerName } : null}
            excludeId={user?.id}
            onChange={(id, name) => {
              setValues((v) => ({ ...v, managerId: id, managerName: name }));
              onChangeField?.('managerId');
            }}
            error={errorFor('managerId')}
            data-testid="user-manager"
          />
          <NativeSelect
            label={t('fields.role')}
            required
            data={roleData}
            value={values.roleId}
            onChange={(e) => set('roleId', e.currentTarget.value)}
            error={errorFor('roleId')}
            data-testid="user-role"
          />
          <NativeSelect
            label={t('fields.language')}
            data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={values.language}
            onChange={(e) => set('language', e.currentTarget.value as UserFormValues['language'])}
            error={errorFor('language')}
            data-testid="user-language"
          />
          <Select
            label={t('fields.timeZone')}
            searchable
            data={zones}
            value={values.timeZone}
            onChange={(zone) => zone && set('timeZone', zone)}
            error={errorFor('timeZone')}
            limit={100}
            data-testid="user-timezone"
          />
        </SimpleGrid>
        <FormActions submitLabel={mode === 'create' ? t('users.create') : t('common.save')} onCancel={onCancel} loading={submitting} testId="user-submit" />
      </Stack>
    </form>
  );
}
