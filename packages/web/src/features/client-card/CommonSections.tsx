import { Textarea, Text } from '@mantine/core';
import type { AddressDto, ContactPointDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { AddressesEditor, AddressesView } from './AddressesEditor';
import {
  addressesBody,
  addressRows,
  contactRows,
  contactsBody,
  isBlankAddress,
  isBlankContact,
  ownsFields,
  same,
  textOrNull,
  type AddressKind,
  type AddressRow,
  type ContactRow,
} from './clientModel';
import { ContactsEditor, ContactsView } from './ContactsEditor';
import { SectionFrame, useSectionEditor } from './EditableSection';

/** Phones, faxes, emails, messengers and websites; saved as the whole list (rows keep their ids). */
export function ContactsSection({ contacts }: { contacts: ContactPointDto[] }) {
  const { t } = useTranslation();
  const editor = useSectionEditor<{ rows: ContactRow[] }>({
    initial: () => ({ rows: contactRows(contacts) }),
    prepare: (v) => ({ rows: v.rows.filter((r) => !isBlankContact(r)) }),
    toBody: (v) => {
      const body = contactsBody(v.rows);
      return same(body, contactsBody(contactRows(contacts))) ? null : { contacts: body };
    },
    owns: ownsFields([], ['contacts']),
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.contacts')}
      name="contacts"
      editor={editor}
      form={
        <ContactsEditor
          rows={editor.values.rows}
          onChange={(rows) => editor.setValues({ rows })}
          errorFor={editor.errors.errorFor}
          clearField={editor.errors.clearField}
        />
      }
    >
      <ContactsView contacts={contacts} />
    </SectionFrame>
  );
}

export function AddressesSection({ addresses, firstKind }: { addresses: AddressDto[]; firstKind: AddressKind }) {
  const { t } = useTranslation();
  const editor = useSectionEditor<{ rows: AddressRow[] }>({
    initial: () => ({ rows: addressRows(addresses) }),
    prepare: (v) => ({ rows: v.rows.filter((r) => !isBlankAddress(r)) }),
    toBody: (v) => {
      const body = addressesBody(v.rows);
      return same(body, addressesBody(addressRows(addresses))) ? null : { addresses: body };
    },
    owns: ownsFields([], ['addresses']),
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.addresses')}
      name="addresses"
      editor={editor}
      form={
        <AddressesEditor
          rows={editor.values.rows}
          onChange={(rows) => editor.setValues({ rows })}
          errorFor={editor.errors.errorFor}
          clearField={editor.errors.clearField}
          firstKind={firstKind}
        />
      }
    >
      <AddressesView addresses={addresses} />
    </SectionFrame>
  );
}

/** Free text; `field` is `notes` for both, `preferences` for a person's hobbies and preferences. */
export function TextSection({ title, name, field, value }: { title: string; name: string; field: 'notes' | 'preferences' | 'firstContactReason'; value: string | null }) {
  const { t } = useTranslation();
  const editor = useSectionEditor<{ text: string }>({
    initial: () => ({ text: value ?? '' }),
    toBody: (v) => (textOrNull(v.text) === (value ?? null) ? null : { [field]: textOrNull(v.text) }),
    owns: ownsFields([field]),
  });
  return (
    <SectionFrame
      title={title}
      name={name}
      editor={editor}
      form={
        <Textarea
          aria-label={title}
          autosize
          minRows={3}
          maxRows={16}
          value={editor.values.text}
          onChange={(e) => editor.set('text', e.currentTarget.value, field)}
          error={editor.errors.errorFor(field)}
          data-testid={`${name}-input`}
          data-autofocus
        />
      }
    >
      {value ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`${name}-text`}>
          {value}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('clientCard.notFilled')}
        </Text>
      )}
    </SectionFrame>
  );
}
