import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationPrefsDto, SmtpSettingsDto, UpdateSmtpBody } from '@kontakt/shared';
import { http } from '../../api/client';

type NotificationPref = NotificationPrefsDto['events'][number];

const prefsKey = ['profile', 'notifications'] as const;
const smtpKey = ['settings', 'smtp'] as const;

export const notificationSettingsApi = {
  prefs: () => http.get<NotificationPrefsDto>('/profile/notifications'),
  savePrefs: (events: NotificationPref[]) => http.put<NotificationPrefsDto>('/profile/notifications', { events }),
  smtp: () => http.get<SmtpSettingsDto>('/settings/smtp'),
  saveSmtp: (body: UpdateSmtpBody) => http.put<SmtpSettingsDto>('/settings/smtp', body),
  disableSmtp: (version: number) => http.del('/settings/smtp', { version }),
  testSmtp: (to?: string) => http.post<{ to: string; response: string | null }>('/settings/smtp/test', to ? { to } : {}),
};

export function useNotificationPrefs() {
  return useQuery({ queryKey: prefsKey, queryFn: notificationSettingsApi.prefs });
}

/** Saves one choice; the list shows it at once and goes back if the server refuses. */
export function useSaveNotificationPref() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (pref: NotificationPref) => notificationSettingsApi.savePrefs([pref]),
    onMutate: async (pref) => {
      await client.cancelQueries({ queryKey: prefsKey });
      const before = client.getQueryData<NotificationPrefsDto>(prefsKey);
      if (before) client.setQueryData(prefsKey, { ...before, events: before.events.map((e) => (e.kind === pref.kind ? pref : e)) });
      return { before };
    },
    onError: (_error, _pref, context) => {
      if (context?.before) client.setQueryData(prefsKey, context.before);
    },
    onSuccess: (saved) => client.setQueryData(prefsKey, saved),
  });
}

export function useSmtpSettings() {
  return useQuery({ queryKey: smtpKey, queryFn: notificationSettingsApi.smtp });
}

export function useSaveSmtp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: notificationSettingsApi.saveSmtp,
    onSuccess: (saved) => {
      client.setQueryData(smtpKey, saved);
      void client.invalidateQueries({ queryKey: prefsKey });
    },
  });
}

export function useDisableSmtp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => notificationSettingsApi.disableSmtp(version),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: smtpKey });
      void client.invalidateQueries({ queryKey: prefsKey });
    },
  });
}

export function useTestSmtp() {
  return useMutation({ mutationFn: (to?: string) => notificationSettingsApi.testSmtp(to) });
}
