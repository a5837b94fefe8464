import { STATUS_IN_INDONESIAN } from '@alur/contracts';
import { ExportColumn, ExportRequest, tableCsv, tableXlsx } from '../http/export-table';
import { TransparencyDistrict, TransparencyProposal, TransparencyReport, TransparencyVillage } from './transparency-report';

/** A line of the report: one approved proposal in its village and kecamatan. */
interface ReportLine {
  district: TransparencyDistrict;
  village: TransparencyVillage;
  proposal: TransparencyProposal;
}

/** One line per approved proposal, rupiah as whole integers; the public reads statuses in words, the code following for those who sort or filter by it. */
const COLUMNS: readonly ExportColumn<ReportLine>[] = [
  { key: 'kode_kecamatan', title: 'Kode kecamatan', kind: 'text', value: ({ district }) => district.code },
  { key: 'kecamatan', title: 'Kecamatan', kind: 'text', value: ({ district }) => district.name },
  { key: 'kode_desa_kelurahan', title: 'Kode desa/kelurahan', kind: 'text', value: ({ village }) => village.code },
  { key: 'desa_kelurahan', title: 'Desa/kelurahan', kind: 'text', value: ({ village }) => village.name },
  { key: 'judul_usulan', title: 'Judul usulan', kind: 'text', value: ({ proposal }) => proposal.title, width: 40 },
  { key: 'program', title: 'Program', kind: 'text', value: ({ proposal }) => proposal.programCode },
  { key: 'nama_program', title: 'Nama program', kind: 'text', value: ({ proposal }) => proposal.programmeName, width: 30 },
  { key: 'tahun_anggaran', title: 'Tahun anggaran', kind: 'count', value: ({ proposal }) => proposal.fiscalYear },
  { key: 'disetujui_rp', title: 'Disetujui (Rp)', kind: 'rupiah', value: ({ proposal }) => proposal.amount },
  { key: 'dikomitmenkan_rp', title: 'Dikomitmenkan (Rp)', kind: 'rupiah', value: ({ proposal }) => proposal.committed },
  { key: 'dicairkan_rp', title: 'Dicairkan (Rp)', kind: 'rupiah', value: ({ proposal }) => proposal.released },
  { key: 'progres_fisik_persen', title: 'Progres fisik (%)', kind: 'decimal', value: ({ proposal }) => proposal.progressPercent },
  { key: 'status', title: 'Status', kind: 'text', value: ({ proposal }) => STATUS_IN_INDONESIAN[proposal.status] ?? proposal.status },
  { key: 'kode_status', title: 'Kode status', kind: 'text', value: ({ proposal }) => proposal.status },
];

const linesOf = (report: TransparencyReport): ReportLine[] =>
  report.districts.flatMap((district) =>
    district.villages.flatMap((village) => village.items.map((proposal) => ({ district, village, proposal }))),
  );

/** The transparency report as UTF-8 CSV with a BOM, one line per approved proposal. */
export function transparencyCsv(report: TransparencyReport): string {
  return tableCsv(COLUMNS, linesOf(report));
}

/** The transparency report as a spreadsheet, Transparansi, with its Keterangan (see tableXlsx). */
export function transparencyXlsx(report: TransparencyReport, request: ExportRequest): Promise<Buffer> {
  return tableXlsx(COLUMNS, linesOf(report), { ...request, title: 'Transparansi', source: 'GET /api/v1/public/transparency/xlsx' });
}
