import { parse } from 'csv-parse/sync';

/**
 * A CSV file as a spreadsheet reads it (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends, a leading
 * BOM): one object per line after the header, keyed by the header's column names. csv-parse reads it, so that a
 * test checks the file against a parser the export did not write.
 */
export function csvRecords(text: string): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}
