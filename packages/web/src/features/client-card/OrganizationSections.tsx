import { Anchor, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { ORGANIZATION_KINDS, type OrganizationDto, type OrganizationKind } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckedInput } from '../../ui/CheckedInput';
import { BankAccountsEditor, BankAccountsView } from './BankAccountsEditor';
import { bankRows, banksBody, changedText, isBlankBank, ownsFields, requisiteProblem, same, textValues, type BankRow } from './clientModel';
import { Detail, SectionFrame, useSectionEditor } from './EditableSection';
import { RecordPicker } from './RecordPicker';
import { useFieldHint } from './useFieldHint';

const REQUISITES = ['legalForm', 'fullName', 'inn', 'kpp', 'ogrn', 'okpo'] as const;
const DETAILS = ['industry', 'region', 'source', 'website'] as const;

/** Legal form, full name and the registration numbers, each checked by its control digits while typing. */
export function RequisitesSection({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  const hint = useFieldHint();
  const editor = useSectionEditor({
    initial: () => textValues(org, REQUISITES),
    toBody: (v) => changedText(org, v, REQUISITES),
    owns: ownsFields(REQUISITES),
  });
  const v = editor.values;
  const input = (key: (typeof REQUISITES)[number]) => ({
    label: t(`clientCard.fields.${key}`),
    value: v[key],
    error: editor.errors.errorFor(key),
    'data-testid': `org-${key}`,
  });
  const digits = (key: 'inn' | 'kpp' | 'ogrn' | 'okpo', max: number) => ({
    ...input(key),
    inputMode: 'numeric' as const,
    maxLength: max,
    hint: hint(requisiteProblem(key, v[key])),
    onChange: (value: string) => editor.set(key, key === 'kpp' ? value.toUpperCase().replace(/\s/g, '') : value.replace(/\D/g, '')),
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.requisites')}
      name="requisites"
      editor={editor}
      form={
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...input('legalForm')} placeholder={t('clientCard.legalFormPlaceholder')} onChange={(e) => editor.set('legalForm', e.currentTarget.value)} />
          <TextInput {...input('fullName')} onChange={(e) => editor.set('fullName', e.currentTarget.value)} />
          <CheckedInput {...digits('inn', 12)} description={t('clientCard.innHint')} />
          <CheckedInput {...digits('kpp', 9)} />
          <CheckedInput {...digits('ogrn', 15)} />
          <CheckedInput {...digits('okpo', 10)} />
        </SimpleGrid>
      }
    >
      <SimpleGrid cols={2} spacing="sm">
        <Detail label={t('clientCard.fields.legalForm')}>{org.legalForm}</Detail>
        <Detail label={t('clientCard.fields.fullName')}>{org.fullName}</Detail>
        <Detail label={t('clientCard.fields.inn')} testId="org-inn-value">{org.inn}</Detail>
        <Detail label={t('clientCard.fields.kpp')}>{org.kpp}</Detail>
        <Detail label={t('clientCard.fields.ogrn')}>{org.ogrn}</Detail>
        <Detail label={t('clientCard.fields.okpo')}>{org.okpo}</Detail>
      </SimpleGrid>
    </SectionFrame>
  );
}

/** Name, kind, parent organization, industry, region, source, website: how the company sees this client. */
export function OrganizationDetailsSection({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  const editor = useSectionEditor({
    initial: () => ({
      ...textValues(org, DETAILS),
      name: org.name,
      kind: org.kind as OrganizationKind,
      parent: org.parent as { id: string; name: string } | null,
    }),
    toBody: (v) => {
      const body: Record<string, unknown> = changedText(org, v, DETAILS);
      if (v.name.trim() !== org.name) body.name = v.name.trim();
      if (v.kind !== org.kind) body.kind = v.kind;
      if ((v.parent?.id ?? null) !== (org.parent?.id ?? null)) body.parentId = v.parent?.id ?? null;
      return body;
    },
    owns: ownsFields(['name', 'kind', 'parentId', ...DETAILS]),
  });
  const v = editor.values;
  const text = (key: 'name' | (typeof DETAILS)[number]) => ({
    label: t(`clientCard.fields.${key}`),
    value: v[key],
    error: editor.errors.errorFor(key),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => editor.set(key, e.currentTarget.value),
    'data-testid': `org-${key}`,
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.details')}
      name="details"
      editor={editor}
      form={
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...text('name')} required />
          <NativeSelect
            label={t('clientCard.fields.kind')}
            data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`clientCard.kinds.${k}`) }))}
            value={v.kind}
            onChange={(e) => editor.set('kind', e.currentTarget.value as OrganizationKind)}
            error={editor.errors.errorFor('kind')}
            data-testid="org-kind"
          />
          <RecordPicker
            type="organization"
            label={t('clientCard.fields.parent')}
            placeholder={t('clientCard.parentPlaceholder')}
            value={v.parent?.id ?? null}
            selected={v.parent}
            excludeIds={[org.id]}
            onChange={(id, name) => editor.set('parent', id && name ? { id, name } : null, 'parentId')}
            error={editor.errors.errorFor('parentId')}
            data-testid="org-parent"
          />
          <TextInput {...text('industry')} />
          <TextInput {...text('region')} />
          <TextInput {...text('source')} placeholder={t('clientCard.sourcePlaceholder')} />
          <TextInput {...text('website')} placeholder="example.ru" />
        </SimpleGrid>
      }
    >
      <SimpleGrid cols={2} spacing="sm">
        <Detail label={t('clientCard.fields.kind')}>{t(`clientCard.kinds.${org.kind}`)}</Detail>
        <Detail label={t('clientCard.fields.parent')}>
          {org.parent && (
            <Anchor component={Link} to={`/organizations/${org.parent.id}`} size="sm">
              {org.parent.name}
            </Anchor>
          )}
        </Detail>
        <Detail label={t('clientCard.fields.industry')}>{org.industry}</Detail>
        <Detail label={t('clientCard.fields.region')}>{org.region}</Detail>
        <Detail label={t('clientCard.fields.source')}>{org.source}</Detail>
        <Detail label={t('clientCard.fields.website')}>
          {org.website && (
            <Anchor href={/^https?:\/\//i.test(org.website) ? org.website : `https://${org.website}`} target="_blank" rel="noreferrer" size="sm">
              {org.website}
            </Anchor>
          )}
        </Detail>
      </SimpleGrid>
    </SectionFrame>
  );
}

export function BankAccountsSection({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  const editor = useSectionEditor<{ rows: BankRow[] }>({
    initial: () => ({ rows: bankRows(org.bankAccounts) }),
    prepare: (v) => ({ rows: v.rows.filter((r) => !isBlankBank(r)) }),
    toBody: (v) => {
      const body = banksBody(v.rows);
      return same(body, banksBody(bankRows(org.bankAccounts))) ? null : { bankAccounts: body };
    },
    owns: ownsFields([], ['bankAccounts']),
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.bankAccounts')}
      name="bank"
      editor={editor}
      form={
        <BankAccountsEditor
          rows={editor.values.rows}
          onChange={(rows) => editor.setValues({ rows })}
          errorFor={editor.errors.errorFor}
          clearField={editor.errors.clearField}
        />
      }
    >
      <BankAccountsView accounts={org.bankAccounts} />
    </SectionFrame>
  );
}
