import type { DisbursementView, OfficialRef } from '@alur/contracts';
import { csvWithBom, datedCsvFileName } from '../http/csv';

const HEADER = [
  'id_pencairan',
  'id_usulan',
  'judul',
  'desa_kelurahan',
  'kecamatan',
  'program',
  'tahun_anggaran',
  'termin',
  'persen',
  'nilai_termin',
  'status_termin',
  'siap_pada',
  'spm_disiapkan_oleh',
  'spm_disiapkan_pada',
  'nomor_sp2d',
  'bank',
  'nomor_rekening',
  'pemilik_rekening',
  'sp2d_diotorisasi_oleh',
  'dicairkan_pada',
];

/** "PPK-SKPD BPKAD Kabupaten Bengkalis (bpkad)": the name withNamedTreasurers gave, and the username it cannot be mistaken by. */
const officialOf = (official: OfficialRef | null | undefined) =>
  official ? (official.displayName ? `${official.displayName} (${official.username})` : official.username) : null;

/**
 * The tranches (termin) of the disbursements as UTF-8 CSV with a BOM, for an inspector's working papers and BPKAD's
 * reconciliation with the bank: one line per tranche, the disbursements in the order given and their tranches by
 * number. Rupiah as whole integers; the share as a percentage with a decimal point (basis points / 100: 40, 33.33);
 * times in UTC (ISO 8601) as the API gives them. The SP2D number and account are the SPM's once one is prepared,
 * empty before.
 */
export function disbursementLedgerCsv(disbursements: readonly DisbursementView[]): string {
  return csvWithBom(
    HEADER,
    disbursements.flatMap((d) =>
      [...d.tranches]
        .sort((a, b) => a.number - b.number)
        .map((tranche) => [
          d.id,
          d.proposalId,
          d.title,
          d.villageName,
          d.districtName,
          d.programCode,
          d.fiscalYear,
          tranche.number,
          tranche.shareBp / 100,
          tranche.amount,
          tranche.status,
          tranche.readyAt,
          officialOf(tranche.spm?.preparedBy),
          tranche.spm?.preparedAt ?? null,
          tranche.sp2dNumber ?? tranche.spm?.sp2dNumber ?? null,
          tranche.spm?.bankAccount.bankName ?? null,
          tranche.spm?.bankAccount.accountNumber ?? null,
          tranche.spm?.bankAccount.accountHolder ?? null,
          officialOf(tranche.authorisedBy),
          tranche.releasedAt,
        ]),
    ),
  );
}

/** `pencairan-2026-12-06.csv`: the day in the regency's time zone, as its reader's calendar says. */
export function disbursementLedgerFileName(at: Date, timeZone: string): string {
  return datedCsvFileName('pencairan', at, timeZone);
}
