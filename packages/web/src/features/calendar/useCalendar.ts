import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateAbsenceBody, UpdateAbsenceBody, WorkingHours } from '@kontakt/shared';
import { calendarApi } from './calendarApi';

/** Everything here is cached under 'calendar', which task writes refresh too (see refreshTasks). */
export const CALENDAR_KEY = ['calendar'] as const;
const ABSENCES_KEY = [...CALENDAR_KEY, 'absences'] as const;
const HOURS_KEY = [...CALENDAR_KEY, 'working-hours'] as const;
const FEED_KEY = [...CALENDAR_KEY, 'feed'] as const;

/** The shown range of the chosen people; the previous answer stays on screen while the next loads. */
export function useCalendarRange(range: { from: string; to: string } | null, userIds: string[]) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'range', range?.from, range?.to, userIds.join(',')],
    queryFn: () => calendarApi.get({ from: range!.from, to: range!.to, userIds }),
    enabled: range !== null,
    placeholderData: keepPreviousData,
    // Colleagues plan meetings too: a calendar left open catches up without a reload.
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useAbsences(userId: string | null, from: string) {
  return useQuery({
    queryKey: [...ABSENCES_KEY, userId, from],
    queryFn: () => calendarApi.absences.list({ userIds: userId ? [userId] : undefined, from }),
    enabled: userId !== null,
  });
}

/**
 * After an absence or working hours change: the list and every calendar range (its colouring). Not awaited:
 * the form is done when the write is, not when a week of events has been read again.
 */
function useRefreshCalendar() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: CALENDAR_KEY });
  };
}

export function useSaveAbsence() {
  const refresh = useRefreshCalendar();
  return useMutation({
    mutationFn: (args: { id?: string; body: CreateAbsenceBody | UpdateAbsenceBody }) =>
      args.id ? calendarApi.absences.update(args.id, args.body as UpdateAbsenceBody) : calendarApi.absences.create(args.body as CreateAbsenceBody),
    onSuccess: refresh,
  });
}

export function useDeleteAbsence() {
  const refresh = useRefreshCalendar();
  return useMutation({ mutationFn: (a: { id: string; version: number }) => calendarApi.absences.remove(a.id, a.version), onSuccess: refresh });
}

export function useUserWorkingHours(userId: string | null) {
  return useQuery({ queryKey: [...HOURS_KEY, 'user', userId], queryFn: () => calendarApi.workingHours.user(userId!), enabled: userId !== null });
}

export function useCompanyWorkingHours() {
  return useQuery({ queryKey: [...HOURS_KEY, 'company'], queryFn: calendarApi.workingHours.company });
}

export function useSaveUserWorkingHours() {
  const refresh = useRefreshCalendar();
  return useMutation({
    mutationFn: (a: { userId: string; hours: WorkingHours | null; version: number }) => calendarApi.workingHours.updateUser(a.userId, a.hours, a.version),
    onSuccess: refresh,
  });
}

export function useSaveCompanyWorkingHours() {
  const refresh = useRefreshCalendar();
  return useMutation({
    mutationFn: (a: { hours: WorkingHours; version: number }) => calendarApi.workingHours.updateCompany(a.hours, a.version),
    onSuccess: refresh,
  });
}

export function useFeedStatus(enabled: boolean) {
  return useQuery({ queryKey: FEED_KEY, queryFn: calendarApi.feed.status, enabled });
}

export function useCreateFeed() {
  const client = useQueryClient();
  return useMutation({ mutationFn: calendarApi.feed.create, onSuccess: () => client.invalidateQueries({ queryKey: FEED_KEY }) });
}

export function useRevokeFeed() {
  const client = useQueryClient();
  return useMutation({ mutationFn: calendarApi.feed.revoke, onSuccess: () => client.invalidateQueries({ queryKey: FEED_KEY }) });
}
