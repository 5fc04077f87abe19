import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { CustomFieldInput } from '../custom-fields/CustomFieldInput';
import { groupBySection, toApiValue, type FormValue } from '../custom-fields/customFieldModel';
import { useCustomFieldDefs } from '../custom-fields/useCustomFields';

/** A titled block of a create form. */
export function FormBlock({ title, children, name }: { title: string; children: ReactNode; name: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title} data-testid={`block-${name}`}>
      <Title order={4} fz="md" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

/** Every active custom field of the type, by section, for a new record. */
export function CustomFieldsBlocks({
  type,
  values,
  onChange,
  errorFor,
}: {
  type: ClientType;
  values: Record<string, FormValue>;
  onChange: (key: string, value: FormValue) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const defs = useCustomFieldDefs(type);
  const active = (defs.data ?? []).filter((d) => d.active);
  if (active.length === 0) return null;
  return (
    <>
      {groupBySection(active).map(({ section, fields }) => (
        <FormBlock key={section || '-'} title={section || t('clientCard.sections.custom')} name={`custom-${section || 'default'}`}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {fields.map((def) => (
              <CustomFieldInput
                key={def.key}
                def={def}
                value={values[def.key] ?? (def.type === 'checkbox' ? false : def.type === 'multi_choice' ? [] : def.type === 'user' || def.type === 'organization' || def.type === 'person' ? null : '')}
                onChange={(v) => onChange(def.key, v)}
                error={errorFor(`custom.${def.key}`)}
              />
            ))}
          </SimpleGrid>
        </FormBlock>
      ))}
    </>
  );
}

/** Custom values of a new record: only the filled ones, converted the way the API reads them. */
export function useCustomCreateBody(type: ClientType) {
  const defs = useCustomFieldDefs(type);
  return (values: Record<string, FormValue>) => {
    const body: Record<string, unknown> = {};
    for (const def of defs.data ?? []) {
      if (!def.active || !(def.key in values)) continue;
      const value = toApiValue(def, values[def.key] ?? null);
      if (value !== null && value !== false) body[def.key] = value;
    }
    return body;
  };
}
