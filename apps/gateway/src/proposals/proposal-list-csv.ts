import type { ProposalSummaryView } from '@alur/contracts';
import { csvWithBom, datedCsvFileName } from '../http/csv';

/** A proposal of the list with its village's and kecamatan's names (withRegionNames). */
type NamedProposalSummary = ProposalSummaryView & { villageName: string | null; districtName: string | null };

const HEADER = [
  'id',
  'judul',
  'status',
  'desa_kelurahan',
  'kode_desa',
  'kecamatan',
  'program',
  'kategori',
  'ksm_pelaksana',
  'kk_penerima',
  'kk_miskin',
  'total_rab',
  'swadaya',
  'dana_diminta',
  'diajukan_pada',
  'diubah_pada',
];

/**
 * The proposals of the list as UTF-8 CSV with a BOM, one line per proposal in the order given (newest change first),
 * for an inspector's working papers: rupiah as whole integers, households as counts, times in UTC (ISO 8601) as the
 * API gives them.
 */
export function proposalListCsv(proposals: readonly NamedProposalSummary[]): string {
  return csvWithBom(
    HEADER,
    proposals.map((p) => [
      p.id,
      p.title,
      p.status,
      p.villageName,
      p.villageCode,
      p.districtName,
      p.programCode,
      p.category,
      p.executorGroup,
      p.beneficiaries?.households ?? null,
      p.beneficiaries?.poorHouseholds ?? null,
      p.budgetTotal,
      p.selfHelpAmount,
      p.requestedAmount,
      p.submittedAt,
      p.updatedAt,
    ]),
  );
}

/** `daftar-usulan-2026-12-06.csv`: the day in the regency's time zone, as its reader's calendar says. */
export function proposalListFileName(at: Date, timeZone: string): string {
  return datedCsvFileName('daftar-usulan', at, timeZone);
}
