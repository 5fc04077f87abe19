import { useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Tooltip } from '@mantine/core';
import { IconUsersGroup, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { notifyError } from '../../ui/notify';
import { UserPicker } from '../users/UserPicker';
import { MAX_PEOPLE } from './calendarModel';

export interface PeopleBarProps {
  userIds: string[];
  colors: ReadonlyMap<string, string>;
  nameOf: (id: string) => string;
  absentToday: (id: string) => boolean;
  /** The new list, with the names of people just added (before the calendar answers with them). */
  onChange: (ids: string[], known: Record<string, string>) => void;
}

/** Whose calendar is shown: a chip per person in their colour, a picker to add one, or the whole department. */
export function PeopleBar({ userIds, colors, nameOf, absentToday, onChange }: PeopleBarProps) {
  const { t } = useTranslation();
  const me = useSession().user;
  const [loadingDepartment, setLoadingDepartment] = useState(false);
  const full = userIds.length >= MAX_PEOPLE;

  async function addDepartment() {
    if (!me.department) return;
    setLoadingDepartment(true);
    try {
      const page = await api.users.list({ departmentId: me.department.id, subdepartments: true, active: true, sort: 'name', limit: MAX_PEOPLE });
      const known = Object.fromEntries(page.items.map((u) => [u.id, u.name]));
      onChange([...new Set([...userIds, ...page.items.map((u) => u.id)])].slice(0, MAX_PEOPLE), known);
    } catch (error) {
      notifyError(error);
    } finally {
      setLoadingDepartment(false);
    }
  }

  return (
    <Group gap="xs" wrap="wrap" data-testid="calendar-people">
      {userIds.map((id) => {
        const away = absentToday(id);
        return (
          <Badge
            key={id}
            size="lg"
            radius="sm"
            variant="light"
            color={colors.get(id)}
            leftSection={<Box w={8} h={8} style={{ borderRadius: 4, background: `var(--mantine-color-${colors.get(id)}-6)` }} />}
            rightSection={
              userIds.length > 1 ? (
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  color={colors.get(id)}
                  onClick={() => onChange(userIds.filter((u) => u !== id), {})}
                  aria-label={t('calendar.people.remove', { name: nameOf(id) })}
                >
                  <IconX size={12} />
                </ActionIcon>
              ) : undefined
            }
            style={{ textTransform: 'none', fontWeight: 500 }}
            data-testid={`calendar-person-${id}`}
          >
            {nameOf(id)}
            {away ? ` · ${t('calendar.people.away')}` : ''}
          </Badge>
        );
      })}
      <Tooltip label={t('calendar.people.full', { count: MAX_PEOPLE })} disabled={!full} withArrow>
        <Box w={240}>
          <UserPicker
            value={null}
            size="xs"
            disabled={full}
            placeholder={t('calendar.people.add')}
            aria-label={t('calendar.people.add')}
            onChange={(id, name) => {
              if (id && !userIds.includes(id)) onChange([...userIds, id], { [id]: name ?? '' });
            }}
            data-testid="calendar-add-person"
          />
        </Box>
      </Tooltip>
      {me.department && (
        <Button size="xs" variant="subtle" leftSection={<IconUsersGroup size={14} />} loading={loadingDepartment} disabled={full} onClick={() => void addDepartment()}>
          {t('calendar.people.department')}
        </Button>
      )}
    </Group>
  );
}
