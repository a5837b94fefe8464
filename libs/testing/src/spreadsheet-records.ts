import readXlsxFile from 'read-excel-file/node';

/** A cell as a spreadsheet holds it: text, a number, a date (to the second, as the file keeps it), or nothing. */
export type SpreadsheetCell = string | number | boolean | Date | null;

/** One sheet of an .xlsx file: its name, its first row, and an object per row after it keyed by that row's titles. */
export interface SpreadsheetSheet {
  sheet: string;
  header: string[];
  records: Array<Record<string, SpreadsheetCell>>;
}

/**
 * An .xlsx file as a spreadsheet reads it, sheet by sheet, typed cell by typed cell: read-excel-file reads it, so that
 * a test checks the file against a reader the export did not write. A time comes back as the fraction of a day the
 * file keeps it as, a millisecond off (00:29:59.999), and is read to the whole second the file holds (read to the
 * minute Excel shows, a time thirty seconds past would round either way).
 */
export async function spreadsheetSheets(file: Buffer): Promise<SpreadsheetSheet[]> {
  const sheets = await readXlsxFile(file);
  return sheets.map(({ sheet, data }) => {
    const [titles = [], ...rows] = data.map((row) => row.map(cellOf));
    const header = titles.map(String);
    return { sheet, header, records: rows.map((row) => Object.fromEntries(header.map((title, i) => [title, row[i] ?? null]))) };
  });
}

function cellOf(cell: unknown): SpreadsheetCell {
  if (cell instanceof Date) return new Date(Math.round(cell.getTime() / 1_000) * 1_000);
  return cell as SpreadsheetCell;
}
