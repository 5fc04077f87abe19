import type { OrganizationSearchHit, PersonSearchHit, SearchResult } from '@kontakt/shared';

/** One line of the palette; the keyboard walks them in this order, organizations first. */
export type SearchItem =
  | { type: 'organization'; hit: OrganizationSearchHit; path: string }
  | { type: 'person'; hit: PersonSearchHit; path: string };

export function searchItems(result: SearchResult | undefined): SearchItem[] {
  if (!result) return [];
  return [
    ...result.organizations.map((hit) => ({ type: 'organization' as const, hit, path: `/organizations/${hit.id}` })),
    ...result.persons.map((hit) => ({ type: 'person' as const, hit, path: `/persons/${hit.id}` })),
  ];
}

/** Arrow keys wrap around, so the last result is one key away from the first. */
export function moveActive(active: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (active < 0) return delta > 0 ? 0 : count - 1;
  return (active + delta + count) % count;
}

export function subtitleOf(item: SearchItem): string {
  if (item.type === 'organization') return [item.hit.inn, item.hit.city].filter(Boolean).join(' · ');
  return [item.hit.position, item.hit.organization?.name].filter(Boolean).join(' · ');
}
