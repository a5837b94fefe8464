import type { DisbursementView, OfficialRef, ProgressReportView, TrancheView } from '@alur/contracts';
import { OfficialNames } from '../users/official-names.service';

/** The people of a tranche, in the order `withNamedTreasurers` puts them back. */
const treasurersOf = (tranche: TrancheView) => [
  tranche.spm?.preparedBy ?? null,
  tranche.authorisedBy,
  tranche.returnedSpm?.preparedBy ?? null,
  tranche.returnedSpm?.returnedBy ?? null,
];

/** Disbursements with the BPKAD officials of each tranche named: who prepared and authorised its SPM, who prepared and returned the last one returned. */
export function withNamedTreasurers(names: OfficialNames, disbursements: readonly DisbursementView[]): Promise<DisbursementView[]> {
  return names.nameWithin(
    disbursements,
    (d) => d.tranches.flatMap(treasurersOf),
    (d, named) => ({
      ...d,
      tranches: d.tranches.map((tranche, i) => {
        const [preparedBy, authorisedBy, returnedPreparedBy, returnedBy] = named.slice(4 * i, 4 * i + 4);
        return {
          ...tranche,
          spm: tranche.spm && { ...tranche.spm, preparedBy: preparedBy as OfficialRef },
          authorisedBy,
          returnedSpm: tranche.returnedSpm && {
            ...tranche.returnedSpm,
            preparedBy: returnedPreparedBy as OfficialRef,
            returnedBy: returnedBy as OfficialRef,
          },
        };
      }),
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
