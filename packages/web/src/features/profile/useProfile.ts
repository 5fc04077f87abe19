import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ChangePasswordBody, type CreateApiTokenBody, type UpdateMeBody } from '../../api/client';
import { SESSION_KEY, updateSessionUser } from '../../app/session';

const tokensKey = ['profile', 'tokens'] as const;
const sessionsKey = ['profile', 'sessions'] as const;

export function useUpdateMe() {
  return useMutation({ mutationFn: (body: UpdateMeBody) => api.auth.updateMe(body), onSuccess: updateSessionUser });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.auth.changePassword(body),
    // Other sessions end on a password change; the list should show that.
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Two-factor changes alter the session (`twoFactorEnabled`, `twoFactorSetupRequired`). */
function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: SESSION_KEY });
}

export function useTwoFactorSetup() {
  return useMutation({ mutationFn: api.auth.twoFactor.setup });
}

export function useTwoFactorEnable() {
  const refresh = useRefreshSession();
  return useMutation({ mutationFn: api.auth.twoFactor.enable, onSuccess: () => void refresh() });
}

export function useTwoFactorDisable() {
  const refresh = useRefreshSession();
  return useMutation({ mutationFn: api.auth.twoFactor.disable, onSuccess: () => void refresh() });
}

export function useRecoveryCodes() {
  return useMutation({ mutationFn: api.auth.twoFactor.recoveryCodes });
}

export function useApiTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: async () => (await api.auth.tokens.list()).items });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => api.auth.tokens.create(body),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({ mutationFn: api.auth.tokens.revoke, onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }) });
}

export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: async () => (await api.auth.sessions.list()).items });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({ mutationFn: api.auth.sessions.revoke, onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }) });
}
