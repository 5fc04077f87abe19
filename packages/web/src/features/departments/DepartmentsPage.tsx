import { useMemo, useState } from 'react';
import { Button, Paper } from '@mantine/core';
import { IconPlus, IconSitemap } from '@tabler/icons-react';
import type { DepartmentDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../ui/states';
import { buildTree } from './departmentModel';
import { DepartmentForm, type DepartmentFormTarget } from './DepartmentForm';
import { DepartmentTree } from './DepartmentTree';
import { useDeleteDepartment, useDepartments } from './useDepartments';

export default function DepartmentsPage() {
  const { t, i18n } = useTranslation();
  const query = useDepartments();
  const remove = useDeleteDepartment();
  const canCreate = useCan('department', 'create');
  const canEdit = useCan('department', 'edit');
  const canDelete = useCan('department', 'delete');
  const [form, setForm] = useState<DepartmentFormTarget | null>(null);
  const [deleting, setDeleting] = useState<DepartmentDto | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const all = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => buildTree(all, i18n.language), [all, i18n.language]);

  const toggle = (id: string) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(
      { id: deleting.id, version: deleting.version },
      {
        onSuccess: () => notifySuccess(t('departments.deleted', { name: deleting.name })),
        onError: (error) => notifyError(error, { onConflict: () => void query.refetch() }),
        onSettled: () => setDeleting(null),
      },
    );
  };

  const createButton = canCreate && (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setForm({ mode: 'create', parentId: null })} data-testid="department-create">
      {t('departments.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('departments.title')} description={t('departments.description')} actions={createButton} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : tree.length === 0 ? (
        <Empty icon={<IconSitemap size={28} />} title={t('departments.empty')} description={t('departments.emptyHint')} />
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DepartmentTree
            nodes={tree}
            collapsed={collapsed}
            onToggle={toggle}
            actions={{
              canCreate,
              canEdit,
              canDelete,
              onAddChild: (parent) => setForm({ mode: 'create', parentId: parent.id }),
              onEdit: (department) => setForm({ mode: 'edit', department }),
              onDelete: setDeleting,
            }}
          />
        </Paper>
      )}
      {form && <DepartmentForm target={form} all={all} onClose={() => setForm(null)} onReload={() => void query.refetch()} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('departments.deleteTitle')}
        message={t('departments.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
