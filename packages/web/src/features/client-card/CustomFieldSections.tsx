import { SimpleGrid } from '@mantine/core';
import type { ClientType, CustomFieldDefDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { CustomFieldInput, CustomFieldValue } from '../custom-fields/CustomFieldInput';
import { customBody, groupBySection, isEmptyValue, toFormValue, type FormValue } from '../custom-fields/customFieldModel';
import { useCustomFieldDefs } from '../custom-fields/useCustomFields';
import { Detail, SectionFrame, useSectionEditor } from './EditableSection';

function CustomSection({ title, name, fields, custom }: { title: string; name: string; fields: CustomFieldDefDto[]; custom: Record<string, unknown> }) {
  const keys = fields.map((f) => `custom.${f.key}`);
  const editor = useSectionEditor<Record<string, FormValue>>({
    initial: () => Object.fromEntries(fields.map((f) => [f.key, toFormValue(f, custom[f.key])])),
    toBody: (values) => {
      const body = customBody(fields, custom, values);
      return Object.keys(body).length ? { custom: body } : null;
    },
    owns: (field) => keys.includes(field),
  });
  return (
    <SectionFrame
      title={title}
      name={name}
      editor={editor}
      form={
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {fields.map((def) => (
            <CustomFieldInput
              key={def.key}
              def={def}
              value={editor.values[def.key] ?? null}
              onChange={(v) => editor.set(def.key, v, `custom.${def.key}`)}
              error={editor.errors.errorFor(`custom.${def.key}`)}
            />
          ))}
        </SimpleGrid>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {fields.map((def) => (
          <Detail key={def.key} label={def.label} testId={`custom-value-${def.key}`}>
            {def.type === 'checkbox' || !isEmptyValue(custom[def.key]) ? <CustomFieldValue def={def} value={custom[def.key]} /> : null}
          </Detail>
        ))}
      </SimpleGrid>
    </SectionFrame>
  );
}

/** The administrator's custom fields, one card section per section name, in their order. */
export function CustomFieldSections({ type, custom }: { type: ClientType; custom: Record<string, unknown> }) {
  const { t } = useTranslation();
  const defs = useCustomFieldDefs(type);
  const active = (defs.data ?? []).filter((d) => d.active);
  if (active.length === 0) return null;
  return (
    <>
      {groupBySection(active).map(({ section, fields }, i) => (
        <CustomSection
          key={section || '-'}
          title={section || t('clientCard.sections.custom')}
          name={`custom-${i}`}
          fields={fields}
          custom={custom}
        />
      ))}
    </>
  );
}
