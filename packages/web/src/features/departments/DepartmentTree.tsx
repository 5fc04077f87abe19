import { ActionIcon, Badge, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDots, IconPencil, IconPlus, IconTrash, IconUser } from '@tabler/icons-react';
import type { DepartmentDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import type { DepartmentNode } from './departmentModel';

export interface TreeActions {
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
  onAddChild: (parent: DepartmentDto) => void;
  onEdit: (department: DepartmentDto) => void;
  onDelete: (department: DepartmentDto) => void;
}

interface TreeProps {
  nodes: DepartmentNode[];
  collapsed: Set<string>;
  onToggle: (id: string) => void;
  actions: TreeActions;
  depth?: number;
}

/** Nested list (ARIA tree semantics kept simple: a list of lists); each level indents by 20 px. */
export function DepartmentTree({ nodes, collapsed, onToggle, actions, depth = 0 }: TreeProps) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {nodes.map((node) => (
        <Box component="li" key={node.department.id}>
          <DepartmentRow node={node} depth={depth} open={!collapsed.has(node.department.id)} onToggle={onToggle} actions={actions} />
          {node.children.length > 0 && !collapsed.has(node.department.id) && (
            <DepartmentTree nodes={node.children} collapsed={collapsed} onToggle={onToggle} actions={actions} depth={depth + 1} />
          )}
        </Box>
      ))}
    </Box>
  );
}

function DepartmentRow({ node, depth, open, onToggle, actions }: { node: DepartmentNode; depth: number; open: boolean; onToggle: (id: string) => void; actions: TreeActions }) {
  const { t } = useTranslation();
  const d = node.department;
  const hasChildren = node.children.length > 0;
  const anyAction = actions.canCreate || actions.canEdit || actions.canDelete;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      py={8}
      pr="xs"
      pl={`calc(${depth} * 20px + 8px)`}
      data-testid={`department-row-${d.name}`}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      {hasChildren ? (
        <UnstyledButton
          onClick={() => onToggle(d.id)}
          aria-expanded={open}
          aria-label={open ? t('departments.collapse', { name: d.name }) : t('departments.expand', { name: d.name })}
          style={{ display: 'flex', borderRadius: 4 }}
        >
          {open ? <IconChevronDown size={18} /> : <IconChevronRight size={18} />}
        </UnstyledButton>
      ) : (
        <Box w={18} />
      )}
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {d.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          <IconUser size={12} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed" truncate>
            {d.head ? d.head.name : t('departments.noHead')}
            <Text span size="xs" hiddenFrom="sm">
              {' · '}
              {t('departments.userCount', { count: d.userCount })}
            </Text>
          </Text>
        </Group>
      </Box>
      <Badge variant="light" color="gray" visibleFrom="sm" style={{ flexShrink: 0 }} title={t('departments.userCount', { count: d.userCount })}>
        {t('departments.userCount', { count: d.userCount })}
      </Badge>
      {anyAction && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('departments.actions', { name: d.name })} data-testid={`department-actions-${d.name}`}>
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {actions.canCreate && (
              <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => actions.onAddChild(d)}>
                {t('departments.addChild')}
              </Menu.Item>
            )}
            {actions.canEdit && (
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.onEdit(d)}>
                {t('departments.edit')}
              </Menu.Item>
            )}
            {actions.canDelete && (
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => actions.onDelete(d)}>
                {t('common.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
