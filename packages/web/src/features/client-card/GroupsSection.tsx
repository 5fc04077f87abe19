import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Popover, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconUsersGroup, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useCard } from './cardContext';
import { SectionFrame } from './EditableSection';
import { useGroupMembership, useGroups } from './useClientCard';

/** The record's groups: added and removed at once (no edit mode), each change refreshes the card. */
export function GroupsSection({ groups }: { groups: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const card = useCard();
  const [opened, setOpened] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [shared, setShared] = useState(true);
  const all = useGroups(opened);
  const membership = useGroupMembership(card.type, card.id);
  const editable = card.canEdit && !card.deleted;
  const memberIds = new Set(groups.map((g) => g.id));
  const options = (all.data ?? []).filter((g) => !memberIds.has(g.id)).map((g) => ({ value: g.id, label: g.name }));

  const add = (groupId: string, name: string) =>
    membership.add.mutate(groupId, {
      onSuccess: () => {
        notifySuccess(t('clientCard.groups.added', { name }));
        setChoice(null);
        setOpened(false);
      },
      onError: (e) => notifyError(e),
    });

  const createAndAdd = () => {
    const name = newName.trim();
    if (!name) return;
    membership.create.mutate(
      { name, shared },
      {
        onSuccess: (group) => {
          setNewName('');
          add(group.id, group.name);
        },
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <SectionFrame
      title={t('clientCard.sections.groups')}
      name="groups"
      actions={
        editable && (
          <Popover opened={opened} onChange={setOpened} position="bottom-end" width={300} trapFocus withinPortal>
            <Popover.Target>
              <ActionIcon variant="subtle" onClick={() => setOpened((o) => !o)} aria-label={t('clientCard.groups.add')} data-testid="groups-add">
                <IconPlus size={18} />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="xs">
                <Select
                  label={t('clientCard.groups.choose')}
                  data={options}
                  value={choice}
                  onChange={setChoice}
                  searchable
                  nothingFoundMessage={all.isPending ? t('common.loading') : t('common.nothingFound')}
                  comboboxProps={{ withinPortal: false }}
                  data-testid="groups-select"
                />
                <Button
                  size="xs"
                  disabled={!choice}
                  loading={membership.add.isPending}
                  onClick={() => choice && add(choice, options.find((o) => o.value === choice)?.label ?? '')}
                  data-testid="groups-add-submit"
                >
                  {t('clientCard.groups.addTo')}
                </Button>
                <Text size="xs" c="dimmed" mt="xs">
                  {t('clientCard.groups.orCreate')}
                </Text>
                <TextInput
                  aria-label={t('clientCard.groups.newName')}
                  placeholder={t('clientCard.groups.newName')}
                  value={newName}
                  onChange={(e) => setNewName(e.currentTarget.value)}
                  data-testid="groups-new-name"
                />
                <Switch label={t('clientCard.groups.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} size="xs" />
                <Button size="xs" variant="light" disabled={!newName.trim()} loading={membership.create.isPending} onClick={createAndAdd} data-testid="groups-create">
                  {t('clientCard.groups.create')}
                </Button>
              </Stack>
            </Popover.Dropdown>
          </Popover>
        )
      }
    >
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clientCard.groups.empty')}
        </Text>
      ) : (
        <Group gap={6}>
          {groups.map((g) => (
            <Badge
              key={g.id}
              variant="light"
              size="lg"
              radius="sm"
              tt="none"
              fw={500}
              leftSection={<IconUsersGroup size={14} />}
              rightSection={
                editable && (
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    aria-label={t('clientCard.groups.removeFrom', { name: g.name })}
                    onClick={() =>
                      membership.remove.mutate(g.id, {
                        onSuccess: () => notifySuccess(t('clientCard.groups.removed', { name: g.name })),
                        onError: (e) => notifyError(e),
                      })
                    }
                  >
                    <IconX size={12} />
                  </ActionIcon>
                )
              }
              data-testid="group-badge"
            >
              {g.name}
            </Badge>
          ))}
        </Group>
      )}
    </SectionFrame>
  );
}
