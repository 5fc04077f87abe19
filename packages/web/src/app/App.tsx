import { Suspense } from 'react';
import { Badge, MantineProvider, createTheme, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { configureApiClient, setCsrfToken } from '../api/client';
import { LoadingState } from '../ui/states';
import i18n, { currentLanguage } from './i18n';
import { queryClient } from './queryClient';
import { router } from './router';
import { SESSION_KEY, endSession } from './session';
import { TWO_FACTOR_PATH } from './guards';

const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  // A visible ring for keyboard users only; mouse clicks stay clean.
  focusRing: 'auto',
  components: {
    // Badges hold short statuses; in auto-sized table columns Mantine's ellipsis cut them to "АКТИВ…".
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } }),
  },
});

const colorSchemeManager = localStorageColorSchemeManager({ key: 'kontakt.theme' });

configureApiClient({
  language: currentLanguage,
  networkErrorTitle: () => i18n.t('errors.network'),
  onProblem: (error) => {
    if (error.status === 401 && error.code === 'unauthenticated') {
      // Only when a signed-in session ran out: the guard then sends the user to /login.
      if (queryClient.getQueryData(SESSION_KEY)) endSession('expired');
      else setCsrfToken(null);
    } else if (error.code === 'two_factor_setup_required') {
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      void router.navigate(TWO_FACTOR_PATH);
    } else if (error.code === 'csrf_invalid') {
      // A new token comes with /auth/me; the user's next try then goes through.
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    }
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<LoadingState minHeight="100vh" />}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>
  );
}
