import { useCallback, useEffect } from 'react';
import { useMantineColorScheme } from '@mantine/core';
import type { SessionInfo, Theme } from '@kontakt/shared';
import type { Locale } from '@kontakt/shared/locale';
import { api } from '../api/client';
import i18n from './i18n';
import { queryClient } from './queryClient';
import { SESSION_KEY, updateSessionUser } from './session';
import { notifyError } from '../ui/notify';

let saving: Promise<unknown> = Promise.resolve();

/**
 * Saves one preference of the signed-in user. Saves run one after another and each reads the newest
 * `version` from the cache when it starts, so switching language and theme quickly does not conflict.
 */
function savePreference(change: { language?: Locale; theme?: Theme }): void {
  saving = saving.then(async () => {
    const session = queryClient.getQueryData<SessionInfo | null>(SESSION_KEY);
    if (!session) return;
    try {
      updateSessionUser(await api.auth.updateMe({ ...change, version: session.user.version }));
    } catch (error) {
      notifyError(error);
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    }
  });
}

function signedIn(): boolean {
  return Boolean(queryClient.getQueryData<SessionInfo | null>(SESSION_KEY));
}

/** Language and theme switches: applied at once, and saved to the profile when someone is signed in. */
export function usePreferences() {
  const { setColorScheme } = useMantineColorScheme();

  const setLanguage = useCallback((language: Locale) => {
    void i18n.changeLanguage(language);
    if (signedIn()) savePreference({ language });
  }, []);

  const setTheme = useCallback(
    (theme: Theme) => {
      setColorScheme(theme);
      if (signedIn()) savePreference({ theme });
    },
    [setColorScheme],
  );

  return { setLanguage, setTheme };
}

/** Applies the signed-in user's saved language and theme (on login, and when another tab changed them). */
export function useApplyUserPreferences(language: Locale, theme: Theme): void {
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);
  useEffect(() => {
    setColorScheme(theme);
  }, [theme, setColorScheme]);
}
