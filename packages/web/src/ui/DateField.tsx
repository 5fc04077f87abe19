import { DateInput, DateTimePicker, type DateInputProps, type DateTimePickerProps } from '@mantine/dates';
import '@mantine/dates/styles.css';
import 'dayjs/locale/ru';
import 'dayjs/locale/uk';
import { useTranslation } from 'react-i18next';
import { parseDay } from './parseDay';

interface DateFieldProps extends Omit<DateInputProps, 'value' | 'onChange' | 'locale' | 'valueFormat' | 'dateParser'> {
  /** "YYYY-MM-DD" or "" */
  value: string;
  onChange: (value: string) => void;
}

/**
 * A calendar day typed as the user writes it (дд.мм.гггг in Russian and Ukrainian) or picked from a calendar,
 * in the UI language; the value stays "YYYY-MM-DD" as the API wants.
 */
export function DateField({ value, onChange, ...rest }: DateFieldProps) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <DateInput
      {...rest}
      locale={locale}
      valueFormat={locale === 'en' ? 'D MMM YYYY' : 'DD.MM.YYYY'}
      placeholder={rest.placeholder ?? (locale === 'en' ? 'DD.MM.YYYY' : locale === 'uk' ? 'дд.мм.рррр' : 'дд.мм.гггг')}
      dateParser={(text) => parseDay(text)}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      popoverProps={{ withinPortal: true }}
    />
  );
}

interface DateTimeFieldProps extends Omit<DateTimePickerProps, 'value' | 'onChange' | 'locale' | 'valueFormat'> {
  /** "YYYY-MM-DD HH:mm:ss" in the browser's time, or "" */
  value: string;
  onChange: (value: string) => void;
}

/**
 * A moment picked as day and time, shown in the UI language's usual order. The hour and minute boxes of its
 * dropdown are named after the field ("Начало: часы"), so a screen reader tells the start's from the end's.
 */
export function DateTimeField({ value, onChange, ...rest }: DateTimeFieldProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const field = typeof rest.label === 'string' ? rest.label : null;
  return (
    <DateTimePicker
      {...rest}
      timePickerProps={{
        hoursInputLabel: field ? t('common.hoursOf', { field }) : t('common.hours'),
        minutesInputLabel: field ? t('common.minutesOf', { field }) : t('common.minutes'),
        ...rest.timePickerProps,
      }}
      locale={locale}
      valueFormat={locale === 'en' ? 'D MMM YYYY HH:mm' : 'DD.MM.YYYY HH:mm'}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      popoverProps={{ withinPortal: true }}
    />
  );
}
