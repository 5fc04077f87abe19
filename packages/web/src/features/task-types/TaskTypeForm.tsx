import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, CheckIcon, ColorSwatch, Group, Input, Modal, SimpleGrid, Stack, Switch, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TaskTypeDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { FormAlert, useFormErrors } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { TaskTypeIcon, TYPE_COLORS, TYPE_ICONS } from '../tasks/TaskTypeIcon';
import { useCreateTaskType, useUpdateTaskType } from '../tasks/useTasks';
import { typeFormBody, typeFormValues, type TypeFormValues } from './taskTypeModel';

/** Creating or editing a type: name, icon, colour, whether it is a contact with the client, and its results. */
export function TaskTypeForm({ type, onClose }: { type: TaskTypeDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTaskType();
  const update = useUpdateTaskType();
  const errors = useFormErrors((field) => ['name', 'icon', 'color', 'isContact'].includes(field) || field.startsWith('results'));
  const [v, setValues] = useState<TypeFormValues>(() => typeFormValues(type, t));
  const set = (patch: Partial<TypeFormValues>) => setValues((old) => ({ ...old, ...patch }));
  const setResult = (i: number, label: string) => set({ results: v.results.map((r, j) => (j === i ? { ...r, label } : r)) });
  const move = (i: number, by: number) => {
    const next = [...v.results];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    set({ results: next });
  };
  const resultError = (i: number) => Object.entries(errors.fieldErrors).find(([k]) => k.startsWith(`results.${i}`))?.[1];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const body = typeFormBody(v, type, t);
    try {
      if (type) await update.mutateAsync({ id: type.id, ...body, version: type.version });
      else await create.mutateAsync({ ...body, name: body.name ?? v.name.trim() });
      notifySuccess(t('common.saved'));
      onClose();
    } catch (error) {
      errors.handle(error);
    }
  };
  const preview = { key: type?.key ?? null, name: v.name, icon: v.icon, color: v.color };

  return (
    <Modal opened onClose={onClose} title={type ? t('taskTypes.editTitle') : t('taskTypes.createTitle')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="task-type-form">
        <Stack gap="sm">
          <FormAlert problem={errors.problem} />
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TaskTypeIcon type={preview} size={42} />
            <TextInput
              label={t('taskTypes.name')}
              value={v.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={errors.errorFor('name')}
              required
              style={{ flex: 1 }}
              data-autofocus
              data-testid="type-name"
            />
          </Group>
          {type?.key && (
            <Text size="xs" c="dimmed">
              {t('taskTypes.builtInHint')}
            </Text>
          )}
          <Input.Wrapper label={t('taskTypes.icon')} error={errors.errorFor('icon')}>
            <Group gap={4} mt={4} role="radiogroup" aria-label={t('taskTypes.icon')}>
              {Object.entries(TYPE_ICONS).map(([name, Icon]) => (
                <Tooltip key={name} label={name} openDelay={500}>
                  <ActionIcon
                    variant={v.icon === name ? 'filled' : 'subtle'}
                    color={v.icon === name ? v.color : 'gray'}
                    size="lg"
                    onClick={() => set({ icon: name })}
                    role="radio"
                    aria-checked={v.icon === name}
                    aria-label={name}
                    data-testid={`type-icon-${name}`}
                  >
                    <Icon size={18} />
                  </ActionIcon>
                </Tooltip>
              ))}
            </Group>
          </Input.Wrapper>
          <Input.Wrapper label={t('taskTypes.color')} error={errors.errorFor('color')}>
            <Group gap={6} mt={4} role="radiogroup" aria-label={t('taskTypes.color')}>
              {TYPE_COLORS.map((color) => (
                <UnstyledButton key={color} onClick={() => set({ color })} role="radio" aria-checked={v.color === color} aria-label={t(`taskTypes.colors.${color}`)} data-testid={`type-color-${color}`}>
                  <ColorSwatch color={`var(--mantine-color-${color}-6)`} size={26}>
                    {v.color === color && <CheckIcon size={10} color="white" />}
                  </ColorSwatch>
                </UnstyledButton>
              ))}
            </Group>
          </Input.Wrapper>
          <Switch
            label={t('taskTypes.isContact')}
            description={t('taskTypes.isContactHint')}
            checked={v.isContact}
            onChange={(e) => set({ isContact: e.currentTarget.checked })}
            data-testid="type-contact"
          />
          <Input.Wrapper label={t('taskTypes.results')} description={t('taskTypes.resultsHint')}>
            <Stack gap={6} mt={6}>
              {v.results.map((r, i) => (
                <Group key={r.id} gap={4} wrap="nowrap" align="flex-start">
                  <TextInput
                    value={r.label}
                    onChange={(e) => setResult(i, e.currentTarget.value)}
                    placeholder={r.key ? t(`tasks.results.${r.key}`, { defaultValue: r.key }) : t('taskTypes.resultPlaceholder')}
                    error={resultError(i)}
                    aria-label={t('taskTypes.resultN', { n: i + 1 })}
                    style={{ flex: 1 }}
                    data-testid={`type-result-${i}`}
                  />
                  <ActionIcon variant="subtle" size="lg" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('taskTypes.moveUp')}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" size="lg" onClick={() => move(i, 1)} disabled={i === v.results.length - 1} aria-label={t('taskTypes.moveDown')}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" size="lg" onClick={() => set({ results: v.results.filter((_, j) => j !== i) })} aria-label={t('taskTypes.removeResult')}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => set({ results: [...v.results, { id: `new-${Date.now()}`, key: null, label: '' }] })}
                  disabled={v.results.length >= 30}
                  data-testid="type-result-add"
                >
                  {t('taskTypes.addResult')}
                </Button>
              </Group>
            </Stack>
          </Input.Wrapper>
          <SimpleGrid cols={1}>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending} data-testid="type-save">
                {type ? t('common.save') : t('common.create')}
              </Button>
            </Group>
          </SimpleGrid>
        </Stack>
      </form>
    </Modal>
  );
}
