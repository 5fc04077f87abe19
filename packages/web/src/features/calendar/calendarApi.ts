/**
 * Endpoints of the calendar: the events, absences and working hours of chosen employees in a period,
 * absences, working hours, and the private iCalendar feed. Shapes follow packages/shared/src/schemas/calendar.ts.
 */
import type { z } from 'zod';
import {
  withEventList,
  type AbsenceDto,
  type CalendarDto,
  type CalendarWithEventsDto,
  type CalendarFeedStatusDto,
  type CreateAbsenceBody,
  type UpdateAbsenceBody,
  type UserWorkingHoursDto,
  type WorkingHours,
  type calendarFeedCreatedSchema,
  type companyWorkingHoursSchema,
} from '@kontakt/shared';
import { http } from '../../api/client';

export type CompanyWorkingHours = z.infer<typeof companyWorkingHoursSchema>;
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreatedSchema>;

const enc = encodeURIComponent;

export const calendarApi = {
  /** The answer carries events as one list per field; the page works with a list of events. */
  get: async (params: { from: string; to: string; userIds: string[] }): Promise<CalendarWithEventsDto> =>
    withEventList(await http.get<CalendarDto>('/calendar', { from: params.from, to: params.to, userIds: params.userIds.join(',') })),
  absences: {
    list: (params: { userIds?: string[]; from?: string; to?: string; limit?: number }) =>
      http.get<{ items: AbsenceDto[]; nextCursor: string | null }>('/absences', {
        userIds: params.userIds?.join(','),
        from: params.from,
        to: params.to,
        limit: params.limit ?? 200,
      }),
    create: (body: CreateAbsenceBody) => http.post<AbsenceDto>('/absences', body),
    update: (id: string, body: UpdateAbsenceBody) => http.patch<AbsenceDto>(`/absences/${enc(id)}`, body),
    remove: (id: string, version: number) => http.del(`/absences/${enc(id)}`, { version }),
  },
  workingHours: {
    company: () => http.get<CompanyWorkingHours>('/working-hours'),
    updateCompany: (workingHours: WorkingHours, version: number) => http.put<CompanyWorkingHours>('/working-hours', { workingHours, version }),
    user: (userId: string) => http.get<UserWorkingHoursDto>(`/users/${enc(userId)}/working-hours`),
    updateUser: (userId: string, workingHours: WorkingHours | null, version: number) =>
      http.put<UserWorkingHoursDto>(`/users/${enc(userId)}/working-hours`, { workingHours, version }),
  },
  feed: {
    status: () => http.get<CalendarFeedStatusDto>('/calendar/feed'),
    create: () => http.post<CalendarFeedCreated>('/calendar/feed'),
    revoke: () => http.del('/calendar/feed'),
  },
};
