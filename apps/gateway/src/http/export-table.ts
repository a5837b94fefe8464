import { StreamableFile } from '@nestjs/common';
import type { Cell, Row as SheetRow } from 'write-excel-file/node';
import { STATUS_IN_INDONESIAN, toLocal, zoneAbbreviation } from '@alur/contracts';
import { csvWithBom } from './csv';
import { SheetValue, TableSheet, writeXlsxInWorker } from './xlsx-worker';

/**
 * What a column holds, which says how each file writes it: a CSV writes every value as the API gives it (rupiah as
 * whole integers, basis points as integers, instants in UTC, ISO 8601); a spreadsheet as a cell of its kind, so that an
 * account number keeps its leading zero, an amount sums and shows the reader's thousands separator, a share in basis
 * points reads as a percentage, and a time is the regency's wall clock.
 */
export type ColumnKind = 'text' | 'count' | 'rupiah' | 'decimal' | 'basisPoints' | 'instant';

export type ExportValue = string | number | null | undefined;

/** One column of an exported table, named twice: for scripts in the CSV (`dana_diminta`) and for people in a spreadsheet. */
export interface ExportColumn<Row> {
  /** The CSV's header: snake_case, kept stable for the scripts that read it. */
  key: string;
  /** The spreadsheet's header, in words: "Dana diminta (Rp)". An instant's title is followed by its zone ("(WIB)"). */
  title: string;
  kind: ColumnKind;
  value: (row: Row) => ExportValue;
  /** What a spreadsheet shows instead, where people read something else than scripts: a status in words ("Ditolak"). */
  shown?: (row: Row) => ExportValue;
  /** Width in characters, where the kind's default would cut a usual value short (a title, a name). */
  width?: number;
}

/** Who asked for a file, when, and how they narrowed it: what a spreadsheet says of itself on its Keterangan sheet. */
export interface ExportRequest {
  /** The filters applied, as the query gave them: an empty object when none. */
  filters: Readonly<Record<string, unknown>>;
  madeAt: Date;
  /** The username it was made for; null for a public file, made for anyone. */
  madeBy: string | null;
  /** The regency's zone (TIMEZONE): the wall clock of every time in the file. */
  timeZone: string;
  /** The region directory, to name the filters' regions in words; their codes alone without it. */
  regions?: { get(code: string): { name: string } | undefined };
}

/** What a spreadsheet is: its first sheet's name and title ("Daftar usulan"), and the route that makes it. */
export interface ExportProvenance extends ExportRequest {
  title: string;
  /** "GET /api/v1/proposals/xlsx". */
  source: string;
}

/** A spreadsheet's MIME type, for Content-Type. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Number formats. Plain `0` for counts, so a year is 2026 and not 2.026 in an Indonesian Excel; `#,##0` for rupiah,
 * which each reader's Excel shows with its own separator (Rp 1.250.000 in Indonesia); basis points as the percentage
 * they are (2500 as 25,00%). A decimal (a share of 33.33 percent, 3.2 working days) keeps its decimals.
 */
const FORMAT: Partial<Record<ColumnKind, string>> = { count: '0', rupiah: '#,##0', basisPoints: '0.00%', instant: 'yyyy-mm-dd hh:mm' };
const WIDTH: Record<ColumnKind, number> = { text: 18, count: 8, rupiah: 16, decimal: 8, basisPoints: 9, instant: 17 };

/** The table as UTF-8 CSV with a BOM (see csvWithBom): the columns' keys, then each row's values as given. */
export function tableCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  return csvWithBom(
    columns.map((column) => column.key),
    rows.map((row) => columns.map((column) => column.value(row) ?? null)),
  );
}

/**
 * The table as an .xlsx workbook: the rows on the first sheet under a bold header row that stays in view, each cell
 * typed by its column's kind; and a second sheet, Keterangan, saying what the file is, when, for whom and with which
 * filters it was made, and in which zone its times are. A spreadsheet opens it as it is: a CSV with commas opens as
 * one column in an Excel set to Indonesian, whose list separator is the semicolon, and loses an account's leading zero.
 */
export function tableXlsx<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], provenance: ExportProvenance): Promise<Buffer> {
  const zone = zoneAbbreviation(provenance.timeZone, provenance.madeAt);
  const table: TableSheet = {
    sheet: sheetName(provenance.title),
    header: columns.map((column) => (column.kind === 'instant' ? `${column.title} (${zone})` : column.title)),
    formats: columns.map((column) => FORMAT[column.kind]),
    widths: columns.map((column) => column.width ?? Math.max(WIDTH[column.kind], column.title.length + 2)),
    rows: rows.map((row) => columns.map((column) => cellValueOf(column.kind, (column.shown ?? column.value)(row), provenance.timeZone))),
  };
  const about = { sheet: 'Keterangan', data: aboutRows(provenance, rows.length, zone), widths: [16, 60] };
  return writeXlsxInWorker(table, about, provenance.madeBy === null ? 'public' : 'officials');
}

/** A value as its column's kind has a spreadsheet hold it; the cell's type follows from it (see writeXlsxInWorker). */
function cellValueOf(kind: ColumnKind, value: ExportValue, timeZone: string): SheetValue {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'text':
      // A string cell whatever it holds: "0012…" keeps its zeros, "=…" is text and never a formula.
      return String(value);
    case 'instant':
      return wallClock(new Date(value), timeZone);
    case 'basisPoints':
      return Number(value) / 10_000;
    default:
      return Number(value);
  }
}

/** The instant as a spreadsheet date showing `timeZone`'s wall clock (a spreadsheet's dates have no zone). */
function wallClock(instant: Date, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/** Excel's limits on a sheet's name: 31 characters, none of `[]:*?/\`. */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

function aboutRows(provenance: ExportProvenance, rowCount: number, zone: string): SheetRow[] {
  const filters = Object.entries(provenance.filters).filter(([, value]) => value !== undefined && value !== '');
  const line = (label: string, value: Cell): SheetRow => [{ value: label, fontWeight: 'bold' }, value];
  return [
    line('Berkas', provenance.title),
    line('Diunduh pada', {
      value: wallClock(provenance.madeAt, provenance.timeZone),
      format: `yyyy-mm-dd hh:mm "${zone}"`,
      align: 'left',
    }),
    // Only a file made for someone logged in says for whom (the public report's is made for anyone).
    ...(provenance.madeBy === null ? [] : [line('Diunduh oleh', provenance.madeBy)]),
    line(
      'Saringan',
      filters.length ? filters.map(([name, value]) => filterInWords(name, value, provenance.regions)).join('; ') : 'tidak ada',
    ),
    line('Jumlah baris', { value: rowCount, align: 'left' }),
    line('Zona waktu', `${zone} (${provenance.timeZone})`),
    line('Sumber', `Alur, ${provenance.source}`),
  ];
}

/** How a filter reads on Keterangan, in the words of the page it was chosen on; a filter it does not know as `name=value`. */
function filterInWords(name: string, value: unknown, regions: ExportRequest['regions']): string {
  const region = (code: string) => {
    const named = regions?.get(code)?.name;
    return named ? `${named} (${code})` : code;
  };
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  switch (name) {
    case 'regionCode':
      return `Wilayah: ${region(String(value))}`;
    case 'pilot':
      return `Wilayah pilot: ${values.map(region).join(', ')}`;
    case 'status':
      return `Status: ${STATUS_IN_INDONESIAN[value as keyof typeof STATUS_IN_INDONESIAN] ?? String(value)}`;
    case 'programCode':
      return `Program: ${String(value)}`;
    case 'fiscalYear':
      return `Tahun anggaran: ${String(value)}`;
    case 'q':
      return `Pencarian: "${String(value)}"`;
    case 'proposalId':
      return `Usulan: ${String(value)}`;
    case 'awaitingTreasury':
      return `Menunggu BPKAD: ${value ? 'ya' : 'tidak'}`;
    case 'compareWith':
      return 'Dibandingkan dengan tahun sebelumnya';
    default:
      return `${name}=${values.join(',')}`;
  }
}

/** A spreadsheet as the answer to its download, under its name. */
export function spreadsheetAnswer(file: Buffer, fileName: string): StreamableFile {
  return new StreamableFile(file, { type: XLSX_CONTENT_TYPE, disposition: `attachment; filename="${fileName}"`, length: file.length });
}
