/** Spreadsheets (Excel above all) read a file as UTF-8 only when it starts with a byte order mark. */
const UTF8_BOM = '\uFEFF';

/** RFC 4180: quote a field when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file a spreadsheet opens as UTF-8: the header, then a line per row, CRLF line ends, a BOM first. */
export function csvWithBom(header: readonly string[], rows: Iterable<ReadonlyArray<string | number | null>>): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.map(field).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** The files an export is offered as: CSV for scripts and open data, xlsx for a spreadsheet (see tableXlsx). */
export type ExportFormat = 'csv' | 'xlsx';

/** `<name>-2026-12-06.<format>`: the day in the regency's time zone, as its reader's calendar says. */
export function datedFileName(name: string, format: ExportFormat, at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return `${name}-${day}.${format}`;
}
