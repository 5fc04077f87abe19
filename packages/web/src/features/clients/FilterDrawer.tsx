import { useState } from 'react';
import { Button, Drawer, Group, Stack, Text } from '@mantine/core';
import type { Filter } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { FilterBuilder } from '../../ui/filter-builder/FilterBuilder';
import { isComplete, type FilterFieldInfo } from '../../ui/filter-builder/filterModel';
import { CLIENT_PICKERS } from './RefPickers';

interface FilterDrawerProps {
  opened: boolean;
  onClose: () => void;
  fields: FilterFieldInfo[];
  value: Filter;
  onApply: (filter: Filter) => void;
}

/** The filter builder on a draft: the list changes only when the user applies it. */
export function FilterDrawer(props: FilterDrawerProps) {
  const { t } = useTranslation();
  // The drawer unmounts its body when closed, so every opening starts a fresh draft from the applied filter.
  return (
    <Drawer opened={props.opened} onClose={props.onClose} position="right" size="lg" title={t('clients.filter.title')}>
      <DraftBuilder {...props} />
    </Drawer>
  );
}

function DraftBuilder({ onClose, fields, value, onApply }: FilterDrawerProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const incomplete = draft.conditions.filter((c) => !isComplete(c)).length;
  return (
      <Stack>
        <FilterBuilder fields={fields} value={draft} onChange={setDraft} pickers={CLIENT_PICKERS} />
        {incomplete > 0 && (
          <Text size="sm" c="orange" role="status">
            {t('clients.filter.incomplete', { count: incomplete })}
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="subtle" color="gray" onClick={() => setDraft({ match: 'all', conditions: [] })} disabled={draft.conditions.length === 0}>
            {t('clients.filter.clear')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => {
                onApply(draft);
                onClose();
              }}
              disabled={incomplete > 0}
              data-testid="filter-apply"
            >
              {t('clients.filter.apply')}
            </Button>
          </Group>
        </Group>
      </Stack>
  );
}
