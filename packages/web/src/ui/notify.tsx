import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import i18n from '../app/i18n';
import { isApiError } from '../api/client';

/** Problem title from the server (already translated), or our own words when there is none. */
export function errorTitle(error: unknown): string {
  if (isApiError(error)) return error.problem.title;
  return i18n.t('errors.unexpected');
}

/**
 * Shows an error that has no form to live in. A version conflict reloads the data (`onConflict`)
 * and says so, because the user's next try should start from the fresh record.
 */
export function notifyError(error: unknown, options: { onConflict?: () => void } = {}): void {
  if (isApiError(error, 'version_conflict')) {
    options.onConflict?.();
    notifications.show({
      color: 'orange',
      icon: <IconAlertCircle size={18} />,
      title: i18n.t('errors.conflictTitle'),
      message: options.onConflict ? i18n.t('errors.conflictReloaded') : error.problem.title,
    });
    return;
  }
  // Redirect-causing problems are handled by the client hooks; a toast on top would only be noise.
  if (isApiError(error, 'unauthenticated') || isApiError(error, 'two_factor_setup_required')) return;
  const details = isApiError(error) ? (error.problem.errors ?? []).map((e) => e.message) : [];
  notifications.show({
    color: 'red',
    icon: <IconAlertCircle size={18} />,
    title: errorTitle(error),
    message: details.length > 0 ? details.join('; ') : undefined,
  });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message, autoClose: 3000 });
}
