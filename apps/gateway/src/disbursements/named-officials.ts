import type { DisbursementView, OfficialRef, ProgressReportView } from '@alur/contracts';
import { OfficialNames } from '../users/official-names.service';

/** Disbursements with the BPKAD officials who prepared and authorised each tranche's SPM named. */
export function withNamedTreasurers(names: OfficialNames, disbursements: readonly DisbursementView[]): Promise<DisbursementView[]> {
  return names.nameWithin(
    disbursements,
    (d) => d.tranches.flatMap((tranche) => [tranche.spm?.preparedBy ?? null, tranche.authorisedBy]),
    (d, named) => ({
      ...d,
      tranches: d.tranches.map((tranche, i) => ({
        ...tranche,
        spm: tranche.spm && { ...tranche.spm, preparedBy: named[2 * i] as OfficialRef },
        authorisedBy: named[2 * i + 1],
      })),
    }),
  );
}

/** Progress reports with the BKM who reported each and the Verifikator who verified it named. */
export function withNamedReporters<R extends ProgressReportView>(names: OfficialNames, reports: readonly R[]): Promise<R[]> {
  return names.nameWithin(
    reports,
    (report) => [report.reporter, report.verifier],
    (report, [reporter, verifier]) => ({ ...report, reporter: reporter as OfficialRef, verifier }),
  );
}
