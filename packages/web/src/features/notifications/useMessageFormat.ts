import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { MessageFormat } from './notificationModel';

/** How notification sentences show moments and results for the signed-in user. */
export function useMessageFormat(): MessageFormat {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useMemo(
    () => ({
      dateTime: (iso: string) => fmt.dateTime(iso),
      date: (iso: string) => fmt.date(iso),
      result: (key: string, label: string | null) => label ?? t(`tasks.results.${key}`, { defaultValue: key }),
    }),
    [fmt, t],
  );
}
