import { useState, type FormEvent } from 'react';
import { ActionIcon, Autocomplete, Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { CHOICE_FIELD_TYPES, CUSTOM_FIELD_TYPES, type ClientType, type CustomFieldDefDto, type CustomFieldType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { FormAlert } from '../../ui/formErrors';
import { ownsFields } from '../client-card/clientModel';
import { useSectionErrors } from '../client-card/useSectionErrors';
import { useCustomFieldMutations } from './useCustomFields';

interface OptionRow {
  /** Kept for saved options so records that hold it keep their value when the label is renamed. */
  value: string | null;
  label: string;
}

interface CustomFieldFormProps {
  objectType: ClientType;
  /** The field to change; a new one when absent. */
  field?: CustomFieldDefDto;
  sections: string[];
  nextPosition: number;
  opened: boolean;
  onClose: () => void;
}

/** Label, key, type, required, choices, section and order of one custom field. */
export function CustomFieldForm({ objectType, field, sections, nextPosition, opened, onClose }: CustomFieldFormProps) {
  const { t } = useTranslation();
  const { create, update } = useCustomFieldMutations();
  const errors = useSectionErrors(ownsFields(['label', 'key', 'type', 'required', 'section', 'position'], ['options']));
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [required, setRequired] = useState(field?.required ?? false);
  const [section, setSection] = useState(field?.section ?? '');
  const [position, setPosition] = useState<number>(field?.position ?? nextPosition);
  const [options, setOptions] = useState<OptionRow[]>(field?.options.map((o) => ({ value: o.value, label: o.label })) ?? []);
  const isChoice = CHOICE_FIELD_TYPES.includes(type);
  const pending = create.isPending || update.isPending;

  const close = () => {
    errors.clear();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const cleanOptions = options
      .filter((o) => o.label.trim())
      .map((o) => ({ value: o.value ?? o.label.trim().slice(0, 100), label: o.label.trim() }));
    const common = {
      label: label.trim(),
      type,
      required,
      section: section.trim() || null,
      position,
      options: isChoice ? cleanOptions : [],
    };
    const done = (saved: CustomFieldDefDto) => {
      notifySuccess(t(field ? 'customFields.saved' : 'customFields.created', { name: saved.label }));
      close();
    };
    if (field) {
      update.mutate({ id: field.id, body: { ...common, version: field.version } }, { onSuccess: done, onError: errors.handle });
    } else {
      create.mutate({ ...common, objectType, ...(key.trim() ? { key: key.trim() } : {}) }, { onSuccess: done, onError: errors.handle });
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={field ? t('customFields.editTitle') : t('customFields.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert problem={errors.problem} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('customFields.label')}
              required
              value={label}
              onChange={(e) => {
                setLabel(e.currentTarget.value);
                errors.clearField('label');
              }}
              error={errors.errorFor('label')}
              data-testid="cf-label"
              data-autofocus
            />
            <TextInput
              label={t('customFields.key')}
              description={field ? t('customFields.keyFixed') : t('customFields.keyHint')}
              value={key}
              disabled={Boolean(field)}
              onChange={(e) => {
                setKey(e.currentTarget.value.toLowerCase());
                errors.clearField('key');
              }}
              error={errors.errorFor('key')}
              data-testid="cf-key"
            />
            <NativeSelect
              label={t('customFields.type')}
              data={CUSTOM_FIELD_TYPES.map((ty) => ({ value: ty, label: t(`customFields.types.${ty}`) }))}
              value={type}
              onChange={(e) => {
                setType(e.currentTarget.value as CustomFieldType);
                errors.clearField('type');
              }}
              error={errors.errorFor('type')}
              data-testid="cf-type"
            />
            <Autocomplete
              label={t('customFields.section')}
              description={t('customFields.sectionHint')}
              data={sections}
              value={section}
              onChange={setSection}
              error={errors.errorFor('section')}
              data-testid="cf-section"
            />
            <NumberInput
              label={t('customFields.position')}
              description={t('customFields.positionHint')}
              min={0}
              max={100000}
              allowDecimal={false}
              value={position}
              onChange={(v) => setPosition(typeof v === 'number' ? v : Number(v) || 0)}
              error={errors.errorFor('position')}
              data-testid="cf-position"
            />
            <Checkbox
              label={t('customFields.required')}
              description={t('customFields.requiredHint')}
              checked={required}
              onChange={(e) => setRequired(e.currentTarget.checked)}
              mt={{ base: 0, sm: 'xl' }}
              data-testid="cf-required"
            />
          </SimpleGrid>
          {isChoice && (
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('customFields.options')}
              </Text>
              {options.map((o, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput
                    style={{ flex: 1 }}
                    aria-label={t('customFields.optionN', { n: i + 1 })}
                    value={o.label}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setOptions((all) => all.map((x, j) => (j === i ? { ...x, label: value } : x)));
                      errors.clearField(`options.${i}.label`);
                    }}
                    error={errors.errorFor(`options.${i}.label`) ?? errors.errorFor(`options.${i}.value`)}
                    data-testid={`cf-option-${i}`}
                  />
                  <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('customFields.removeOptionN', { n: i + 1 })} onClick={() => setOptions((all) => all.filter((_, j) => j !== i))}>
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              ))}
              {errors.errorFor('options') && (
                <Text size="xs" c="red">
                  {errors.errorFor('options')}
                </Text>
              )}
              <Group>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setOptions((all) => [...all, { value: null, label: '' }])} data-testid="cf-option-add">
                  {t('customFields.addOption')}
                </Button>
              </Group>
            </Stack>
          )}
          <FormActions submitLabel={field ? t('common.save') : t('customFields.create')} onCancel={close} loading={pending} testId="cf-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
