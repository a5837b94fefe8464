import type { Actor, BankAccount, TrancheStatus } from '@alur/contracts';

export type { TrancheStatus };

/** One termin of a disbursement, and the SPM prepared for it while it waits for authorisation. */
export interface Tranche {
  disbursementId: string;
  number: number;
  shareBp: number;
  unlockProgressPercent: number;
  /** Whole rupiah. */
  amount: number;
  status: TrancheStatus;
  regencyCode: string;
  readyAt: Date | null;
  sp2dNumber: string | null;
  releasedAt: Date | null;
  releasedBy: Actor | null;
  recordedAt: Date | null;
  spmSp2dNumber: string | null;
  spmBankAccount: BankAccount | null;
  preparedBy: Actor | null;
  preparedAt: Date | null;
}
