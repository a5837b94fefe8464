import {
  BudgetCommittedPayload,
  formatRupiah,
  ProgressReportedPayload,
  ProgressReportVerifiedPayload,
  ProposalAwaitingBudgetPayload,
  ProposalCompletedPayload,
  TrancheReadyPayload,
  TrancheReleasedPayload,
} from '@alur/contracts';

/**
 * What the timeline says of each disbursement event, in Bahasa Indonesia, with rupiah written out and a
 * ceiling by its region's name (`ceiling`: "Kec. Mandau"), which its readers know rather than its code.
 */
export const fundingNotes = {
  budgetCommitted: (p: BudgetCommittedPayload, ceiling: string) =>
    `Dana ${formatRupiah(p.amount)} dialokasikan dari pagu ${ceiling} tahun ${p.fiscalYear}, dicairkan dalam ${p.tranches.length} termin.`,
  awaitingBudget: (p: ProposalAwaitingBudgetPayload, ceiling: string) =>
    `Menunggu pagu: diminta ${formatRupiah(p.requestedAmount)}, sisa pagu ${ceiling} ${formatRupiah(p.available)}.`,
  trancheReady: (p: TrancheReadyPayload) =>
    `Termin ${p.trancheNumber} dari ${p.trancheCount} sebesar ${formatRupiah(p.amount)} siap dicairkan.`,
  trancheReleased: (p: TrancheReleasedPayload) =>
    `Termin ${p.trancheNumber} dari ${p.trancheCount} sebesar ${formatRupiah(p.amount)} dicairkan dengan SP2D ${p.sp2dNumber}.`,
  progressReported: (p: ProgressReportedPayload) =>
    `Laporan kemajuan fisik ${p.physicalProgressPercent}%, dana terpakai ${formatRupiah(p.amountSpent)}${p.final ? ' (laporan akhir / LPJ)' : ''}.`,
  progressVerified: (p: ProgressReportVerifiedPayload) =>
    p.decision === 'ACCEPTED'
      ? `Laporan kemajuan fisik ${p.physicalProgressPercent}% diterima verifikator.`
      : `Laporan kemajuan fisik ${p.physicalProgressPercent}% dikembalikan verifikator: ${p.note ?? ''}`.trim(),
  completed: (p: ProposalCompletedPayload) => `Selesai: seluruh dana ${formatRupiah(p.totalReleased)} telah dicairkan dan LPJ diterima.`,
};
