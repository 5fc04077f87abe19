import type { ReactNode } from 'react';
import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { ThemeToggle } from '../ui/ThemeToggle';
import { Logo } from './Logo';

/** The frame of the pages seen before login: logo, language and theme, and one card. */
export function PublicLayout({ title, subtitle, children, width = 420 }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  useDocumentTitle(`${title} · Kontakt`);
  return (
    <Box mih="100dvh" bg="var(--mantine-color-body)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" p="md" wrap="nowrap">
        <Logo />
        <Group gap="xs" wrap="nowrap">
          <LanguageSwitch />
          <ThemeToggle />
        </Group>
      </Group>
      <Container w="100%" size={width} px="md" py={{ base: 'md', sm: 'xl' }} style={{ flex: 1 }}>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={2}>{title}</Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
            {children}
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
