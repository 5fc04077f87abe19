import { ActionIcon, Anchor, Badge, Button, Grid, Group, NativeSelect, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconSitemap, IconTrash, IconUserPlus } from '@tabler/icons-react';
import type { OrganizationDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { formatPhone, normalizePhone } from '@kontakt/shared';
import { ownsFields, same, unitRows, unitsBody, type UnitRow } from './clientModel';
import { SectionFrame, useSectionEditor } from './EditableSection';
import { usePersonsOf, useSubOrganizations } from './useClientCard';
import { useCard } from './cardContext';

/** The organization's own departments, as a flat list with "part of" links (a tree of a few levels). */
export function UnitsSection({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  const editor = useSectionEditor<{ rows: UnitRow[] }>({
    initial: () => ({ rows: unitRows(org.units) }),
    toBody: (v) => {
      const body = unitsBody(v.rows);
      return same(body, unitsBody(unitRows(org.units))) ? null : { units: body };
    },
    prepare: (v) => ({ rows: v.rows.filter((r) => r.name.trim()) }),
    owns: ownsFields([], ['units']),
  });
  const rows = editor.values.rows;
  const setRows = (next: UnitRow[]) => editor.setValues({ rows: next });
  const byId = new Map(org.units.map((u) => [u.id, u]));
  const depth = (id: string | null, seen = 0): number => (id && seen < 5 ? 1 + depth(byId.get(id)?.parentId ?? null, seen + 1) : 0);
  const ordered = orderTree(org.units);

  return (
    <SectionFrame
      title={t('clientCard.sections.units')}
      name="units"
      editor={editor}
      form={
        <Stack gap="xs">
          {rows.map((row, i) => (
            <Grid key={row.key} gap="xs" align="flex-start">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  aria-label={t('clientCard.units.nameN', { n: i + 1 })}
                  placeholder={t('clientCard.units.namePlaceholder')}
                  value={row.name}
                  onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, name: e.currentTarget.value } : r)))}
                  error={editor.errors.errorFor(`units.${i}.name`)}
                  data-testid={`unit-name-${i}`}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 10, sm: 5 }}>
                <NativeSelect
                  aria-label={t('clientCard.units.parentN', { n: i + 1 })}
                  data={[
                    { value: '', label: t('clientCard.units.topLevel') },
                    ...rows.filter((r) => r.id && r.key !== row.key).map((r) => ({ value: r.key, label: r.name || '—' })),
                  ]}
                  value={row.parentKey}
                  onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, parentKey: e.currentTarget.value } : r)))}
                  error={editor.errors.errorFor(`units.${i}.parentId`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 2, sm: 1 }}>
                <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('clientCard.units.removeN', { n: i + 1 })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Grid.Col>
            </Grid>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setRows([...rows, { key: `new:${rows.length}:${Date.now()}`, name: '', parentKey: '' }])}
              data-testid="unit-add"
            >
              {t('clientCard.units.add')}
            </Button>
          </Group>
        </Stack>
      }
    >
      {ordered.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clientCard.units.empty')}
        </Text>
      ) : (
        <Stack gap={4}>
          {ordered.map((u) => (
            <Group key={u.id} gap={6} pl={(depth(u.parentId) * 16) as number} wrap="nowrap" data-testid="unit-item">
              <IconSitemap size={14} style={{ flex: 'none' }} />
              <Text size="sm">{u.name}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </SectionFrame>
  );
}

/** Parents before their children, siblings in the stored order. */
function orderTree<T extends { id: string; parentId: string | null }>(units: T[]): T[] {
  const ids = new Set(units.map((u) => u.id));
  const out: T[] = [];
  const visit = (parent: string | null, level: number) => {
    if (level > 10) return;
    for (const u of units) {
      const p = u.parentId && ids.has(u.parentId) ? u.parentId : null;
      if (p === parent) {
        out.push(u);
        visit(u.id, level + 1);
      }
    }
  };
  visit(null, 0);
  return out;
}

/** Contact persons working at this organization, with a shortcut to add one already attached to it. */
export function PersonsOfOrganization({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  const card = useCard();
  const persons = usePersonsOf(org.id);
  const canCreate = useCan('person', 'create');
  const items = persons.data?.items ?? [];
  return (
    <SectionFrame
      title={t('clientCard.sections.persons')}
      name="persons"
      actions={
        canCreate &&
        !card.deleted && (
          <Tooltip label={t('clientCard.persons.add')}>
            <ActionIcon
              component={Link}
              to={`/persons/new?organizationId=${org.id}&organizationName=${encodeURIComponent(org.name)}`}
              variant="subtle"
              aria-label={t('clientCard.persons.add')}
              data-testid="persons-add"
            >
              <IconUserPlus size={18} />
            </ActionIcon>
          </Tooltip>
        )
      }
    >
      {persons.isPending ? (
        <Text size="sm" c="dimmed">{t('common.loading')}</Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">{t('clientCard.persons.empty')}</Text>
      ) : (
        <Stack gap={8}>
          {items.map((p) => (
            <div key={p.id} data-testid="org-person">
              <Anchor component={Link} to={`/persons/${p.id}`} size="sm" fw={500}>
                {p.fullName}
              </Anchor>
              {personSummary(p) && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {personSummary(p)}
                </Text>
              )}
            </div>
          ))}
          {persons.data?.nextCursor && (
            <Anchor
              component={Link}
              to={`/persons?filter=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'organization', op: 'in', value: [org.id] }] }))}`}
              size="xs"
            >
              {t('clientCard.persons.all')}
            </Anchor>
          )}
        </Stack>
      )}
    </SectionFrame>
  );
}

export function SubOrganizations({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  const children = useSubOrganizations(org.id);
  const items = children.data?.items ?? [];
  if (children.isPending || items.length === 0) return null;
  return (
    <SectionFrame title={t('clientCard.sections.subOrganizations')} name="sub-organizations">
      <Stack gap={6}>
        {items.map((o) => (
          <Group key={o.id} gap="xs" wrap="nowrap" data-testid="sub-organization">
            <Anchor component={Link} to={`/organizations/${o.id}`} size="sm">
              {o.name}
            </Anchor>
            <Badge size="xs" variant="light" color="gray">
              {t(`clientCard.kinds.${o.kind}`)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </SectionFrame>
  );
}

/** Position, phone and email of a person under the organization; nothing at all when none is known. */
function personSummary(p: { position: string | null; phone: string | null; email: string | null }): string {
  const phone = p.phone ? (normalizePhone(p.phone) ?? p.phone) : null;
  return [p.position, phone?.startsWith('+') ? formatPhone(phone) : phone, p.email].filter(Boolean).join(' · ');
}
