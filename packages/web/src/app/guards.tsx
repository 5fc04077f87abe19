import { Container } from '@mantine/core';
import type { Theme } from '@kontakt/shared';
import type { Locale } from '@kontakt/shared/locale';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { ErrorState, LoadingState } from '../ui/states';
import { AppLayout } from './AppLayout';
import { useApplyUserPreferences } from './preferences';
import { SessionProvider, SETUP_KEY, useSessionQuery, wasSignedOut } from './session';

function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Container size="xs" py="xl">
      <ErrorState error={error} onRetry={onRetry} />
    </Container>
  );
}

/** A fresh installation has no users yet: everything leads to /setup until it is done, and /setup is gone after. */
export function SetupGate() {
  const { pathname } = useLocation();
  const setup = useQuery({ queryKey: SETUP_KEY, queryFn: api.setup.status, staleTime: Infinity });
  if (setup.isPending) return <LoadingState minHeight="100vh" />;
  if (setup.isError) return <FullPageError error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.needed && pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!setup.data.needed && pathname === '/setup') return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Login page only for visitors; a signed-in user goes where they were heading. */
export function PublicOnly() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <LoadingState minHeight="100vh" />;
  if (session.data) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return <Outlet />;
}

export const TWO_FACTOR_PATH = '/profile?tab=security';

export function RequireAuth() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <LoadingState minHeight="100vh" />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const from = wasSignedOut() ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  // The role demands two-factor login: nothing but the profile works until it is on.
  if (session.data.twoFactorSetupRequired && location.pathname !== '/profile') {
    return <Navigate to={TWO_FACTOR_PATH} replace />;
  }
  return (
    <SessionProvider session={session.data}>
      <UserPreferences language={session.data.user.language} theme={session.data.user.theme} />
      <AppLayout />
    </SessionProvider>
  );
}

function UserPreferences({ language, theme }: { language: Locale; theme: Theme }) {
  useApplyUserPreferences(language, theme);
  return null;
}
