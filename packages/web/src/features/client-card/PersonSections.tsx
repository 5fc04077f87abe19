import { ActionIcon, Anchor, Badge, Button, Grid, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { GENDERS, INFLUENCES, type PersonDto } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { useFormat } from '../../ui/format';
import { changedText, ownsFields, same, textOrNull, textValues } from './clientModel';
import { Detail, SectionFrame, useSectionEditor } from './EditableSection';
import { RecordPicker } from './RecordPicker';
import { DateField } from '../../ui/DateField';

const MAIN_TEXT = ['lastName', 'firstName', 'middleName', 'position', 'department'] as const;

/** Name parts, gender, birth date, position, department and influence on the purchase decision. */
export function PersonMainSection({ person }: { person: PersonDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const editor = useSectionEditor({
    initial: () => ({
      ...textValues(person, MAIN_TEXT),
      gender: person.gender ?? '',
      birthDate: person.birthDate ?? '',
      influence: person.influence ?? '',
    }),
    toBody: (v) => {
      const body: Record<string, unknown> = changedText(person, v, MAIN_TEXT);
      if ((v.gender || null) !== person.gender) body.gender = v.gender || null;
      if ((v.birthDate || null) !== person.birthDate) body.birthDate = v.birthDate || null;
      if ((v.influence || null) !== person.influence) body.influence = v.influence || null;
      return body;
    },
    owns: ownsFields([...MAIN_TEXT, 'gender', 'birthDate', 'influence']),
  });
  const v = editor.values;
  const text = (key: (typeof MAIN_TEXT)[number]) => ({
    label: t(`clientCard.fields.${key}`),
    value: v[key],
    error: editor.errors.errorFor(key),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => editor.set(key, e.currentTarget.value),
    'data-testid': `person-${key}`,
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.person')}
      name="person-main"
      editor={editor}
      form={
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput {...text('lastName')} required />
          <TextInput {...text('firstName')} />
          <TextInput {...text('middleName')} />
          <NativeSelect
            label={t('clientCard.fields.gender')}
            data={[{ value: '', label: t('clientCard.notSpecified') }, ...GENDERS.map((g) => ({ value: g, label: t(`clientCard.genders.${g}`) }))]}
            value={v.gender}
            onChange={(e) => editor.set('gender', e.currentTarget.value)}
            error={editor.errors.errorFor('gender')}
            data-testid="person-gender"
          />
          <DateField
            label={t('clientCard.fields.birthDate')}
            value={v.birthDate}
            onChange={(value) => editor.set('birthDate', value)}
            maxDate={new Date()}
            error={editor.errors.errorFor('birthDate')}
            data-testid="person-birthDate"
          />
          <NativeSelect
            label={t('clientCard.fields.influence')}
            data={[{ value: '', label: t('clientCard.notSpecified') }, ...INFLUENCES.map((i) => ({ value: i, label: t(`clientCard.influences.${i}`) }))]}
            value={v.influence}
            onChange={(e) => editor.set('influence', e.currentTarget.value)}
            error={editor.errors.errorFor('influence')}
            data-testid="person-influence"
          />
          <TextInput {...text('position')} />
          <TextInput {...text('department')} />
        </SimpleGrid>
      }
    >
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm">
        <Detail label={t('clientCard.fields.lastName')}>{person.lastName}</Detail>
        <Detail label={t('clientCard.fields.firstName')}>{person.firstName}</Detail>
        <Detail label={t('clientCard.fields.middleName')}>{person.middleName}</Detail>
        <Detail label={t('clientCard.fields.gender')}>{person.gender && t(`clientCard.genders.${person.gender}`)}</Detail>
        <Detail label={t('clientCard.fields.birthDate')}>{person.birthDate && fmt.date(`${person.birthDate}T12:00:00Z`)}</Detail>
        <Detail label={t('clientCard.fields.influence')}>{person.influence && t(`clientCard.influences.${person.influence}`)}</Detail>
        <Detail label={t('clientCard.fields.position')}>{person.position}</Detail>
        <Detail label={t('clientCard.fields.department')}>{person.department}</Detail>
      </SimpleGrid>
    </SectionFrame>
  );
}

interface EmploymentRow {
  organization: { id: string; name: string } | null;
  position: string;
  department: string;
  isPrimary: boolean;
}

const employmentRows = (person: PersonDto): EmploymentRow[] =>
  person.employments.map((e) => ({ organization: e.organization, position: e.position ?? '', department: e.department ?? '', isPrimary: e.isPrimary }));

const employmentsBody = (rows: EmploymentRow[]) =>
  rows
    .filter((r) => r.organization)
    .map((r) => ({ organizationId: r.organization!.id, position: textOrNull(r.position), department: textOrNull(r.department), isPrimary: r.isPrimary }));

/** Where the person works: several organizations, one of them primary (shown in lists and on the header). */
export function EmploymentsSection({ person }: { person: PersonDto }) {
  const { t } = useTranslation();
  const editor = useSectionEditor<{ rows: EmploymentRow[] }>({
    initial: () => ({ rows: employmentRows(person) }),
    prepare: (v) => {
      const rows = v.rows.filter((r) => r.organization);
      // Exactly one primary: the first one when the user left none marked.
      if (rows.length > 0 && !rows.some((r) => r.isPrimary)) rows[0] = { ...rows[0]!, isPrimary: true };
      return { rows };
    },
    toBody: (v) => {
      const body = employmentsBody(v.rows);
      return same(body, employmentsBody(employmentRows(person))) ? null : { employments: body };
    },
    owns: ownsFields([], ['employments']),
  });
  const rows = editor.values.rows;
  const setRows = (next: EmploymentRow[]) => editor.setValues({ rows: next });
  const patch = (i: number, p: Partial<EmploymentRow>, field: string) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
    editor.errors.clearField(`employments.${i}.${field}`);
  };
  return (
    <SectionFrame
      title={t('clientCard.sections.employments')}
      name="employments"
      editor={editor}
      form={
        <Stack gap="sm">
          {rows.map((row, i) => (
            <Paper key={i} withBorder radius="sm" p="sm" data-testid={`employment-row-${i}`}>
              <Grid gap="xs" align="flex-end">
                <Grid.Col span={{ base: 12, sm: 5 }}>
                  <RecordPicker
                    type="organization"
                    label={t('clientCard.fields.organization')}
                    required
                    value={row.organization?.id ?? null}
                    selected={row.organization}
                    onChange={(id, name) => patch(i, { organization: id && name ? { id, name } : null }, 'organizationId')}
                    error={editor.errors.errorFor(`employments.${i}.organizationId`)}
                    data-testid={`employment-org-${i}`}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, xs: 6, sm: 3 }}>
                  <TextInput label={t('clientCard.fields.position')} value={row.position} onChange={(e) => patch(i, { position: e.currentTarget.value }, 'position')} error={editor.errors.errorFor(`employments.${i}.position`)} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
                  <TextInput label={t('clientCard.fields.department')} value={row.department} onChange={(e) => patch(i, { department: e.currentTarget.value }, 'department')} error={editor.errors.errorFor(`employments.${i}.department`)} />
                </Grid.Col>
              </Grid>
              <Group justify="space-between" mt="xs">
                <Radio label={t('clientCard.employments.primary')} checked={row.isPrimary} onChange={() => setRows(rows.map((r, j) => ({ ...r, isPrimary: j === i })))} />
                <ActionIcon variant="subtle" color="red" aria-label={t('clientCard.employments.removeN', { n: i + 1 })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setRows([...rows, { organization: null, position: '', department: '', isPrimary: rows.length === 0 }])}
              data-testid="employment-add"
            >
              {t('clientCard.employments.add')}
            </Button>
          </Group>
        </Stack>
      }
    >
      {person.employments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clientCard.employments.empty')}
        </Text>
      ) : (
        <Stack gap={8}>
          {person.employments.map((e) => (
            <div key={e.organization.id} data-testid="employment-item">
              <Group gap="xs">
                <Anchor component={Link} to={`/organizations/${e.organization.id}`} size="sm" fw={500}>
                  {e.organization.name}
                </Anchor>
                {e.isPrimary && person.employments.length > 1 && (
                  <Badge size="xs" variant="light">
                    {t('clientCard.employments.primary')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {[e.position, e.department].filter(Boolean).join(' · ') || '—'}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </SectionFrame>
  );
}

const DOC_TEXT = ['type', 'series', 'number', 'issuedBy'] as const;

/** The identity document: a separate right. Without it the API leaves the document out and says so. */
export function IdentityDocumentSection({ person }: { person: PersonDto }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canEditDocument = useCan('identity_document', 'edit');
  const doc = person.document ?? { type: null, series: null, number: null, issuedBy: null, issuedOn: null };
  const editor = useSectionEditor({
    initial: () => ({ ...textValues(doc, DOC_TEXT), issuedOn: doc.issuedOn ?? '' }),
    toBody: (v) => {
      const next = {
        type: textOrNull(v.type),
        series: textOrNull(v.series),
        number: textOrNull(v.number),
        issuedBy: textOrNull(v.issuedBy),
        issuedOn: v.issuedOn || null,
      };
      if (same(next, { type: doc.type, series: doc.series, number: doc.number, issuedBy: doc.issuedBy, issuedOn: doc.issuedOn })) return null;
      return { document: Object.values(next).every((x) => x === null) ? null : next };
    },
    owns: ownsFields(['document'], ['document']),
  });
  if (person.documentHidden) {
    return (
      <SectionFrame title={t('clientCard.sections.document')} name="document">
        <Group gap="xs" data-testid="document-hidden">
          <IconLock size={16} />
          <Text size="sm" c="dimmed">
            {t('clientCard.document.hidden')}
          </Text>
        </Group>
      </SectionFrame>
    );
  }
  const v = editor.values;
  const input = (key: (typeof DOC_TEXT)[number]) => ({
    label: t(`clientCard.document.${key}`),
    value: v[key],
    error: editor.errors.errorFor(`document.${key}`),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => editor.set(key, e.currentTarget.value, `document.${key}`),
    'data-testid': `document-${key}`,
  });
  return (
    <SectionFrame
      title={t('clientCard.sections.document')}
      name="document"
      editor={canEditDocument ? editor : undefined}
      form={
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...input('type')} placeholder={t('clientCard.document.typePlaceholder')} />
          <Group grow gap="xs" align="flex-start">
            <TextInput {...input('series')} />
            <TextInput {...input('number')} />
          </Group>
          <TextInput {...input('issuedBy')} />
          <DateField
            label={t('clientCard.document.issuedOn')}
            value={v.issuedOn}
            onChange={(value) => editor.set('issuedOn', value, 'document.issuedOn')}
            error={editor.errors.errorFor('document.issuedOn')}
            data-testid="document-issuedOn"
          />
        </SimpleGrid>
      }
    >
      {person.document ? (
        <SimpleGrid cols={2} spacing="sm">
          <Detail label={t('clientCard.document.type')}>{doc.type}</Detail>
          <Detail label={t('clientCard.document.seriesNumber')}>{[doc.series, doc.number].filter(Boolean).join(' ')}</Detail>
          <Detail label={t('clientCard.document.issuedBy')}>{doc.issuedBy}</Detail>
          <Detail label={t('clientCard.document.issuedOn')}>{doc.issuedOn && fmt.date(`${doc.issuedOn}T12:00:00Z`)}</Detail>
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          {t('clientCard.notFilled')}
        </Text>
      )}
    </SectionFrame>
  );
}
