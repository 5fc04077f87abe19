import { useCallback, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, List, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { ClientType, DuplicateCandidate, DuplicateCheckBody } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clientsApi } from './clientsApi';

/**
 * Asks the server for likely duplicates whenever the create form's name, INN, phone or email settles.
 * A failed check says nothing: it only warns, it never blocks creating.
 */
export function useDuplicateWarning(type: ClientType) {
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [hiddenCount, setHiddenCount] = useState(0);
  const [acknowledged, setAcknowledged] = useState(false);
  const last = useRef('');
  const seq = useRef(0);

  const foundRef = useRef(false);

  /** Resolves to true when something matched (the form then waits for "create anyway"). */
  const check = useCallback(
    async (body: Omit<DuplicateCheckBody, 'type'>): Promise<boolean> => {
      const filled = {
        type,
        ...(body.name?.trim() ? { name: body.name.trim() } : {}),
        ...(body.inn?.trim() ? { inn: body.inn.trim() } : {}),
        ...(body.contacts?.length ? { contacts: body.contacts } : {}),
      };
      const key = JSON.stringify(filled);
      if (key === last.current) return foundRef.current;
      last.current = key;
      const mine = ++seq.current;
      const apply = (items: DuplicateCandidate[], hidden: number) => {
        if (mine !== seq.current) return foundRef.current;
        setCandidates(items);
        setHiddenCount(hidden);
        foundRef.current = items.length > 0 || hidden > 0;
        // Something new matched: an earlier "create anyway" no longer covers it.
        if (foundRef.current) setAcknowledged(false);
        return foundRef.current;
      };
      if (!filled.name && !filled.inn && !filled.contacts) return apply([], 0);
      try {
        const result = await clientsApi.duplicates.check(filled);
        return apply(result.items, result.hiddenCount);
      } catch {
        return apply([], 0);
      }
    },
    [type],
  );

  const found = candidates.length > 0 || hiddenCount > 0;
  return { candidates, hiddenCount, found, check, acknowledged, acknowledge: () => setAcknowledged(true) };
}

/** "Похоже, такая запись уже есть": the matches with what matched, links to open them, and "create anyway". */
export function DuplicateWarning({
  type,
  warning,
  onCreateAnyway,
  creating,
}: {
  type: ClientType;
  warning: ReturnType<typeof useDuplicateWarning>;
  onCreateAnyway: () => void;
  creating: boolean;
}) {
  const { t } = useTranslation();
  if (!warning.found) return null;
  const path = type === 'organization' ? 'organizations' : 'persons';
  return (
    <Alert color="orange" icon={<IconCopy size={18} />} title={t('clientCard.duplicates.title')} role="alert" data-testid="duplicate-warning">
      <Text size="sm" mb="xs">
        {t('clientCard.duplicates.text')}
      </Text>
      <List size="sm" spacing={4}>
        {warning.candidates.map((c) => (
          <List.Item key={c.id} data-testid="duplicate-candidate">
            <Anchor component={Link} to={`/${path}/${c.id}`} target="_blank" fw={500}>
              {c.name}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {[c.inn && `${t('clientCard.fields.inn')} ${c.inn}`, c.organization?.name, c.phone, c.email].filter(Boolean).join(' · ')}
            </Text>
            <Text size="xs" c="orange.8">
              {c.matches.map((m) => t(`clientCard.duplicates.reasons.${m.reason}`, { value: m.value })).join('; ')}
            </Text>
          </List.Item>
        ))}
      </List>
      {warning.hiddenCount > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('clientCard.duplicates.hidden', { count: warning.hiddenCount })}
        </Text>
      )}
      {!warning.acknowledged && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="orange" onClick={onCreateAnyway} loading={creating} data-testid="create-anyway">
            {t('clientCard.duplicates.createAnyway')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
