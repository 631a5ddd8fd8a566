/**
 * CSV for spreadsheets: UTF-8 with a byte order mark (Excel otherwise guesses a legacy code page
 * and garbles Cyrillic and Greek names), CRLF line ends, RFC 4180 quoting, and cells that would
 * start a formula prefixed with an apostrophe so a name cannot run code in Excel.
 */

export const BOM = '\uFEFF';

/** One cell, quoted when needed and defused when it looks like a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, header row, data rows. */
export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
