import { useState, type FormEvent } from 'react';
import { Anchor, Grid, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { ORGANIZATION_KINDS, type CreateOrganizationBody, type OrganizationKind } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { CheckedInput } from '../../ui/CheckedInput';
import { FormActions } from '../../ui/FormActions';
import { FormAlert } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UserPicker } from '../users/UserPicker';
import type { FormValue } from '../custom-fields/customFieldModel';
import { AddressesEditor } from './AddressesEditor';
import { BankAccountsEditor } from './BankAccountsEditor';
import {
  addressesBody,
  banksBody,
  contactsBody,
  emptyContact,
  isBlankAddress,
  isBlankBank,
  isBlankContact,
  ownsFields,
  requisiteProblem,
  textOrNull,
  type AddressRow,
  type BankRow,
  type ContactRow,
} from './clientModel';
import { ContactsEditor } from './ContactsEditor';
import { CustomFieldsBlocks, FormBlock, useCustomCreateBody } from './CreateParts';
import { DuplicateWarning, useDuplicateWarning } from './DuplicateWarning';
import { RecordPicker } from './RecordPicker';
import { useCreateOrganization } from './useClientCard';
import { useFieldHint } from './useFieldHint';
import { useSectionErrors } from './useSectionErrors';

const TEXT = ['name', 'fullName', 'legalForm', 'inn', 'kpp', 'ogrn', 'okpo', 'industry', 'region', 'source', 'firstContactReason', 'notes'] as const;
type TextKey = (typeof TEXT)[number];

const dupContacts = (rows: ContactRow[]) =>
  rows.filter((r) => (r.kind === 'phone' || r.kind === 'email') && r.value.trim()).map((r) => ({ kind: r.kind, value: r.value.trim() }));

export default function OrganizationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const hint = useFieldHint();
  const create = useCreateOrganization();
  const customBody = useCustomCreateBody('organization');
  const warning = useDuplicateWarning('organization');
  const errors = useSectionErrors(ownsFields([...TEXT, 'kind', 'responsibleId', 'parentId'], ['contacts', 'addresses', 'bankAccounts', 'custom']));

  const [text, setText] = useState<Record<TextKey, string>>(() => Object.fromEntries(TEXT.map((k) => [k, ''])) as Record<TextKey, string>);
  const [kind, setKind] = useState<OrganizationKind>('lead');
  const [responsible, setResponsible] = useState<{ id: string; name: string } | null>({ id: session.user.id, name: session.user.name });
  const [parent, setParent] = useState<{ id: string; name: string } | null>(null);
  const [contacts, setContacts] = useState<ContactRow[]>([emptyContact('phone'), emptyContact('email')]);
  const [addresses, setAddresses] = useState<AddressRow[]>([]);
  const [banks, setBanks] = useState<BankRow[]>([]);
  const [custom, setCustom] = useState<Record<string, FormValue>>({});

  const setField = (key: TextKey, value: string) => {
    setText((v) => ({ ...v, [key]: value }));
    errors.clearField(key);
  };
  const input = (key: TextKey) => ({
    label: t(`clientCard.fields.${key}`),
    value: text[key],
    error: errors.errorFor(key),
    'data-testid': `org-${key}`,
  });
  const digits = (key: 'inn' | 'kpp' | 'ogrn' | 'okpo', max: number) => ({
    ...input(key),
    inputMode: 'numeric' as const,
    maxLength: max,
    hint: hint(requisiteProblem(key, text[key])),
    onChange: (value: string) => setField(key, key === 'kpp' ? value.toUpperCase().replace(/\s/g, '') : value.replace(/\D/g, '')),
  });
  const checkDuplicates = (rows = contacts) => warning.check({ name: text.name, inn: text.inn, contacts: dupContacts(rows) });

  const doCreate = () => {
    errors.clear();
    const contactRows = contacts.filter((r) => !isBlankContact(r));
    const addressRows = addresses.filter((r) => !isBlankAddress(r));
    const bankRows = banks.filter((r) => !isBlankBank(r));
    setContacts(contactRows);
    setAddresses(addressRows);
    setBanks(bankRows);
    const body: CreateOrganizationBody = {
      kind,
      ...(Object.fromEntries(TEXT.map((k) => [k, textOrNull(text[k])])) as Record<TextKey, string | null>),
      name: text.name.trim(),
      responsibleId: responsible?.id ?? null,
      parentId: parent?.id ?? null,
      contacts: contactsBody(contactRows),
      addresses: addressesBody(addressRows),
      bankAccounts: banksBody(bankRows),
      custom: customBody(custom),
    };
    create.mutate(body, {
      onSuccess: (org) => {
        notifySuccess(t('clientCard.created.organization', { name: org.name }));
        void navigate(`/organizations/${org.id}`, { replace: true });
      },
      onError: errors.handle,
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = await checkDuplicates();
    if (found && !warning.acknowledged) {
      requestAnimationFrame(() => document.querySelector('[data-testid="duplicate-warning"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
      return;
    }
    doCreate();
  };

  return (
    <>
      <Anchor component={Link} to="/organizations" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {t('clientCard.backToOrganizations')}
      </Anchor>
      <PageHeader title={t('clientCard.newOrganization')} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('clientCard.newOrganization')}>
        <Stack gap="md" maw={1100}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <FormBlock title={t('clientCard.sections.main')} name="main">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput {...input('name')} required onChange={(e) => setField('name', e.currentTarget.value)} onBlur={() => void checkDuplicates()} data-autofocus />
                    <NativeSelect
                      label={t('clientCard.fields.kind')}
                      data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`clientCard.kinds.${k}`) }))}
                      value={kind}
                      onChange={(e) => setKind(e.currentTarget.value as OrganizationKind)}
                      error={errors.errorFor('kind')}
                      data-testid="org-kind"
                    />
                    <UserPicker
                      label={t('clientCard.responsible.label')}
                      value={responsible?.id ?? null}
                      selected={responsible}
                      onChange={(id, name) => setResponsible(id && name ? { id, name } : null)}
                      error={errors.errorFor('responsibleId')}
                      data-testid="org-responsible"
                    />
                    <RecordPicker
                      type="organization"
                      label={t('clientCard.fields.parent')}
                      placeholder={t('clientCard.parentPlaceholder')}
                      value={parent?.id ?? null}
                      selected={parent}
                      onChange={(id, name) => setParent(id && name ? { id, name } : null)}
                      error={errors.errorFor('parentId')}
                      data-testid="org-parent"
                    />
                  </SimpleGrid>
                </FormBlock>
                <DuplicateWarning
                  type="organization"
                  warning={warning}
                  creating={create.isPending}
                  onCreateAnyway={() => {
                    warning.acknowledge();
                    doCreate();
                  }}
                />
                <FormBlock title={t('clientCard.sections.requisites')} name="requisites">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput {...input('legalForm')} placeholder={t('clientCard.legalFormPlaceholder')} onChange={(e) => setField('legalForm', e.currentTarget.value)} />
                    <TextInput {...input('fullName')} onChange={(e) => setField('fullName', e.currentTarget.value)} />
                    <CheckedInput {...digits('inn', 12)} onBlur={() => void checkDuplicates()} />
                    <CheckedInput {...digits('kpp', 9)} />
                    <CheckedInput {...digits('ogrn', 15)} />
                    <CheckedInput {...digits('okpo', 10)} />
                  </SimpleGrid>
                </FormBlock>
                <FormBlock title={t('clientCard.sections.contacts')} name="contacts">
                  <ContactsEditor
                    rows={contacts}
                    onChange={setContacts}
                    errorFor={errors.errorFor}
                    clearField={errors.clearField}
                    onValueBlur={() => void checkDuplicates()}
                  />
                </FormBlock>
                <FormBlock title={t('clientCard.sections.addresses')} name="addresses">
                  <AddressesEditor rows={addresses} onChange={setAddresses} errorFor={errors.errorFor} clearField={errors.clearField} firstKind="legal" />
                </FormBlock>
                <FormBlock title={t('clientCard.sections.bankAccounts')} name="bank">
                  <BankAccountsEditor rows={banks} onChange={setBanks} errorFor={errors.errorFor} clearField={errors.clearField} />
                </FormBlock>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <FormBlock title={t('clientCard.sections.details')} name="details">
                  <TextInput {...input('industry')} onChange={(e) => setField('industry', e.currentTarget.value)} />
                  <TextInput {...input('region')} onChange={(e) => setField('region', e.currentTarget.value)} />
                  <TextInput {...input('source')} placeholder={t('clientCard.sourcePlaceholder')} onChange={(e) => setField('source', e.currentTarget.value)} />
                  <Textarea
                    {...input('firstContactReason')}
                    autosize
                    minRows={2}
                    onChange={(e) => setField('firstContactReason', e.currentTarget.value)}
                  />
                  <Textarea label={t('clientCard.sections.notes')} value={text.notes} error={errors.errorFor('notes')} autosize minRows={3} onChange={(e) => setField('notes', e.currentTarget.value)} data-testid="org-notes" />
                </FormBlock>
                <CustomFieldsBlocks
                  type="organization"
                  values={custom}
                  onChange={(key, value) => {
                    setCustom((c) => ({ ...c, [key]: value }));
                    errors.clearField(`custom.${key}`);
                  }}
                  errorFor={errors.errorFor}
                />
              </Stack>
            </Grid.Col>
          </Grid>
          <FormAlert problem={errors.problem} />
          <FormActions submitLabel={t('clientCard.createOrganization')} onCancel={() => void navigate(-1)} loading={create.isPending} testId="org-create-submit" />
        </Stack>
      </form>
    </>
  );
}
