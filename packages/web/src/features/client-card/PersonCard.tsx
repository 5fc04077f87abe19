import { Anchor, Badge, Grid, Stack, Text } from '@mantine/core';
import type { PersonDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../ui/states';
import { CardShell, ResponsibleControl } from './CardShell';
import { AddressesSection, ContactsSection, TextSection } from './CommonSections';
import { CustomFieldSections } from './CustomFieldSections';
import { GroupsSection } from './GroupsSection';
import { LinksSection } from './LinksSection';
import { EmploymentsSection, IdentityDocumentSection, PersonMainSection } from './PersonSections';
import { usePerson, useUpdatePerson } from './useClientCard';

export default function PersonCard() {
  const { id = '' } = useParams();
  const query = usePerson(id);
  if (query.isPending) return <LoadingState minHeight="50vh" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <PersonView person={query.data} reload={() => void query.refetch()} />;
}

function PersonView({ person, reload }: { person: PersonDto; reload: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePerson(person.id);
  const save = (body: Record<string, unknown>) => update.mutateAsync({ ...body, version: person.version });
  const job = [person.position, person.organization?.name].filter(Boolean);

  return (
    <CardShell
      card={{ type: 'person', id: person.id, name: person.fullName, version: person.version, deleted: Boolean(person.deletedAt), save, reload }}
      owner={{ responsibleId: person.responsible?.id ?? null, createdById: person.createdBy?.id ?? null }}
      title={person.fullName}
      backTo={{ to: '/persons', label: t('clientCard.backToPersons') }}
      deletedAt={person.deletedAt}
      badges={
        person.influence || job.length > 0 ? (
          <>
            {person.influence && (
              <Badge variant="light" color="grape" data-testid="person-influence-badge">
                {t(`clientCard.influences.${person.influence}`)}
              </Badge>
            )}
            {job.length > 0 && (
              <Text span size="sm" c="dimmed">
                {person.position}
                {person.position && person.organization ? ', ' : ''}
                {person.organization && (
                  <Anchor component={Link} to={`/organizations/${person.organization.id}`} size="sm">
                    {person.organization.name}
                  </Anchor>
                )}
              </Text>
            )}
          </>
        ) : undefined
      }
      subtitle={<ResponsibleControl responsible={person.responsible} />}
    >
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <PersonMainSection person={person} />
            <EmploymentsSection person={person} />
            <ContactsSection contacts={person.contacts} />
            <AddressesSection addresses={person.addresses} firstKind="actual" />
            <CustomFieldSections type="person" custom={person.custom} />
            <TextSection title={t('clientCard.sections.preferences')} name="preferences" field="preferences" value={person.preferences} />
            <TextSection title={t('clientCard.sections.notes')} name="notes" field="notes" value={person.notes} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <GroupsSection groups={person.groups} />
            <LinksSection />
            <IdentityDocumentSection person={person} />
          </Stack>
        </Grid.Col>
      </Grid>
    </CardShell>
  );
}
