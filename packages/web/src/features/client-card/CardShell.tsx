import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Box, Button, Group, Popover, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconRestore, IconTrash, IconUserShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useScope, useSession } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFormat } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UserPicker } from '../users/UserPicker';
import { CardContext, useCard, type CardContextValue } from './cardContext';
import { scopeAllows } from './clientModel';
import { HistoryTab } from './HistoryTab';
import { HistoryTimeline } from './HistoryTimeline';
import { useRemoveRecord, useRestoreRecord } from './useClientCard';
import { asksAboutOpenTasks, OpenTasksDialog, type OpenTasksChoice } from '../clients/OpenTasksDialog';

/** The responsible manager with a "hand over" popover: saving records the handoff and notifies the new one. */
export function ResponsibleControl({ responsible }: { responsible: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const card = useCard();
  const [opened, setOpened] = useState(false);
  const [choice, setChoice] = useState<{ id: string; name: string } | null>(responsible);
  const [pending, setPending] = useState(false);
  const editable = card.canEdit && !card.deleted;

  const save = async () => {
    setPending(true);
    try {
      await card.save({ responsibleId: choice?.id ?? null });
      notifySuccess(choice ? t('clientCard.responsible.handedOver', { name: choice.name }) : t('common.saved'));
      setOpened(false);
    } catch (error) {
      notifyError(error, { onConflict: card.reload });
    } finally {
      setPending(false);
    }
  };

  return (
    <Group gap={6} wrap="nowrap" component="span">
      <Text span size="sm" c="dimmed">
        {t('clientCard.responsible.label')}:
      </Text>
      {responsible ? (
        <Anchor component={Link} to={`/users/${responsible.id}`} size="sm" data-testid="card-responsible">
          {responsible.name}
        </Anchor>
      ) : (
        <Text span size="sm" data-testid="card-responsible">
          {t('clientCard.responsible.none')}
        </Text>
      )}
      {editable && (
        <Popover opened={opened} onChange={setOpened} position="bottom-start" width={300} trapFocus withinPortal>
          <Popover.Target>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconUserShare size={14} />}
              onClick={() => {
                setChoice(responsible);
                setOpened((o) => !o);
              }}
              data-testid="responsible-change"
            >
              {t('clientCard.responsible.change')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap="xs">
              <UserPicker
                label={t('clientCard.responsible.new')}
                value={choice?.id ?? null}
                selected={choice}
                onChange={(id, name) => setChoice(id && name ? { id, name } : null)}
                comboboxProps={{ withinPortal: false }}
                data-testid="responsible-picker"
              />
              <Text size="xs" c="dimmed">
                {t('clientCard.responsible.hint')}
              </Text>
              <Button size="xs" onClick={() => void save()} loading={pending} disabled={(choice?.id ?? null) === (responsible?.id ?? null)} data-testid="responsible-save">
                {t('clientCard.responsible.handOver')}
              </Button>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}

interface CardShellProps {
  card: Omit<CardContextValue, 'canEdit'>;
  /** Who owns the record, for the "own" scope of the role. */
  owner: { responsibleId: string | null; createdById: string | null };
  title: string;
  backTo: { to: string; label: string };
  badges?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  deletedAt: string | null;
  children: ReactNode;
}

/**
 * What both cards share: back link, title with badges and actions, delete / restore, the deleted banner,
 * and the tabs: the card, the history of contacts (tasks) and the history of changes (the tab is kept in ?tab=
 * so a reload or a shared link keeps it).
 */
export function CardShell({ card, owner, title, backTo, badges, subtitle, actions, deletedAt, children }: CardShellProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const canTasks = useScope('task', 'view') !== 'none';
  const asked = params.get('tab');
  const tab = asked === 'history' || (asked === 'contacts' && canTasks) ? asked : 'card';
  const me = useSession().user.id;
  const canEdit = scopeAllows(useScope(card.type, 'edit'), owner, me);
  const canDelete = scopeAllows(useScope(card.type, 'delete'), owner, me);
  const remove = useRemoveRecord(card.type);
  const restore = useRestoreRecord(card.type);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [openTasksQuestion, setOpenTasksQuestion] = useState<string | null>(null);
  const context: CardContextValue = { ...card, canEdit };
  const kindWord = card.type === 'organization' ? 'organization' : 'person';

  const doDelete = (openTasks?: OpenTasksChoice) =>
    remove.mutate(
      { id: card.id, version: card.version, ...(openTasks ? { openTasks } : {}) },
      {
        onSuccess: () => {
          setConfirmDelete(false);
          setOpenTasksQuestion(null);
          // The record is only in the recycle bin: the notice offers to bring it back at once.
          const notice = notifications.show({
            color: 'teal',
            autoClose: 8000,
            message: (
              <Stack gap={6} align="flex-start">
                <Text size="sm">{t(`clientCard.deleted.${kindWord}`, { name: card.name })}</Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => {
                    notifications.hide(notice);
                    void navigate(`/${card.type === 'organization' ? 'organizations' : 'persons'}/${card.id}`);
                    doRestore();
                  }}
                  data-testid="undo-delete"
                >
                  {t('clientCard.restore')}
                </Button>
              </Stack>
            ),
          });
          void navigate(backTo.to);
        },
        onError: (error) => {
          setConfirmDelete(false);
          const question = asksAboutOpenTasks(error);
          setOpenTasksQuestion(question);
          if (!question) notifyError(error, { onConflict: card.reload });
        },
      },
    );
  const doRestore = () =>
    restore.mutate(card.id, {
      onSuccess: () => {
        notifySuccess(t(`clientCard.restored.${kindWord}`, { name: card.name }));
        card.reload();
      },
      onError: (error) => notifyError(error),
    });

  return (
    <CardContext.Provider value={context}>
      <Anchor component={Link} to={backTo.to} size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {backTo.label}
      </Anchor>
      <PageHeader
        title={title}
        description={
          <Stack gap={6} component="span">
            {badges && (
              <Group gap="xs" component="span" wrap="wrap">
                {badges}
              </Group>
            )}
            {subtitle}
          </Stack>
        }
        actions={
          <>
            {!deletedAt && actions}
            {deletedAt
              ? canDelete && (
                  <Button leftSection={<IconRestore size={16} />} onClick={doRestore} loading={restore.isPending} data-testid="card-restore">
                    {t('clientCard.restore')}
                  </Button>
                )
              : canDelete && (
                  <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)} data-testid="card-delete">
                    {t('common.delete')}
                  </Button>
                )}
          </>
        }
      />
      {deletedAt && (
        <Alert color="orange" mb="md" icon={<IconTrash size={18} />} title={t('clientCard.inRecycleBin')} data-testid="card-deleted">
          {t('clientCard.inRecycleBinText', { date: fmt.dateTime(deletedAt) })}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'card' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="card" data-testid="tab-card">
            {t('clientCard.tabs.card')}
          </Tabs.Tab>
          {canTasks && (
            <Tabs.Tab value="contacts" data-testid="tab-contacts">
              {/* Three tabs fit a phone only with the short name. */}
              <Box component="span" visibleFrom="xs">
                {t('clientCard.tabs.contacts')}
              </Box>
              <Box component="span" hiddenFrom="xs">
                {t('clientCard.tabs.contactsShort')}
              </Box>
            </Tabs.Tab>
          )}
          <Tabs.Tab value="history" data-testid="tab-history">
            {t('clientCard.tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="card">{children}</Tabs.Panel>
        {canTasks && (
          <Tabs.Panel value="contacts">
            <HistoryTimeline type={card.type} id={card.id} name={card.name} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="history">
          <HistoryTab type={card.type} id={card.id} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmDialog
        opened={confirmDelete}
        title={t(`clientCard.deleteTitle.${kindWord}`)}
        message={t(`clientCard.deleteConfirm.${kindWord}`, { name: card.name })}
        confirmLabel={t('clientCard.moveToBin')}
        loading={remove.isPending}
        onConfirm={() => doDelete()}
        onClose={() => setConfirmDelete(false)}
      />
      <OpenTasksDialog question={openTasksQuestion} loading={remove.isPending} onChoose={doDelete} onClose={() => setOpenTasksQuestion(null)} />
    </CardContext.Provider>
  );
}

