import { IMPORT_ERRORS_COLUMN, type ImportRowError, type Locale } from '@kontakt/shared';
import { csvLine, UTF8_BOM } from '../export/csv.js';
import type { ParsedFile } from './import-file.js';

/**
 * The rejected rows as the user gave them, plus a column saying what is wrong with each. Cells are written
 * back unchanged (no formula neutralizing: the user fixes this file and imports it again, and it must
 * bring back exactly what they typed); the same delimiter as their file, so it opens the way theirs did.
 */
export function buildReport(file: ParsedFile, rowErrors: Map<number, ImportRowError[]>, locale: Locale): Buffer {
  const parts: string[] = [UTF8_BOM, csvLine([...file.headers, IMPORT_ERRORS_COLUMN[locale]], file.delimiter)];
  for (const [rowIndex, errors] of rowErrors) {
    const text = errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join('; ');
    parts.push(csvLine([...file.rows[rowIndex]!, text], file.delimiter));
  }
  return Buffer.from(parts.join(''), 'utf8');
}
