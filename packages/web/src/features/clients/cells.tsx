import type { ReactNode } from 'react';
import { Anchor, Badge, Text } from '@mantine/core';
import type { ClientType, OrganizationKind, OrganizationListItem, PersonListItem } from '@kontakt/shared';
import { formatPhone, normalizePhone } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VirtualColumn } from '../../ui/VirtualTable';
import type { useFormat } from '../../ui/format';
import type { ClientListItem } from './clientsApi';
import { customValueText, type ListField } from './listModel';

export const KIND_COLORS: Record<OrganizationKind, string> = {
  lead: 'yellow',
  client: 'teal',
  partner: 'blue',
  competitor: 'red',
  supplier: 'violet',
  other: 'gray',
};

export function KindBadge({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLORS[kind]} data-kind={kind}>
      {t(`clients.kinds.${kind}`)}
    </Badge>
  );
}

export const cardPath = (type: ClientType, id: string) => `/${type === 'organization' ? 'organizations' : 'persons'}/${id}`;

const dash = (
  <Text span c="dimmed">
    —
  </Text>
);

/** Phones are stored as typed; the list shows them in one international form, like the card does. */
function PhoneLink({ phone }: { phone: string | null }) {
  if (!phone) return dash;
  const normalized = normalizePhone(phone);
  return (
    <Anchor href={`tel:${(normalized ?? phone).replace(/;ext=.*$/, '').replace(/[^\d+]/g, '')}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
      {normalized ? formatPhone(normalized) : phone}
    </Anchor>
  );
}

function EmailLink({ email }: { email: string | null }) {
  if (!email) return dash;
  return (
    <Anchor href={`mailto:${email}`} size="sm">
      {email}
    </Anchor>
  );
}

function RefLink({ type, ref: target }: { type: ClientType; ref: { id: string; name: string } | null }) {
  if (!target) return dash;
  return (
    <Anchor component={Link} to={cardPath(type, target.id)} size="sm">
      {target.name}
    </Anchor>
  );
}

const text = (value: string | null | undefined): ReactNode => (value ? value : dash);

/** Widths that keep typical values on one line and let the default columns fit a 1440 px screen. */
const WIDTHS: Record<string, number> = {
  name: 220,
  kind: 130,
  inn: 115,
  kpp: 105,
  phone: 160,
  email: 190,
  city: 130,
  responsible: 160,
  organization: 200,
  parent: 190,
  position: 170,
  createdAt: 160,
  updatedAt: 160,
  birthDate: 125,
  gender: 100,
  influence: 170,
};

type Fmt = ReturnType<typeof useFormat>;
type Translate = (key: string) => string;

function renderCustom(field: ListField, row: ClientListItem, fmt: Fmt, t: Translate): ReactNode {
  const value = row.custom[field.key.slice('custom.'.length)];
  if (value === null || value === undefined || value === '') return dash;
  if (field.type === 'boolean') return value === true ? t('common.yes') : t('common.no');
  if (field.type === 'date') return fmt.date(String(value));
  if (field.type === 'datetime') return fmt.dateTime(String(value));
  if (field.type === 'enum' || field.type === 'multi_enum') {
    const labels = (Array.isArray(value) ? value : [value]).map(
      (v) => field.options?.find((o) => o.value === v)?.label ?? customValueText(v),
    );
    return labels.join(', ');
  }
  return text(customValueText(value));
}

/** A cell of one list column; the first column is the record's name, linking to its card. */
export function renderCell(type: ClientType, field: ListField, row: ClientListItem, fmt: Fmt, t: Translate): ReactNode {
  if (field.custom) return renderCustom(field, row, fmt, t);
  const org = row as OrganizationListItem;
  const person = row as PersonListItem;
  switch (field.key) {
    case 'name':
      return (
        <Anchor component={Link} to={cardPath(type, row.id)} fw={500} size="sm" data-testid="row-link" title={type === 'organization' ? org.name : person.fullName}>
          {type === 'organization' ? org.name : person.fullName}
        </Anchor>
      );
    case 'kind':
      return <KindBadge kind={org.kind} />;
    case 'phone':
      return <PhoneLink phone={row.phone} />;
    case 'email':
      return <EmailLink email={row.email} />;
    case 'responsible':
      return text(row.responsible?.name);
    case 'parent':
      return <RefLink type="organization" ref={org.parent} />;
    case 'organization':
      return <RefLink type="organization" ref={person.organization} />;
    case 'gender':
      return person.gender ? t(`clients.genders.${person.gender}`) : dash;
    case 'influence':
      return person.influence ? t(`clients.influences.${person.influence}`) : dash;
    case 'birthDate':
      return person.birthDate ? fmt.date(person.birthDate) : dash;
    case 'createdAt':
    case 'updatedAt':
      return fmt.dateTime(row[field.key]);
    default: {
      const value = (row as unknown as Record<string, unknown>)[field.key];
      return text(typeof value === 'string' ? value : value == null ? null : String(value));
    }
  }
}

export function fieldLabel(field: ListField, t: Translate): string {
  return field.labelKey ? t(field.labelKey) : (field.label ?? field.key);
}

/** Person names are longer than organization names; the organization column gives the room back. */
const PERSON_WIDTHS: Record<string, number> = { name: 250, organization: 180, position: 150 };

export function listColumns(
  type: ClientType,
  keys: readonly string[],
  fields: readonly ListField[],
  fmt: Fmt,
  t: Translate,
): VirtualColumn<ClientListItem>[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return keys.flatMap((key) => {
    const field = byKey.get(key);
    if (!field) return [];
    return [
      {
        key,
        header: fieldLabel(field, t),
        width: (type === 'person' ? PERSON_WIDTHS[key] : undefined) ?? WIDTHS[key] ?? (field.custom ? 170 : 160),
        sortable: field.sortable,
        render: (row: ClientListItem) => renderCell(type, field, row, fmt, t),
      },
    ];
  });
}

/** A row as a phone card: the name, what the row is about, and the ways to reach it. */
export function ClientCardRow({ type, row }: { type: ClientType; row: ClientListItem }) {
  const org = row as OrganizationListItem;
  const person = row as PersonListItem;
  const subtitle =
    type === 'organization'
      ? [org.inn, org.city].filter(Boolean).join(' · ')
      : [person.position, person.organization?.name].filter(Boolean).join(' · ');
  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Anchor component={Link} to={cardPath(type, row.id)} fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {type === 'organization' ? org.name : person.fullName}
        </Anchor>
        {type === 'organization' && <KindBadge kind={org.kind} />}
      </div>
      {subtitle && (
        <Text size="xs" c="dimmed" truncate>
          {subtitle}
        </Text>
      )}
      <div style={{ display: 'flex', gap: '0 12px', flexWrap: 'wrap', marginTop: 4 }}>
        {row.phone && <PhoneLink phone={row.phone} />}
        {row.email && <EmailLink email={row.email} />}
      </div>
      {row.responsible && (
        <Text size="xs" c="dimmed" mt={2} truncate>
          {row.responsible.name}
        </Text>
      )}
    </div>
  );
}
