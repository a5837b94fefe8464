import type { Actor, BankAccount, DisbursementStatus, StageDecision, TrancheStatus } from '@alur/contracts';

export type { DisbursementStatus, TrancheStatus };

/** A `disbursement` row as the pg driver returns it (bigint columns as strings). */
export interface DisbursementRow {
  id: string;
  proposal_id: string;
  program_code: string;
  program_version: number;
  fiscal_year: number;
  ceiling_region_code: string;
  village_code: string;
  district_code: string;
  regency_code: string;
  title: string;
  amount: string;
  released: string;
  status: DisbursementStatus;
  approved_at: Date;
  arrival: string;
  committed_at: Date | null;
  completed_at: Date | null;
  /** Who decided the proposal's approval stages; empty if the approval was announced without them. */
  stage_decisions: StageDecision[];
}

/** A `tranche` row as the pg driver returns it. */
export interface TrancheRow {
  disbursement_id: string;
  number: number;
  share_bp: number;
  unlock_progress_percent: number;
  amount: string;
  status: TrancheStatus;
  regency_code: string;
  ready_at: Date | null;
  sp2d_number: string | null;
  released_at: Date | null;
  released_by: Actor | null;
  recorded_at: Date | null;
  spm_sp2d_number: string | null;
  spm_bank_account: BankAccount | null;
  prepared_by: Actor | null;
  prepared_at: Date | null;
}
