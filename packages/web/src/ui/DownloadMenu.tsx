import type { ReactNode } from 'react';
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';

export interface DownloadItem {
  /** Also the test id: `export-<key>`. */
  key: string;
  label: string;
  icon: ReactNode;
  href: string;
}

/** "Export ▾": files the browser downloads itself, each a link to a GET endpoint with the list's own query. */
export function DownloadMenu({ label, hint, items }: { label: string; hint: string; items: DownloadItem[] }) {
  return (
    <Menu withinPortal position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="export-button">
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{hint}</Menu.Label>
        {items.map((item) => (
          <Menu.Item key={item.key} component="a" href={item.href} download leftSection={item.icon} data-testid={`export-${item.key}`}>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
