import { Flex, Paper, SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { departmentOptions } from '../departments/departmentModel';
import { useDepartments } from '../departments/useDepartments';
import { useRoles } from '../roles/useRoles';

interface UserFiltersProps {
  search: string;
  onSearch: (value: string) => void;
  departmentId: string | null;
  roleId: string | null;
  status: string;
  onChange: (key: 'departmentId' | 'roleId' | 'active', value: string | null) => void;
}

/** Search, department, role and status; lists the user may not read are simply not offered. */
export function UserFilters({ search, onSearch, departmentId, roleId, status, onChange }: UserFiltersProps) {
  const { t, i18n } = useTranslation();
  const canDepartments = useCan('department', 'view');
  const canRoles = useCan('role', 'view');
  const departments = useDepartments(canDepartments);
  const roles = useRoles(canRoles);

  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Flex gap="sm" wrap="wrap">
        <TextInput
          aria-label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          data-testid="user-search"
          style={{ flex: '2 1 240px' }}
        />
        {canDepartments && (
          <Select
            aria-label={t('fields.department')}
            placeholder={t('users.allDepartments')}
            data={departmentOptions(departments.data ?? [], i18n.language)}
            value={departmentId}
            onChange={(v) => onChange('departmentId', v)}
            clearable
            searchable
            style={{ flex: '1 1 200px' }}
          />
        )}
        {canRoles && (
          <Select
            aria-label={t('fields.role')}
            placeholder={t('users.allRoles')}
            data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={roleId}
            onChange={(v) => onChange('roleId', v)}
            clearable
            style={{ flex: '1 1 200px' }}
          />
        )}
        <SegmentedControl
          aria-label={t('fields.status')}
          value={status}
          onChange={(v) => onChange('active', v === 'all' ? null : v)}
          data={[
            { value: 'all', label: t('users.filterAll') },
            { value: 'true', label: t('users.filterActive') },
            { value: 'false', label: t('users.filterInactive') },
          ]}
          style={{ flex: '0 0 auto' }}
        />
      </Flex>
    </Paper>
  );
}
