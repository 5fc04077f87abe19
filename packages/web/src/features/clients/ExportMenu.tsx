import { IconAddressBook, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import type { ClientType } from '@kontakt/shared';
import { useTranslation } from 'react-i18next';
import { DownloadMenu } from '../../ui/DownloadMenu';
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
    <DownloadMenu
      label={t('clients.export.label')}
      hint={t('clients.export.hint')}
      items={formats.map(({ format, icon }) => ({
        key: format,
        label: t(`clients.export.${format}`),
        icon,
        href: clientsApi.exportUrl(type, format, { ...params, columns }),
      }))}
    />
  );
}
