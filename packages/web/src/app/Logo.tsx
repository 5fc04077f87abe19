import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { Link } from 'react-router';

export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <Group
      gap={8}
      wrap="nowrap"
      renderRoot={(props) => <Link to="/" {...props} />}
      style={{ textDecoration: 'none', color: 'inherit' }}
      aria-label="Kontakt"
    >
      <ThemeIcon size={compact ? 30 : 36} radius="md" variant="filled">
        <IconAddressBook size={compact ? 18 : 22} />
      </ThemeIcon>
      <Text fw={700} size={compact ? 'lg' : 'xl'} visibleFrom={compact ? 'xs' : undefined}>
        Kontakt
      </Text>
    </Group>
  );
}
