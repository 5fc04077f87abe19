import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { AddressDto, ClientType, OrganizationDto, PersonDto, PersonListItem } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LinkDto } from '../client-card/clientsApi';
import { cardPath } from './DuplicateGroupCard';
import { contactKey, uniteBy, type MergeRecord } from './mergeModel';

function Section({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Group justify="space-between" gap="xs" mb={6}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Badge variant="light" size="sm">
          {count}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('duplicates.mergeScreen.none')}
        </Text>
      ) : (
        <Stack gap={4}>{children}</Stack>
      )}
    </Paper>
  );
}

const addressText = (a: AddressDto) => [a.postalCode, a.region, a.city, a.street].filter(Boolean).join(', ');

interface MergeUnitedProps {
  type: ClientType;
  records: MergeRecord[];
  links: LinkDto[];
  persons: PersonListItem[];
}

/** What the survivor gets from every record without a choice: contacts, addresses, accounts, groups, links, people. */
export function MergeUnited({ type, records, links, persons }: MergeUnitedProps) {
  const { t } = useTranslation();
  const ids = new Set(records.map((r) => r.id));
  const contacts = uniteBy(records.map((r) => r.contacts), contactKey);
  const addresses = uniteBy(records.map((r) => r.addresses), (a) => `${a.kind}:${addressText(a).toLowerCase()}`);
  const groups = uniteBy(records.map((r) => r.groups), (g) => g.id);
  // A link between two of the merged records would point at itself afterwards; the server drops it.
  const outside = uniteBy([links.filter((l) => !ids.has(l.other.id))], (l) => `${l.label}:${l.other.id}`);
  const orgs = type === 'organization' ? (records as OrganizationDto[]) : [];
  const accounts = uniteBy(orgs.map((o) => o.bankAccounts), (b) => `${b.bik}:${b.account}`);
  const employments = type === 'person' ? uniteBy((records as PersonDto[]).map((p) => p.employments), (e) => e.organization.id) : [];

  return (
    <Stack gap="sm">
      <div>
        <Title order={4}>{t('duplicates.mergeScreen.unitedTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('duplicates.mergeScreen.unitedHint')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Section title={t('duplicates.mergeScreen.contacts')} count={contacts.length} testId="merge-united-contacts">
          {contacts.map((c) => (
            <Text key={c.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" size="sm">
                {t(`duplicates.contactKinds.${c.kind}`)}:{' '}
              </Text>
              {c.value}
            </Text>
          ))}
        </Section>
        <Section title={t('duplicates.mergeScreen.addresses')} count={addresses.length} testId="merge-united-addresses">
          {addresses.map((a) => (
            <Text key={a.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" size="sm">
                {t(`duplicates.addressKinds.${a.kind}`)}:{' '}
              </Text>
              {addressText(a) || '—'}
            </Text>
          ))}
        </Section>
        {type === 'organization' && (
          <Section title={t('duplicates.mergeScreen.bankAccounts')} count={accounts.length} testId="merge-united-accounts">
            {accounts.map((b) => (
              <Text key={b.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t('duplicates.mergeScreen.account', { account: b.account, bik: b.bik })}
                {b.bankName ? `, ${b.bankName}` : ''}
              </Text>
            ))}
          </Section>
        )}
        {type === 'organization' ? (
          <Section title={t('duplicates.mergeScreen.persons')} count={persons.length} testId="merge-united-persons">
            {persons.map((p) => (
              <Anchor key={p.id} component={Link} to={cardPath('person', p.id)} size="sm">
                {p.fullName}
                {p.position ? ` — ${p.position}` : ''}
              </Anchor>
            ))}
          </Section>
        ) : (
          <Section title={t('duplicates.mergeScreen.employments')} count={employments.length} testId="merge-united-employments">
            {employments.map((e) => (
              <Text key={e.organization.id} size="sm">
                {e.organization.name}
                {e.position ? ` — ${e.position}` : ''}
              </Text>
            ))}
          </Section>
        )}
        <Section title={t('duplicates.mergeScreen.groups')} count={groups.length} testId="merge-united-groups">
          <Group gap={6}>
            {groups.map((g) => (
              <Badge key={g.id} variant="light">
                {g.name}
              </Badge>
            ))}
          </Group>
        </Section>
        <Section title={t('duplicates.mergeScreen.links')} count={outside.length} testId="merge-united-links">
          {outside.map((l) => (
            <Text key={l.id} size="sm">
              {l.label}:{' '}
              <Anchor component={Link} to={cardPath(l.other.type, l.other.id)} size="sm">
                {l.other.name}
              </Anchor>
            </Text>
          ))}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
