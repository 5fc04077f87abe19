import { z } from 'zod';
import { ORGANIZATION_KINDS } from './clients.js';

/**
 * Global search (Ctrl+K): one box finding organizations and persons by a part of the name (typos
 * tolerated), INN, phone in any format or email. Results come grouped by type; each says what matched.
 */
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  /** Per type. */
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;

/** `similar_name` = found through a corrected word ("Ромашко" → "Ромашка"). */
export const SEARCH_MATCHES = ['name', 'similar_name', 'inn', 'phone', 'email'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

const hitBase = {
  id: z.uuid(),
  name: z.string(),
  matched: z.enum(SEARCH_MATCHES),
  /** The phone or email as stored in the record, when one of them matched. */
  matchedValue: z.string().nullable(),
};

export const organizationSearchHitSchema = z.object({
  ...hitBase,
  kind: z.enum(ORGANIZATION_KINDS),
  inn: z.string().nullable(),
  city: z.string().nullable(),
});
export type OrganizationSearchHit = z.infer<typeof organizationSearchHitSchema>;

export const personSearchHitSchema = z.object({
  ...hitBase,
  position: z.string().nullable(),
  /** The primary organization, only when the actor may view it. */
  organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type PersonSearchHit = z.infer<typeof personSearchHitSchema>;

export const searchResultSchema = z.object({
  organizations: z.array(organizationSearchHitSchema),
  persons: z.array(personSearchHitSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
