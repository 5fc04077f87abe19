import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MeDto, SessionInfo } from '@kontakt/shared';
import { scopeOf, type Action, type ObjectType, type Permissions, type Scope } from '@kontakt/shared/access';
import { api, isApiError, setCsrfToken } from '../api/client';
import { queryClient } from './queryClient';

export const SESSION_KEY = ['session'] as const;
export const SETUP_KEY = ['setup'] as const;

/** The signed-in session, or null when nobody is signed in (401 is an answer here, not an error). */
export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<SessionInfo | null> => {
      try {
        return await api.auth.me();
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

let signedOut = false;

/** True after the user pressed "Sign out": the next login starts at home, not on the page they left. */
export function wasSignedOut(): boolean {
  return signedOut;
}

/** A new session replaces everything cached for the previous one, so no user sees another's data. */
export function startSession(session: SessionInfo): void {
  signedOut = false;
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] && q.queryKey[0] !== SETUP_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}

export function endSession(reason: 'signed-out' | 'expired'): void {
  signedOut = reason === 'signed-out';
  setCsrfToken(null);
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] && q.queryKey[0] !== SETUP_KEY[0] });
}

export function updateSessionUser(user: MeDto): void {
  queryClient.setQueryData<SessionInfo | null>(SESSION_KEY, (old) => (old ? { ...old, user } : old));
}

const SessionContext = createContext<SessionInfo | null>(null);

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() is used outside of a signed-in page');
  return session;
}

export function useScope(object: ObjectType, action: Action): Scope {
  const { permissions } = useSession();
  return scopeOf(permissions as Partial<Permissions>, object, action);
}

export function useCan(object: ObjectType, action: Action): boolean {
  return useScope(object, action) !== 'none';
}

/** For components that also render before login (date formatting, header controls). */
export function useOptionalSession(): SessionInfo | null {
  return useContext(SessionContext);
}
