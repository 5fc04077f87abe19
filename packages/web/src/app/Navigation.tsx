import { NavLink, Stack } from '@mantine/core';
import {
  IconAddressBook,
  IconBuilding,
  IconCalendar,
  IconCopy,
  IconFileImport,
  IconHistory,
  IconHome,
  IconListCheck,
  IconCategory,
  IconChartBar,
  IconSettings,
  IconShieldLock,
  IconSitemap,
  IconTrash,
  IconForms,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { scopeOf, type Action, type ObjectType, type Permissions } from '@kontakt/shared/access';
import { useSession } from './session';

interface NavItem {
  to: string;
  key: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Shown only when the role may view this object. */
  object?: ObjectType;
  /** The action the role needs on `object` (view unless said). */
  action?: Action;
  /** Pages for heads: the role must reach beyond its own records (department or all). */
  wide?: boolean;
}

const ITEMS: NavItem[] = [
  { to: '/', key: 'home', icon: IconHome },
  { to: '/tasks', key: 'tasks', icon: IconListCheck, object: 'task' },
  { to: '/calendar', key: 'calendar', icon: IconCalendar, object: 'task' },
  { to: '/tasks/workload', key: 'workload', icon: IconChartBar, object: 'task', wide: true },
  { to: '/organizations', key: 'organizations', icon: IconBuilding, object: 'organization' },
  { to: '/persons', key: 'persons', icon: IconAddressBook, object: 'person' },
  { to: '/import', key: 'import', icon: IconFileImport, object: 'organization' },
  { to: '/duplicates', key: 'duplicates', icon: IconCopy, object: 'organization' },
  { to: '/recycle-bin', key: 'recycleBin', icon: IconTrash, object: 'organization' },
  { to: '/users', key: 'users', icon: IconUsers, object: 'user' },
  { to: '/departments', key: 'departments', icon: IconSitemap, object: 'department' },
  { to: '/roles', key: 'roles', icon: IconShieldLock, object: 'role' },
  { to: '/audit', key: 'audit', icon: IconHistory, object: 'audit' },
  { to: '/settings', key: 'settings', icon: IconSettings, object: 'settings' },
  { to: '/settings/custom-fields', key: 'customFields', icon: IconForms, object: 'custom_field', action: 'edit' },
  { to: '/settings/task-types', key: 'taskTypes', icon: IconCategory, object: 'task_type', action: 'edit' },
  { to: '/profile', key: 'profile', icon: IconUserCircle },
];

export function useVisibleNavItems(): NavItem[] {
  const { permissions, twoFactorSetupRequired } = useSession();
  // Until required two-factor login is on, the profile is the only page that works.
  if (twoFactorSetupRequired) return ITEMS.filter((item) => item.key === 'profile');
  return ITEMS.filter((item) => {
    if (!item.object) return true;
    const scope = scopeOf(permissions as Partial<Permissions>, item.object, item.action ?? 'view');
    return item.wide ? scope === 'department' || scope === 'all' : scope !== 'none';
  });
}

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = useVisibleNavItems();
  // The deepest matching item is the current one (/settings/custom-fields is not also "settings").
  const matches = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const current = items.filter((item) => matches(item.to)).sort((a, b) => b.to.length - a.to.length)[0]?.key;
  return (
    <Stack gap={2} component="nav" aria-label={t('nav.label')}>
      {items.map(({ to, key, icon: Icon }) => {
        const active = key === current;
        return (
          <NavLink
            key={key}
            component={Link}
            to={to}
            label={t(`nav.${key}`)}
            leftSection={<Icon size={20} stroke={1.6} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            data-testid={`nav-${key}`}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Stack>
  );
}

