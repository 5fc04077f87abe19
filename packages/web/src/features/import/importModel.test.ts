import { describe, expect, it } from 'vitest';
import type { ImportUploadResult } from '@kontakt/shared';
import { conflictingColumns, hasAcceptedExtension, progressPercent, sampleValues } from './importModel';

const fields = [
  { key: 'name', label: 'Название', multiple: false },
  { key: 'inn', label: 'ИНН', multiple: false },
  { key: 'phone', label: 'Телефон', multiple: true },
];

describe('import model', () => {
  it('points at single-valued fields chosen twice, but lets phones take several columns', () => {
    expect([...conflictingColumns(['name', 'phone', 'phone', null], fields)]).toEqual([]);
    expect([...conflictingColumns(['inn', 'name', 'inn'], fields)].sort()).toEqual([0, 2]);
  });

  it('shows distinct non-empty samples of a column', () => {
    const upload = { sampleRows: [['a', ''], ['a', 'x'], ['b', ' '], ['c', 'y'], ['d', 'z']] } as unknown as ImportUploadResult;
    expect(sampleValues(upload, 0)).toEqual(['a', 'b', 'c']);
    expect(sampleValues(upload, 1)).toEqual(['x', 'y', 'z']);
  });

  it('accepts CSV and XLSX by extension, whatever the case', () => {
    expect(hasAcceptedExtension('Клиенты.XLSX')).toBe(true);
    expect(hasAcceptedExtension('clients.csv')).toBe(true);
    expect(hasAcceptedExtension('clients.xls')).toBe(false);
    expect(hasAcceptedExtension('clients.pdf')).toBe(false);
  });

  it('reports progress as a share of the rows, 100 when done', () => {
    expect(progressPercent({ processedRows: 50, totalRows: 200, status: 'running' })).toBe(25);
    expect(progressPercent({ processedRows: 0, totalRows: 0, status: 'running' })).toBe(0);
    expect(progressPercent({ processedRows: 0, totalRows: 0, status: 'done' })).toBe(100);
  });
});
