import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText, IconAddressBook } from '@tabler/icons-react';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { clientsApi, type ClientListParams, type ExportFormat } from './clientsApi';

/** Downloads the list as shown — the same filter, sort, quick search and columns — in a chosen format. */
export function ExportMenu({ type, params, columns }: { type: ClientType; params: ClientListParams; columns: string[] }) {
  const { t } = useTranslation();
  const formats: Array<{ format: ExportFormat; icon: React.ReactNode }> = [
    { format: 'xlsx', icon: <IconFileSpreadsheet size={16} /> },
    { format: 'csv', icon: <IconFileText size={16} /> },
    ...(type === 'person' ? [{ format: 'vcard' as const, icon: <IconAddressBook size={16} /> }] : []),
  ];
  return (
    <Menu withinPortal position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid="export-button">
          {t('clients.export.label')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('clients.export.hint')}</Menu.Label>
        {formats.map(({ format, icon }) => (
          <Menu.Item
            key={format}
            component="a"
            href={clientsApi.exportUrl(type, format, { ...params, columns })}
            download
            leftSection={icon}
            data-testid={`export-${format}`}
          >
            {t(`clients.export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
