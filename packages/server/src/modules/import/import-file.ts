import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../platform/errors.js';

/**
 * Reads an uploaded CSV or XLSX into a header and rows of text. Everything a user may bring is either read
 * or refused with a reason they can act on ("not an XLSX file", "no header row"); nothing here throws a 500.
 */
export type Delimiter = ';' | ',' | '\t';

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1251' | null;
  /** The CSV delimiter, or the one a report of an XLSX file uses. */
  delimiter: Delimiter;
  headers: string[];
  rows: string[][];
  /** Row number of each row as a spreadsheet shows it (the header is row 1). */
  rowNumbers: number[];
}

/** Reasons are English: they are file facts, shown inside the translated "file could not be read" message. */
/** Why a file cannot be read, as a code translated with the problem (`import_invalid_file.reason.<code>`). */
export type InvalidFileReason = 'empty' | 'xls' | 'not_xlsx' | 'binary' | 'encoding' | 'unclosed_quote' | 'no_sheets' | 'no_header' | 'no_rows';
export const invalidFile = (reason: InvalidFileReason, params: Record<string, number> = {}) =>
  new AppError('import_invalid_file', { params: { reason, ...params } });

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function parseImportFile(bytes: Buffer, fileName: string): Promise<ParsedFile> {
  if (bytes.length === 0) throw invalidFile('empty');
  if (bytes.subarray(0, 4).equals(ZIP)) return parseXlsx(bytes);
  if (bytes.subarray(0, 4).equals(OLE)) throw invalidFile('xls');
  if (/\.xlsx$/i.test(fileName)) throw invalidFile('not_xlsx');
  return parseCsv(decodeText(bytes));
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1251; anything else is refused. */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw invalidFile('binary');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Windows-1251 is what Russian and Ukrainian Excel saves as "CSV".
  }
  const text = iconv.decode(body, 'win1251');
  // 0x98 is the one byte cp1251 leaves undefined; control characters other than tab and line breaks mean junk.
  if (text.includes('\uFFFD') || body.includes(0x98) || countControl(text) > 0) {
    throw invalidFile('encoding');
  }
  return { text, encoding: 'windows-1251' };
}

function countControl(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) count++;
  }
  return count;
}

/** The delimiter that splits the header line most often, counting only outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ';';
}

function parseCsv({ text, encoding }: { text: string; encoding: 'utf-8' | 'windows-1251' }): ParsedFile {
  if (countControl(text) > 0) throw invalidFile('binary');
  const delimiter = detectDelimiter(text);
  const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw invalidFile('unclosed_quote', { row: (quoteError.row ?? 0) + 1 });
  return withHeader('csv', encoding, delimiter, result.data, (i) => i + 1);
}

async function parseXlsx(bytes: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw invalidFile('not_xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidFile('no_sheets');
  const table: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    table.push(cells);
    numbers.push(rowNumber);
  });
  return withHeader('xlsx', null, ';', table, (i) => numbers[i]!);
}

/** Dates become dd.mm.yyyy (what the importer and a Russian-speaking user both read), the rest plain text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatCellDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return result === undefined || (typeof result === 'object' && result !== null && 'error' in result)
        ? ''
        : cellText(result as ExcelJS.CellValue);
    }
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return '';
  }
  return String(value);
}

function formatCellDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  // Excel dates carry no zone: exceljs hands them over as UTC.
  const day = `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
  const hasTime = date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() > 0;
  return hasTime ? `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : day;
}

const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '');

function withHeader(
  format: 'csv' | 'xlsx',
  encoding: ParsedFile['encoding'],
  delimiter: Delimiter,
  table: string[][],
  numberOf: (index: number) => number,
): ParsedFile {
  const headerIndex = table.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) throw invalidFile('no_header');
  const rawHeaders = table[headerIndex]!.map((h) => h.trim());
  while (rawHeaders.length > 0 && rawHeaders[rawHeaders.length - 1] === '') rawHeaders.pop();
  const headers = rawHeaders.map((h, i) => h || `#${i + 1}`);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const row = table[i]!;
    if (isBlank(row)) continue;
    const cells = new Array<string>(headers.length);
    for (let c = 0; c < headers.length; c++) cells[c] = (row[c] ?? '').trim();
    rows.push(cells);
    rowNumbers.push(numberOf(i));
  }
  if (rows.length === 0) throw invalidFile('no_rows');
  return { format, encoding, delimiter, headers, rows, rowNumbers };
}
