import { useState, type FormEvent } from 'react';
import { Anchor, Grid, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { GENDERS, INFLUENCES, type CreatePersonBody } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { FormActions } from '../../ui/FormActions';
import { FormAlert } from '../../ui/formErrors';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { UserPicker } from '../users/UserPicker';
import type { FormValue } from '../custom-fields/customFieldModel';
import { AddressesEditor } from './AddressesEditor';
import { addressesBody, contactsBody, emptyContact, isBlankAddress, isBlankContact, ownsFields, textOrNull, type AddressRow, type ContactRow } from './clientModel';
import { ContactsEditor } from './ContactsEditor';
import { CustomFieldsBlocks, FormBlock, useCustomCreateBody } from './CreateParts';
import { DuplicateWarning, useDuplicateWarning } from './DuplicateWarning';
import { RecordPicker } from './RecordPicker';
import { useCreatePerson } from './useClientCard';
import { useSectionErrors } from './useSectionErrors';
import { DateField } from '../../ui/DateField';

const TEXT = ['lastName', 'firstName', 'middleName', 'position', 'department', 'preferences', 'notes'] as const;
type TextKey = (typeof TEXT)[number];

const dupContacts = (rows: ContactRow[]) =>
  rows.filter((r) => (r.kind === 'phone' || r.kind === 'email') && r.value.trim()).map((r) => ({ kind: r.kind, value: r.value.trim() }));

/** A new contact person; opened from an organization's card it comes with that organization filled in. */
export default function PersonCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  const create = useCreatePerson();
  const customBody = useCustomCreateBody('person');
  const warning = useDuplicateWarning('person');
  const errors = useSectionErrors(
    ownsFields([...TEXT, 'gender', 'birthDate', 'influence', 'responsibleId'], ['contacts', 'addresses', 'custom', 'employments']),
  );
  const fromOrg = params.get('organizationId');
  const [text, setText] = useState<Record<TextKey, string>>(() => Object.fromEntries(TEXT.map((k) => [k, ''])) as Record<TextKey, string>);
  const [gender, setGender] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [influence, setInfluence] = useState('');
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(
    fromOrg ? { id: fromOrg, name: params.get('organizationName') ?? '' } : null,
  );
  const [responsible, setResponsible] = useState<{ id: string; name: string } | null>({ id: session.user.id, name: session.user.name });
  const [contacts, setContacts] = useState<ContactRow[]>([emptyContact('phone'), emptyContact('email')]);
  const [addresses, setAddresses] = useState<AddressRow[]>([]);
  const [custom, setCustom] = useState<Record<string, FormValue>>({});

  const setField = (key: TextKey, value: string) => {
    setText((v) => ({ ...v, [key]: value }));
    errors.clearField(key);
  };
  const input = (key: TextKey) => ({
    label: t(`clientCard.fields.${key}`),
    value: text[key],
    error: errors.errorFor(key),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setField(key, e.currentTarget.value),
    'data-testid': `person-${key}`,
  });
  const fullName = () => [text.lastName, text.firstName, text.middleName].map((s) => s.trim()).filter(Boolean).join(' ');
  const checkDuplicates = () => warning.check({ name: fullName(), contacts: dupContacts(contacts) });

  const doCreate = () => {
    errors.clear();
    const contactRows = contacts.filter((r) => !isBlankContact(r));
    const addressRows = addresses.filter((r) => !isBlankAddress(r));
    setContacts(contactRows);
    setAddresses(addressRows);
    const body: CreatePersonBody = {
      lastName: text.lastName.trim(),
      firstName: textOrNull(text.firstName),
      middleName: textOrNull(text.middleName),
      position: textOrNull(text.position),
      department: textOrNull(text.department),
      preferences: textOrNull(text.preferences),
      notes: textOrNull(text.notes),
      gender: (gender || null) as CreatePersonBody['gender'],
      birthDate: birthDate || null,
      influence: (influence || null) as CreatePersonBody['influence'],
      responsibleId: responsible?.id ?? null,
      employments: organization
        ? [{ organizationId: organization.id, position: textOrNull(text.position), department: textOrNull(text.department), isPrimary: true }]
        : [],
      contacts: contactsBody(contactRows),
      addresses: addressesBody(addressRows),
      custom: customBody(custom),
    };
    create.mutate(body, {
      onSuccess: (person) => {
        notifySuccess(t('clientCard.created.person', { name: person.fullName }));
        void navigate(`/persons/${person.id}`, { replace: true });
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

  const back = fromOrg ? { to: `/organizations/${fromOrg}`, label: organization?.name || t('clientCard.backToOrganization') } : { to: '/persons', label: t('clientCard.backToPersons') };

  return (
    <>
      <Anchor component={Link} to={back.to} size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> {back.label}
      </Anchor>
      <PageHeader title={t('clientCard.newPerson')} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('clientCard.newPerson')}>
        <Stack gap="md" maw={1100}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <FormBlock title={t('clientCard.sections.person')} name="main">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                    <TextInput {...input('lastName')} required onBlur={() => void checkDuplicates()} data-autofocus />
                    <TextInput {...input('firstName')} onBlur={() => void checkDuplicates()} />
                    <TextInput {...input('middleName')} onBlur={() => void checkDuplicates()} />
                    <NativeSelect
                      label={t('clientCard.fields.gender')}
                      data={[{ value: '', label: t('clientCard.notSpecified') }, ...GENDERS.map((g) => ({ value: g, label: t(`clientCard.genders.${g}`) }))]}
                      value={gender}
                      onChange={(e) => setGender(e.currentTarget.value)}
                      error={errors.errorFor('gender')}
                      data-testid="person-gender"
                    />
                    <DateField
                      label={t('clientCard.fields.birthDate')}
                      value={birthDate}
                      onChange={setBirthDate}
                      maxDate={new Date()}
                      error={errors.errorFor('birthDate')}
                      data-testid="person-birthDate"
                    />
                    <NativeSelect
                      label={t('clientCard.fields.influence')}
                      data={[{ value: '', label: t('clientCard.notSpecified') }, ...INFLUENCES.map((i) => ({ value: i, label: t(`clientCard.influences.${i}`) }))]}
                      value={influence}
                      onChange={(e) => setInfluence(e.currentTarget.value)}
                      error={errors.errorFor('influence')}
                      data-testid="person-influence"
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                    <RecordPicker
                      type="organization"
                      label={t('clientCard.fields.organization')}
                      value={organization?.id ?? null}
                      selected={organization}
                      onChange={(id, name) => setOrganization(id && name ? { id, name } : null)}
                      error={errors.errorFor('employments.0.organizationId')}
                      data-testid="person-organization"
                    />
                    <TextInput {...input('position')} />
                    <TextInput {...input('department')} />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                    <UserPicker
                      label={t('clientCard.responsible.label')}
                      value={responsible?.id ?? null}
                      selected={responsible}
                      onChange={(id, name) => setResponsible(id && name ? { id, name } : null)}
                      error={errors.errorFor('responsibleId')}
                      data-testid="person-responsible"
                    />
                  </SimpleGrid>
                </FormBlock>
                <DuplicateWarning
                  type="person"
                  warning={warning}
                  creating={create.isPending}
                  onCreateAnyway={() => {
                    warning.acknowledge();
                    doCreate();
                  }}
                />
                <FormBlock title={t('clientCard.sections.contacts')} name="contacts">
                  <ContactsEditor rows={contacts} onChange={setContacts} errorFor={errors.errorFor} clearField={errors.clearField} onValueBlur={() => void checkDuplicates()} />
                </FormBlock>
                <FormBlock title={t('clientCard.sections.addresses')} name="addresses">
                  <AddressesEditor rows={addresses} onChange={setAddresses} errorFor={errors.errorFor} clearField={errors.clearField} firstKind="actual" />
                </FormBlock>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <FormBlock title={t('clientCard.sections.more')} name="more">
                  <Textarea label={t('clientCard.sections.preferences')} value={text.preferences} error={errors.errorFor('preferences')} autosize minRows={2} onChange={(e) => setField('preferences', e.currentTarget.value)} data-testid="person-preferences" />
                  <Textarea label={t('clientCard.sections.notes')} value={text.notes} error={errors.errorFor('notes')} autosize minRows={3} onChange={(e) => setField('notes', e.currentTarget.value)} data-testid="person-notes" />
                </FormBlock>
                <CustomFieldsBlocks
                  type="person"
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
          <FormActions submitLabel={t('clientCard.createPerson')} onCancel={() => void navigate(-1)} loading={create.isPending} testId="person-create-submit" />
        </Stack>
      </form>
    </>
  );
}
