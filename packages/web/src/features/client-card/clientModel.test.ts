import { describe, expect, it } from 'vitest';
import {
  addressLine,
  bankProblems,
  changedText,
  contactHref,
  contactProblem,
  contactsBody,
  emptyBank,
  emptyContact,
  requisiteProblem,
  ownsFields,
  scopeAllows,
  unitsBody,
} from './clientModel';

describe('changedText', () => {
  it('returns only the fields whose trimmed text differs, with empty inputs as null', () => {
    const record = { inn: '7736207543', kpp: null as string | null, okpo: '12345678' };
    const body = changedText(record, { inn: ' 7736207543 ', kpp: '773601001', okpo: '' }, ['inn', 'kpp', 'okpo']);
    expect(body).toEqual({ kpp: '773601001', okpo: null });
  });
});

describe('contactsBody', () => {
  it('keeps ids, trims values, sends a messenger only for messenger rows and null for empty labels', () => {
    const rows = [
      { id: '01a2091e-7327-72aa-9f00-000000000001', kind: 'phone' as const, value: ' 8 916 123-45-67 ', label: '', messenger: 'telegram' },
      { ...emptyContact('messenger'), value: '@ivanov' },
    ];
    expect(contactsBody(rows)).toEqual([
      { id: '01a2091e-7327-72aa-9f00-000000000001', kind: 'phone', value: '8 916 123-45-67', label: null, messenger: null },
      { kind: 'messenger', value: '@ivanov', label: null, messenger: 'telegram' },
    ]);
  });
});

describe('instant hints', () => {
  it('names the server code of a requisite that fails its control digits, and nothing for empty or valid ones', () => {
    expect(requisiteProblem('inn', '7736207543')).toBeNull();
    expect(requisiteProblem('inn', '7736207544')).toBe('invalid_inn');
    expect(requisiteProblem('inn', '  ')).toBeNull();
    expect(requisiteProblem('kpp', '77360100')).toBe('invalid_kpp');
    expect(requisiteProblem('bik', '044525225')).toBeNull();
  });

  it('checks the accounts against the BIK only once the BIK itself is right', () => {
    const good = { ...emptyBank(true), bik: '044525225', account: '40702810938000000001', correspondentAccount: '30101810400000000225' };
    expect(bankProblems(good)).toEqual({});
    expect(bankProblems({ ...good, bik: '123456789' })).toEqual({ bik: 'invalid_bik' });
    expect(bankProblems({ ...good, account: '40702810938000000002' })).toEqual({ account: 'invalid_account' });
    expect(bankProblems({ ...good, correspondentAccount: '30101810400000000226' })).toEqual({ correspondentAccount: 'invalid_correspondent_account' });
  });

  it('flags phones and emails that will not normalize', () => {
    expect(contactProblem({ ...emptyContact('phone'), value: '12ab' })).toBe('invalid_phone');
    expect(contactProblem({ ...emptyContact('phone'), value: '8 (916) 123-45-67' })).toBeNull();
    expect(contactProblem({ ...emptyContact('email'), value: 'ivanov@' })).toBe('invalid_email');
    expect(contactProblem({ ...emptyContact('website'), value: 'romashka.ru' })).toBeNull();
  });
});

describe('unitsBody', () => {
  it('drops blank rows and sends a parent only when it is already saved', () => {
    const saved = '01a2091e-7327-72aa-9f00-000000000002';
    const body = unitsBody([
      { id: saved, key: saved, name: 'Отдел закупок', parentKey: '' },
      { key: 'new:1', name: 'Склад', parentKey: saved },
      { key: 'new:2', name: 'Смена', parentKey: 'new:1' },
      { key: 'new:3', name: '   ', parentKey: '' },
    ]);
    expect(body).toEqual([
      { id: saved, name: 'Отдел закупок', parentId: null },
      { name: 'Склад', parentId: saved },
      { name: 'Смена', parentId: null },
    ]);
  });
});

describe('display helpers', () => {
  it('writes an address from the most general part and links contacts', () => {
    expect(addressLine({ country: 'Россия', postalCode: '123456', region: null, city: 'Москва', street: 'ул. Тверская, 1' })).toBe(
      '123456, Россия, Москва, ул. Тверская, 1',
    );
    expect(contactHref({ kind: 'phone', value: '8 916 123-45-67', normalized: '+79161234567;ext=12', messenger: null })).toBe('tel:+79161234567');
    expect(contactHref({ kind: 'messenger', value: '@romashka_sales', normalized: 'romashka_sales', messenger: 'telegram' })).toBe('https://t.me/romashka_sales');
    expect(contactHref({ kind: 'website', value: 'romashka.ru', normalized: 'romashka.ru', messenger: null })).toBe('https://romashka.ru');
  });

  it('routes server field errors to the section that renders them', () => {
    const owns = ownsFields(['inn'], ['bankAccounts']);
    expect(owns('inn')).toBe(true);
    expect(owns('bankAccounts.1.bik')).toBe(true);
    expect(owns('bankAccountsX')).toBe(false);
    expect(owns('contacts.0.value')).toBe(false);
  });
});

describe('scopeAllows', () => {
  const me = 'me';
  it('lets "own" touch only records the user is responsible for, or created with nobody responsible', () => {
    expect(scopeAllows('own', { responsibleId: me, createdById: 'x' }, me)).toBe(true);
    expect(scopeAllows('own', { responsibleId: null, createdById: me }, me)).toBe(true);
    expect(scopeAllows('own', { responsibleId: 'x', createdById: me }, me)).toBe(false);
    expect(scopeAllows('none', { responsibleId: me, createdById: me }, me)).toBe(false);
    expect(scopeAllows('department', { responsibleId: 'x', createdById: 'x' }, me)).toBe(true);
  });
});
