import type { StageStatus } from '../approvals/requests/approval-stage-view.schema';
import type { DisbursementStatus } from '../disbursements/funds-report/funds-report-item';
import type { TrancheStatus } from '../disbursements/requests/disbursement-view.schema';
import type { ProposalStatus } from '../proposals/requests/proposal-view.schema';

/** The statuses people read (each needs a word): a proposal's, a stage's, a disbursement's and a tranche's. */
export type ShownStatus = ProposalStatus | StageStatus | DisbursementStatus | TrancheStatus;

/**
 * Each status as the regency's officials say it: the console's Indonesian, and the spreadsheets' and the public
 * report's words, so that a file reads as the screen it came from.
 */
export const STATUS_IN_INDONESIAN: Readonly<Record<ShownStatus, string>> = {
  DRAFT: 'Draf',
  SUBMITTED: 'Diajukan',
  IN_REVIEW: 'Dalam penilaian',
  RETURNED: 'Dikembalikan untuk revisi',
  APPROVED: 'Disetujui',
  REJECTED: 'Ditolak',
  WITHDRAWN: 'Ditarik',
  FUNDING: 'Pencairan berjalan',
  COMPLETED: 'Selesai',
  AWAITING_BUDGET: 'Menunggu anggaran',
  OPEN: 'Menunggu keputusan',
  CANCELLED: 'Dibatalkan',
  LOCKED: 'Terkunci',
  READY: 'Siap dicairkan',
  PREPARED: 'Menunggu otorisasi',
  RELEASED: 'Sudah dicairkan',
};
