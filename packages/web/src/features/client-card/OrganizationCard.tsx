import { useState } from 'react';
import { Badge, Button, Grid, Stack } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import type { OrganizationDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useScope, useSession } from '../../app/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { notifyError, notifySuccess } from '../../ui/notify';
import { ErrorState, LoadingState } from '../../ui/states';
import { CardShell, ResponsibleControl } from './CardShell';
import { AddressesSection, ContactsSection, TextSection } from './CommonSections';
import { CustomFieldSections } from './CustomFieldSections';
import { GroupsSection } from './GroupsSection';
import { LinksSection } from './LinksSection';
import { PersonsOfOrganization, SubOrganizations, UnitsSection } from './OrganizationRelated';
import { BankAccountsSection, OrganizationDetailsSection, RequisitesSection } from './OrganizationSections';
import { KIND_COLORS, scopeAllows } from './clientModel';
import { useOrganization, useUpdateOrganization } from './useClientCard';

export default function OrganizationCard() {
  const { id = '' } = useParams();
  const query = useOrganization(id);
  if (query.isPending) return <LoadingState minHeight="50vh" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <OrganizationView org={query.data} reload={() => void query.refetch()} />;
}

function OrganizationView({ org, reload }: { org: OrganizationDto; reload: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateOrganization(org.id);
  const me = useSession().user.id;
  const editScope = useScope('organization', 'edit');
  const owner = { responsibleId: org.responsible?.id ?? null, createdById: org.createdBy?.id ?? null };
  const canConvert = scopeAllows(editScope, owner, me);
  const [confirmConvert, setConfirmConvert] = useState(false);
  const save = (body: Record<string, unknown>) => update.mutateAsync({ ...body, version: org.version });

  const convert = () =>
    update.mutate(
      { kind: 'client', version: org.version },
      {
        onSuccess: () => {
          setConfirmConvert(false);
          notifySuccess(t('clientCard.converted', { name: org.name }));
        },
        onError: (error) => {
          setConfirmConvert(false);
          notifyError(error, { onConflict: reload });
        },
      },
    );

  return (
    <CardShell
      card={{ type: 'organization', id: org.id, name: org.name, version: org.version, deleted: Boolean(org.deletedAt), save, reload }}
      owner={owner}
      title={org.name}
      backTo={{ to: '/organizations', label: t('clientCard.backToOrganizations') }}
      deletedAt={org.deletedAt}
      badges={
        <>
          <Badge variant="light" color={KIND_COLORS[org.kind] ?? 'gray'} data-testid="org-kind-badge">
            {t(`clientCard.kinds.${org.kind}`)}
          </Badge>
          {org.inn && (
            <Badge variant="outline" color="gray" tt="none">
              {t('clientCard.fields.inn')} {org.inn}
            </Badge>
          )}
        </>
      }
      subtitle={<ResponsibleControl responsible={org.responsible} />}
      actions={
        org.kind === 'lead' &&
        canConvert && (
          <Button variant="light" color="teal" leftSection={<IconUserCheck size={16} />} onClick={() => setConfirmConvert(true)} data-testid="org-convert">
            {t('clientCard.convert')}
          </Button>
        )
      }
    >
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <OrganizationDetailsSection org={org} />
            <RequisitesSection org={org} />
            <ContactsSection contacts={org.contacts} />
            <AddressesSection addresses={org.addresses} firstKind="legal" />
            <BankAccountsSection org={org} />
            <CustomFieldSections type="organization" custom={org.custom} />
            <TextSection title={t('clientCard.fields.firstContactReason')} name="first-contact" field="firstContactReason" value={org.firstContactReason} />
            <TextSection title={t('clientCard.sections.notes')} name="notes" field="notes" value={org.notes} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <PersonsOfOrganization org={org} />
            <SubOrganizations org={org} />
            <UnitsSection org={org} />
            <GroupsSection groups={org.groups} />
            <LinksSection />
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={confirmConvert}
        title={t('clientCard.convert')}
        message={t('clientCard.convertConfirm', { name: org.name })}
        confirmLabel={t('clientCard.convert')}
        color="teal"
        loading={update.isPending}
        onConfirm={convert}
        onClose={() => setConfirmConvert(false)}
      />
    </CardShell>
  );
}
