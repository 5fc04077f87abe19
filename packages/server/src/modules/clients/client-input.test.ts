import { describe, expect, it } from 'vitest';
import { Problems } from '../../platform/validate.js';
import { AppError } from '../../platform/errors.js';
import { checkOrganizationInput, checkPersonInput } from './client-input.js';

function problemsOf(run: (p: Problems) => unknown): { field: string; code: string }[] {
  const problems = new Problems();
  run(problems);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return ((error as AppError).options.errors ?? []).map(({ field, code }) => ({ field, code }));
  }
}

const BIK = '044525225';
const ACCOUNT = '40702810938000000001';

describe('checkOrganizationInput', () => {
  it('normalizes requisites, contacts and bank accounts of a valid body', () => {
    const p = new Problems();
    const input = checkOrganizationInput(
      {
        name: ' Ромашка ',
        inn: '7707 083893',
        kpp: '773601001',
        ogrn: '1027700132195',
        website: 'romashka.ru',
        contacts: [
          { kind: 'phone', value: '8 (916) 123-45-67' },
          { kind: 'email', value: 'Info@Romashka.RU' },
        ],
        bankAccounts: [{ bik: BIK, account: ACCOUNT, correspondentAccount: '30101810400000000225' }],
      },
      p,
    );
    expect(input.ok).toBe(true);
    expect(input.values).toMatchObject({ name: 'Ромашка', kind: 'lead', inn: '7707083893', full_name: null });
    expect(input.contacts?.map((c) => c.normalized)).toEqual(['+79161234567', 'info@romashka.ru']);
    expect(input.bankAccounts?.[0]).toMatchObject({ is_primary: true, currency: 'RUB' });
  });

  it('names every wrong field with its code, under the prefix', () => {
    const found = problemsOf((p) =>
      checkOrganizationInput(
        {
          name: 'X',
          inn: '7707083894',
          kpp: '77-01',
          ogrn: '1027700132194',
          okpo: '12345670',
          website: 'not a site',
          contacts: [
            { kind: 'phone', value: '12' },
            { kind: 'email', value: 'nope@' },
          ],
          bankAccounts: [
            { bik: '123', account: ACCOUNT },
            { bik: BIK, account: '40702810938000000002', correspondentAccount: '30101810400000000226' },
          ],
        },
        p,
        { prefix: 'rows.3.' },
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'rows.3.inn', code: 'invalid_inn' },
        { field: 'rows.3.kpp', code: 'invalid_kpp' },
        { field: 'rows.3.ogrn', code: 'invalid_ogrn' },
        { field: 'rows.3.okpo', code: 'invalid_okpo' },
        { field: 'rows.3.website', code: 'invalid_url' },
        { field: 'rows.3.contacts.0.value', code: 'invalid_phone' },
        { field: 'rows.3.contacts.1.value', code: 'invalid_email' },
        { field: 'rows.3.bankAccounts.0.bik', code: 'invalid_bik' },
        { field: 'rows.3.bankAccounts.1.account', code: 'invalid_account' },
        { field: 'rows.3.bankAccounts.1.correspondentAccount', code: 'invalid_correspondent_account' },
      ]),
    );
  });

  it('requires a name on create only; a partial body gives only its own columns', () => {
    expect(problemsOf((p) => checkOrganizationInput({}, p))).toEqual([{ field: 'name', code: 'required' }]);
    const input = checkOrganizationInput({ region: 'Москва', version: 2 }, new Problems(), { partial: true });
    expect(input).toMatchObject({ ok: true, values: { region: 'Москва' }, version: 2 });
    expect(Object.keys(input.values)).toEqual(['region']);
    expect(input.contacts).toBeUndefined();
  });

  it('reports unknown fields and wrong types instead of throwing', () => {
    expect(problemsOf((p) => checkOrganizationInput({ name: 'A', bogus: 1 }, p))).toEqual([{ field: 'bogus', code: 'unknown_field' }]);
    expect(problemsOf((p) => checkOrganizationInput({ name: 5 }, p))).toEqual([{ field: 'name', code: 'invalid_type' }]);
    expect(problemsOf((p) => checkOrganizationInput(null, p))).toEqual([{ field: 'body', code: 'required' }]);
  });
});

describe('checkPersonInput', () => {
  it('keeps one primary employment and gives the document separately', () => {
    const org = '0190a5f0-0000-7000-8000-000000000001';
    const org2 = '0190a5f0-0000-7000-8000-000000000002';
    const input = checkPersonInput(
      {
        lastName: 'Иванов',
        employments: [{ organizationId: org }, { organizationId: org2, isPrimary: true }],
        document: { series: '4510', number: '123456' },
      },
      new Problems(),
    );
    expect(input.ok).toBe(true);
    expect(input.employments?.map((e) => e.is_primary)).toEqual([false, true]);
    expect(input.document).toMatchObject({ doc_series: '4510', doc_number: '123456', doc_type: null });
    expect(input.values).toMatchObject({ last_name: 'Иванов', first_name: null });
  });

  it('refuses two primaries, a repeated organization and an impossible birth date', () => {
    const org = '0190a5f0-0000-7000-8000-000000000001';
    const found = problemsOf((p) =>
      checkPersonInput(
        {
          lastName: 'Иванов',
          birthDate: '1700-01-01',
          employments: [
            { organizationId: org, isPrimary: true },
            { organizationId: org, isPrimary: true },
          ],
        },
        p,
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', code: 'invalid_date' },
        { field: 'employments', code: 'invalid_value' },
        { field: 'employments.1.organizationId', code: 'taken' },
      ]),
    );
  });
});

describe('organization units', () => {
  it('refuses a unit under itself, under an unknown unit, or in a loop', () => {
    const a = '0190a5f0-0000-7000-8000-00000000000a';
    const b = '0190a5f0-0000-7000-8000-00000000000b';
    const found = problemsOf((p) =>
      checkOrganizationInput(
        {
          name: 'Орг',
          units: [
            { id: a, name: 'A', parentId: b },
            { id: b, name: 'B', parentId: a },
            { name: 'C', parentId: '0190a5f0-0000-7000-8000-00000000000c' },
          ],
        },
        p,
      ),
    );
    expect(found).toEqual([
      { field: 'units.0.parentId', code: 'cycle' },
      { field: 'units.1.parentId', code: 'cycle' },
      { field: 'units.2.parentId', code: 'not_found' },
    ]);
    const ok = checkOrganizationInput({ name: 'Орг', units: [{ id: a, name: 'A' }, { id: b, name: 'B', parentId: a }] }, new Problems());
    expect(ok.ok).toBe(true);
  });
});
