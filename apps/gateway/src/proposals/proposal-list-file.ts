import { type ProposalSummaryView, STATUS_IN_INDONESIAN } from '@alur/contracts';
import { datedFileName, ExportFormat } from '../http/csv';
import { ExportColumn, ExportRequest, tableCsv, tableXlsx } from '../http/export-table';

/** A proposal of the list with its village's and kecamatan's names (withRegionNames). */
export type NamedProposalSummary = ProposalSummaryView & { villageName: string | null; districtName: string | null };

/**
 * A line per proposal in the order given (newest change first), for an inspector's working papers: names beside
 * codes, rupiah as whole integers, households as counts.
 */
const COLUMNS: readonly ExportColumn<NamedProposalSummary>[] = [
  { key: 'id', title: 'ID usulan', kind: 'text', value: (p) => p.id, width: 38 },
  { key: 'judul', title: 'Judul', kind: 'text', value: (p) => p.title, width: 40 },
  { key: 'status', title: 'Status', kind: 'text', value: (p) => p.status, shown: (p) => STATUS_IN_INDONESIAN[p.status], width: 24 },
  { key: 'desa_kelurahan', title: 'Desa/kelurahan', kind: 'text', value: (p) => p.villageName },
  { key: 'kode_desa', title: 'Kode desa', kind: 'text', value: (p) => p.villageCode, width: 15 },
  { key: 'kecamatan', title: 'Kecamatan', kind: 'text', value: (p) => p.districtName },
  { key: 'program', title: 'Program', kind: 'text', value: (p) => p.programCode },
  { key: 'kategori', title: 'Kategori', kind: 'text', value: (p) => p.category },
  { key: 'ksm_pelaksana', title: 'KSM pelaksana', kind: 'text', value: (p) => p.executorGroup, width: 24 },
  { key: 'kk_penerima', title: 'KK penerima', kind: 'count', value: (p) => p.beneficiaries?.households },
  { key: 'kk_miskin', title: 'KK miskin', kind: 'count', value: (p) => p.beneficiaries?.poorHouseholds },
  { key: 'total_rab', title: 'Total RAB (Rp)', kind: 'rupiah', value: (p) => p.budgetTotal },
  { key: 'swadaya', title: 'Swadaya (Rp)', kind: 'rupiah', value: (p) => p.selfHelpAmount },
  { key: 'dana_diminta', title: 'Dana diminta (Rp)', kind: 'rupiah', value: (p) => p.requestedAmount },
  { key: 'diajukan_pada', title: 'Diajukan pada', kind: 'instant', value: (p) => p.submittedAt },
  { key: 'diubah_pada', title: 'Diubah pada', kind: 'instant', value: (p) => p.updatedAt },
];

/** The proposals as UTF-8 CSV with a BOM: times in UTC (ISO 8601) as the API gives them. */
export function proposalListCsv(proposals: readonly NamedProposalSummary[]): string {
  return tableCsv(COLUMNS, proposals);
}

/** The proposals as a spreadsheet, Daftar usulan, with its Keterangan (see tableXlsx). */
export function proposalListXlsx(proposals: readonly NamedProposalSummary[], request: ExportRequest): Promise<Buffer> {
  return tableXlsx(COLUMNS, proposals, { ...request, title: 'Daftar usulan', source: 'GET /api/v1/proposals/xlsx' });
}

/** `daftar-usulan-2026-12-06.csv`: the day in the regency's time zone, as its reader's calendar says. */
export function proposalListFileName(at: Date, timeZone: string, format: ExportFormat): string {
  return datedFileName('daftar-usulan', format, at, timeZone);
}
