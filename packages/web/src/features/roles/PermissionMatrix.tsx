import { NativeSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ACTIONS, OBJECT_TYPES, type Action, type ObjectType, type Scope } from '@kontakt/shared/access';
import { useTranslation } from 'react-i18next';
import { cellsOf, type Cell, type Matrix } from './roleModel';

interface PermissionMatrixProps {
  matrix: Matrix;
  readOnly: boolean;
  onChange: (object: ObjectType, action: Action, scope: Scope) => void;
}

const SCOPE_COLORS: Record<Scope, string | undefined> = {
  none: undefined,
  own: 'var(--mantine-color-yellow-light)',
  department: 'var(--mantine-color-blue-light)',
  all: 'var(--mantine-color-teal-light)',
};

function CellSelect({ cell, matrix, readOnly, onChange, withLabel }: { cell: Cell; withLabel: boolean } & PermissionMatrixProps) {
  const { t } = useTranslation();
  const value = matrix[cell.object]?.[cell.action] ?? 'none';
  return (
    <NativeSelect
      size="xs"
      label={withLabel ? t(`actions.${cell.action}`) : undefined}
      aria-label={`${t(`objects.${cell.object}`)}: ${t(`actions.${cell.action}`)}`}
      value={value}
      disabled={readOnly}
      data={cell.scopes.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
      onChange={(e) => onChange(cell.object, cell.action, e.currentTarget.value as Scope)}
      data-testid={`role-cell-${cell.object}-${cell.action}`}
      styles={{ input: { backgroundColor: SCOPE_COLORS[value] } }}
    />
  );
}

function ObjectName({ object }: { object: ObjectType }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={500}>
        {t(`objects.${object}`)}
      </Text>
      <Text size="xs" c="dimmed" fw={400}>
        {t(`objectHints.${object}`)}
      </Text>
    </>
  );
}

/** Rows are objects, columns actions; each cell picks how far the right reaches (none / own / department / all). */
export function PermissionMatrix(props: PermissionMatrixProps) {
  const { t } = useTranslation();
  // On a phone four columns of selects do not fit: each object becomes a small card instead.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  if (phone) {
    return (
      <Stack gap="sm" aria-label={t('roles.matrix')}>
        {OBJECT_TYPES.map((object) => (
          <Paper key={object} withBorder radius="md" p="sm">
            <ObjectName object={object} />
            <SimpleGrid cols={2} spacing="xs" mt="xs">
              {cellsOf(object).map((cell) => cell && <CellSelect key={cell.action} cell={cell} withLabel {...props} />)}
            </SimpleGrid>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={680} type="native">
      <Table verticalSpacing="xs" withRowBorders aria-label={t('roles.matrix')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>{t('roles.object')}</Table.Th>
            {ACTIONS.map((action) => (
              <Table.Th key={action}>{t(`actions.${action}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {OBJECT_TYPES.map((object) => (
            <Table.Tr key={object}>
              <Table.Th scope="row">
                <ObjectName object={object} />
              </Table.Th>
              {cellsOf(object).map((cell, i) =>
                cell ? (
                  <Table.Td key={cell.action}>
                    <CellSelect cell={cell} withLabel={false} {...props} />
                  </Table.Td>
                ) : (
                  <Table.Td key={ACTIONS[i]} c="dimmed" aria-label={t('roles.notApplicable')}>
                    —
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
