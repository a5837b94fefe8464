import { type DisbursementView, type OfficialRef, STATUS_IN_INDONESIAN, type TrancheView } from '@alur/contracts';
import { datedFileName, ExportFormat } from '../http/csv';
import { ExportColumn, ExportRequest, tableCsv, tableXlsx } from '../http/export-table';

/** A line of the ledger: one tranche (termin) of its disbursement. */
interface TrancheLine {
  disbursement: DisbursementView;
  tranche: TrancheView;
}

/** "PPK-SKPD BPKAD Kabupaten Bengkalis (bpkad)": the name withNamedTreasurers gave, and the username it cannot be mistaken by. */
const officialOf = (official: OfficialRef | null | undefined) =>
  official ? (official.displayName ? `${official.displayName} (${official.username})` : official.username) : null;

/**
 * For an inspector's working papers and BPKAD's reconciliation with the bank: rupiah as whole integers, the share as
 * a percentage (basis points / 100: 40, 33.33). The SP2D number and account are the SPM's once one is prepared,
 * empty before.
 */
const COLUMNS: readonly ExportColumn<TrancheLine>[] = [
  { key: 'id_pencairan', title: 'ID pencairan', kind: 'text', value: ({ disbursement }) => disbursement.id, width: 38 },
  { key: 'id_usulan', title: 'ID usulan', kind: 'text', value: ({ disbursement }) => disbursement.proposalId, width: 38 },
  { key: 'judul', title: 'Judul', kind: 'text', value: ({ disbursement }) => disbursement.title, width: 40 },
  { key: 'desa_kelurahan', title: 'Desa/kelurahan', kind: 'text', value: ({ disbursement }) => disbursement.villageName },
  { key: 'kecamatan', title: 'Kecamatan', kind: 'text', value: ({ disbursement }) => disbursement.districtName },
  { key: 'program', title: 'Program', kind: 'text', value: ({ disbursement }) => disbursement.programCode },
  { key: 'tahun_anggaran', title: 'Tahun anggaran', kind: 'count', value: ({ disbursement }) => disbursement.fiscalYear },
  { key: 'termin', title: 'Termin', kind: 'count', value: ({ tranche }) => tranche.number },
  { key: 'persen', title: 'Persen', kind: 'decimal', value: ({ tranche }) => tranche.shareBp / 100 },
  { key: 'nilai_termin', title: 'Nilai termin (Rp)', kind: 'rupiah', value: ({ tranche }) => tranche.amount },
  {
    key: 'status_termin',
    title: 'Status termin',
    kind: 'text',
    value: ({ tranche }) => tranche.status,
    shown: ({ tranche }) => STATUS_IN_INDONESIAN[tranche.status],
  },
  { key: 'siap_pada', title: 'Siap pada', kind: 'instant', value: ({ tranche }) => tranche.readyAt },
  {
    key: 'spm_disiapkan_oleh',
    title: 'SPM disiapkan oleh',
    kind: 'text',
    value: ({ tranche }) => officialOf(tranche.spm?.preparedBy),
    width: 36,
  },
  { key: 'spm_disiapkan_pada', title: 'SPM disiapkan pada', kind: 'instant', value: ({ tranche }) => tranche.spm?.preparedAt },
  {
    key: 'nomor_sp2d',
    title: 'Nomor SP2D',
    kind: 'text',
    value: ({ tranche }) => tranche.sp2dNumber ?? tranche.spm?.sp2dNumber,
    width: 26,
  },
  { key: 'bank', title: 'Bank', kind: 'text', value: ({ tranche }) => tranche.spm?.bankAccount.bankName, width: 24 },
  { key: 'nomor_rekening', title: 'Nomor rekening', kind: 'text', value: ({ tranche }) => tranche.spm?.bankAccount.accountNumber },
  {
    key: 'pemilik_rekening',
    title: 'Pemilik rekening',
    kind: 'text',
    value: ({ tranche }) => tranche.spm?.bankAccount.accountHolder,
    width: 28,
  },
  {
    key: 'sp2d_diotorisasi_oleh',
    title: 'SP2D diotorisasi oleh',
    kind: 'text',
    value: ({ tranche }) => officialOf(tranche.authorisedBy),
    width: 36,
  },
  { key: 'dicairkan_pada', title: 'Dicairkan pada', kind: 'instant', value: ({ tranche }) => tranche.releasedAt },
];

/** The disbursements in the order given, each with its tranches by number. */
const linesOf = (disbursements: readonly DisbursementView[]): TrancheLine[] =>
  disbursements.flatMap((disbursement) =>
    [...disbursement.tranches].sort((a, b) => a.number - b.number).map((tranche) => ({ disbursement, tranche })),
  );

/** The tranches as UTF-8 CSV with a BOM, a line each: times in UTC (ISO 8601) as the API gives them. */
export function disbursementLedgerCsv(disbursements: readonly DisbursementView[]): string {
  return tableCsv(COLUMNS, linesOf(disbursements));
}

/** The tranches as a spreadsheet, Rincian pencairan, with its Keterangan (see tableXlsx). */
export function disbursementLedgerXlsx(disbursements: readonly DisbursementView[], request: ExportRequest): Promise<Buffer> {
  return tableXlsx(COLUMNS, linesOf(disbursements), { ...request, title: 'Rincian pencairan', source: 'GET /api/v1/disbursements/xlsx' });
}

/** `pencairan-2026-12-06.csv`: the day in the regency's time zone, as its reader's calendar says. */
export function disbursementLedgerFileName(at: Date, timeZone: string, format: ExportFormat): string {
  return datedFileName('pencairan', format, at, timeZone);
}
