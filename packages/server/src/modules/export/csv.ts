/**
 * CSV as Excel reads it: UTF-8 with a BOM (else Excel guesses the ANSI code page and garbles Cyrillic),
 * CRLF line ends, cells quoted when they hold the delimiter, a quote or a line break.
 */
export const UTF8_BOM = '\uFEFF';

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab / CR before one) as a formula, which a record's
 * name must never become (CSV injection). An apostrophe in front makes Excel and LibreOffice show it as text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[], delimiter: string): string {
  return `${cells.map((c) => csvCell(c, delimiter)).join(delimiter)}\r\n`;
}
