import type { DisbursementStatus } from '@alur/contracts';

export type { DisbursementStatus };
export type TrancheStatus = 'LOCKED' | 'READY' | 'RELEASED' | 'CANCELLED';

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
}
