import { describe, expect, it } from 'vitest';
import type { OrganizationDto } from '@kontakt/shared';
import { defaultChoices, mergeRows, parseIds, toMergeBody, uniteBy, contactKey } from './mergeModel';

const ids = ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002', '0190a000-0000-7000-8000-000000000003'];

function org(id: string, over: Partial<OrganizationDto> = {}): OrganizationDto {
  return {
    id,
    kind: 'client',
    name: 'Ромашка',
    fullName: null,
    legalForm: null,
    inn: null,
    kpp: null,
    ogrn: null,
    okpo: null,
    industry: null,
    region: null,
    source: null,
    firstContactReason: null,
    parent: null,
    website: null,
    notes: null,
    contacts: [],
    addresses: [],
    bankAccounts: [],
    units: [],
    responsible: null,
    custom: {},
    groups: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    createdBy: null,
    deletedAt: null,
    version: 1,
    ...over,
  };
}

const options = {
  locale: 'ru' as const,
  customDefs: [],
  formatDate: (iso: string) => iso,
  words: { yes: 'да', no: 'нет', document: 'Документ' },
};

describe('merge defaults', () => {
  const records = [
    org(ids[0]!, { name: 'Ромашка', inn: null, industry: 'Торговля' }),
    org(ids[1]!, { name: 'ООО Ромашка', inn: '7707083893', industry: null, custom: { segment: 'B2B' } }),
    org(ids[2]!, { name: 'Ромашка ООО', inn: '7707083893', responsible: { id: ids[2]!, name: 'Громова' } }),
  ];

  it('keeps the survivor’s filled-in values and takes the first filled-in one where it has none', () => {
    const rows = mergeRows('organization', records, options);
    const choices = defaultChoices(rows, records, ids[0]!);
    expect(choices.name).toBe(ids[0]);
    expect(choices.industry).toBe(ids[0]);
    expect(choices.inn).toBe(ids[1]);
    expect(choices.responsibleId).toBe(ids[2]);
    expect(choices['custom.segment']).toBe(ids[1]);
  });

  it('follows another survivor', () => {
    const rows = mergeRows('organization', records, options);
    const choices = defaultChoices(rows, records, ids[2]!);
    expect(choices.name).toBe(ids[2]);
    expect(choices.industry).toBe(ids[0]);
    expect(choices.inn).toBe(ids[2]);
  });

  it('shows only fields someone filled in, and marks equal ones as nothing to choose', () => {
    const rows = mergeRows('organization', records, options);
    expect(rows.map((r) => r.id)).not.toContain('okpo');
    expect(rows.find((r) => r.id === 'kind')?.same).toBe(true);
    expect(rows.find((r) => r.id === 'name')?.same).toBe(false);
    expect(rows.find((r) => r.id === 'kind')?.values[0]?.text).toBe('Клиент');
    // Two records with one INN and one without it: still nothing to choose, and it is known where it comes from.
    expect(rows.find((r) => r.id === 'inn')).toMatchObject({ same: true, filled: [1, 2] });
  });

  it('builds the API body: the others as merged, custom fields apart, versions of all', () => {
    const rows = mergeRows('organization', records, options);
    const body = toMergeBody('organization', records, ids[1]!, defaultChoices(rows, records, ids[1]!));
    expect(body.survivorId).toBe(ids[1]);
    expect(body.mergedIds).toEqual([ids[0], ids[2]]);
    expect(body.custom).toEqual({ segment: ids[1] });
    expect(body.fields?.inn).toBe(ids[1]);
    expect(Object.keys(body.fields ?? {})).not.toContain('custom.segment');
    expect(body.versions).toEqual({ [ids[0]!]: 1, [ids[1]!]: 1, [ids[2]!]: 1 });
  });
});

describe('united collections', () => {
  it('drops a phone typed the same in two records', () => {
    const phone = (id: string, value: string) => ({ id, kind: 'phone' as const, value, normalized: '+74951234567', label: null, messenger: null });
    const united = uniteBy([[phone('a', '+7 495 123-45-67')], [phone('b', '8 (495) 123 45 67')]], contactKey);
    expect(united).toHaveLength(1);
  });

  it('reads the ids of the address, unique and at most 20', () => {
    expect(parseIds('a,b,,a, c')).toEqual(['a', 'b', 'c']);
    expect(parseIds(null)).toEqual([]);
    expect(parseIds(Array.from({ length: 30 }, (_, i) => `id${i}`).join(','))).toHaveLength(20);
  });
});
