import type { Actor, BankAccount, TrancheStatus } from '@alur/contracts';

export type { TrancheStatus };

/** An SPM returned instead of authorised, as the tranche keeps the last one (moments as ISO strings). */
export interface ReturnedSpm {
  sp2dNumber: string;
  bankAccount: BankAccount;
  /** Why it named another account than the proposal's; absent from SPMs returned before it was kept. */
  accountChangeNote?: string | null;
  preparedBy: Actor;
  preparedAt: string;
  returnedBy: Actor;
  returnedAt: string;
  reason: string;
}

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
  /** Why the SPM pays into another account than the one the BKM gave in its proposal; null when it pays into that one. */
  spmAccountChangeNote: string | null;
  preparedBy: Actor | null;
  preparedAt: Date | null;
  /** The last SPM returned for it, with why: what the next one corrects. */
  returnedSpm: ReturnedSpm | null;
}
