import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Actor, ActorSchema, BankAccount, BankAccountSchema, TRANCHE_STATUSES } from '@alur/contracts';
import { jsonField, queryRows, RidingStatement, rupiahField } from '@alur/database';
import { ReturnedSpm, Tranche } from './domain/tranche';

/** A returned SPM as `returned_spm` stores it. */
const ReturnedSpmColumn: z.ZodType<ReturnedSpm> = z.object({
  sp2dNumber: z.string(),
  bankAccount: BankAccountSchema,
  accountChangeNote: z.string().nullable().optional(),
  preparedBy: ActorSchema,
  preparedAt: z.iso.datetime(),
  returnedBy: ActorSchema,
  returnedAt: z.iso.datetime(),
  reason: z.string(),
});

/** A `tranche` row, checked, as a Tranche. */
export const TrancheRow = z
  .object({
    disbursement_id: z.string(),
    number: z.number().int(),
    share_bp: z.number().int(),
    unlock_progress_percent: z.number().int(),
    amount: rupiahField,
    status: z.enum(TRANCHE_STATUSES),
    regency_code: z.string(),
    ready_at: z.date().nullable(),
    sp2d_number: z.string().nullable(),
    released_at: z.date().nullable(),
    released_by: jsonField(ActorSchema).nullable(),
    recorded_at: z.date().nullable(),
    spm_sp2d_number: z.string().nullable(),
    spm_bank_account: jsonField(BankAccountSchema).nullable(),
    spm_account_change_note: z.string().nullable(),
    prepared_by: jsonField(ActorSchema).nullable(),
    prepared_at: z.date().nullable(),
    returned_spm: jsonField(ReturnedSpmColumn).nullable(),
  })
  .transform((row): Tranche => ({
    disbursementId: row.disbursement_id,
    number: row.number,
    shareBp: row.share_bp,
    unlockProgressPercent: row.unlock_progress_percent,
    amount: row.amount,
    status: row.status,
    regencyCode: row.regency_code,
    readyAt: row.ready_at,
    sp2dNumber: row.sp2d_number,
    releasedAt: row.released_at,
    releasedBy: row.released_by,
    recordedAt: row.recorded_at,
    spmSp2dNumber: row.spm_sp2d_number,
    spmBankAccount: row.spm_bank_account,
    spmAccountChangeNote: row.spm_account_change_note,
    preparedBy: row.prepared_by,
    preparedAt: row.prepared_at,
    returnedSpm: row.returned_spm,
  }));

/** A tranche row with how many tranches its disbursement has. */
const LockedTrancheRow = z.object({ tranche_count: z.number().int() }).and(TrancheRow);

const Found = z.object({});

/** A tranche as the funding plan makes it: the first READY at once, the others LOCKED until their turn. */
export interface PlannedTranche {
  number: number;
  shareBp: number;
  unlockProgressPercent: number;
  amount: number;
  status: 'READY' | 'LOCKED';
  readyAt: Date | null;
}

/** The termin of disbursements, and the SPM of each while it waits for authorisation. */
@Injectable()
export class TrancheRepository {
  /**
   * One tranche, row-locked (FOR UPDATE), with how many tranches its disbursement has, as events and
   * answers name them ("termin 1 dari 3"): fixed when the disbursement's tranches were made, so read
   * here rather than in a statement of its own. The caller holds the disbursement's lock first.
   */
  async lock(tx: EntityManager, disbursementId: string, number: number): Promise<{ tranche: Tranche; trancheCount: number } | undefined> {
    const [row] = await queryRows(
      tx,
      LockedTrancheRow,
      `SELECT t.*, (SELECT count(*)::int FROM tranche c WHERE c.disbursement_id = $1) AS tranche_count
         FROM tranche t WHERE t.disbursement_id = $1 AND t.number = $2 FOR UPDATE OF t`,
      [disbursementId, number],
    );
    if (!row) return undefined;
    const { tranche_count: trancheCount, ...tranche } = row;
    return { tranche, trancheCount };
  }

  /** The disbursement's tranches, in order. */
  async ofDisbursement(tx: EntityManager, disbursementId: string): Promise<Tranche[]> {
    return queryRows(tx, TrancheRow, 'SELECT * FROM tranche WHERE disbursement_id = $1 ORDER BY number', [disbursementId]);
  }

  /** The tranches of several disbursements, by disbursement and then in order. */
  async ofDisbursements(db: EntityManager, disbursementIds: readonly string[]): Promise<Tranche[]> {
    return queryRows(db, TrancheRow, 'SELECT * FROM tranche WHERE disbursement_id = ANY($1) ORDER BY disbursement_id, number', [
      disbursementIds,
    ]);
  }

  /** A funded disbursement's tranches, in one statement however many there are. Amounts travel as text: bigint, exact. */
  async addAll(tx: EntityManager, disbursementId: string, regencyCode: string, tranches: readonly PlannedTranche[]): Promise<void> {
    await tx.query(
      `INSERT INTO tranche (disbursement_id, number, share_bp, unlock_progress_percent, amount, status, regency_code, ready_at)
       SELECT $1, t.number, t.share_bp, t.unlock_progress_percent, t.amount, t.status, $2, t.ready_at
         FROM unnest($3::int[], $4::int[], $5::int[], $6::bigint[], $7::text[], $8::timestamptz[])
              AS t (number, share_bp, unlock_progress_percent, amount, status, ready_at)`,
      [
        disbursementId,
        regencyCode,
        tranches.map((t) => t.number),
        tranches.map((t) => t.shareBp),
        tranches.map((t) => t.unlockProgressPercent),
        tranches.map((t) => String(t.amount)),
        tranches.map((t) => t.status),
        tranches.map((t) => t.readyAt),
      ],
    );
  }

  async markReady(tx: EntityManager, disbursementId: string, number: number): Promise<void> {
    await tx.query(`UPDATE tranche SET status = 'READY', ready_at = now() WHERE disbursement_id = $1 AND number = $2`, [
      disbursementId,
      number,
    ]);
  }

  /** Whether the regency's treasury already used the SP2D number: paid with it, or an SPM waits with it. */
  async isSp2dTaken(tx: EntityManager, regencyCode: string, sp2dNumber: string): Promise<boolean> {
    const [taken] = await queryRows(
      tx,
      Found,
      `SELECT 1 FROM tranche WHERE regency_code = $1 AND (sp2d_number = $2 OR (status = 'PREPARED' AND spm_sp2d_number = $2))`,
      [regencyCode, sp2dNumber],
    );
    return taken !== undefined;
  }

  /** The tranche's SPM, as a statement to ride on its audit record's round trip. */
  markingPrepared(
    disbursementId: string,
    number: number,
    spm: { sp2dNumber: string; bankAccount: BankAccount; accountChangeNote: string | null; preparedBy: Actor; preparedAt: Date },
  ): RidingStatement {
    return {
      with: `tranche_prepared AS (
        UPDATE tranche SET status = 'PREPARED', spm_sp2d_number = $3, spm_bank_account = $4, spm_account_change_note = $5,
               prepared_by = $6, prepared_at = $7
         WHERE disbursement_id = $1 AND number = $2)`,
      select: 'NULL',
      params: [
        disbursementId,
        number,
        spm.sp2dNumber,
        JSON.stringify(spm.bankAccount),
        spm.accountChangeNote,
        JSON.stringify(spm.preparedBy),
        spm.preparedAt,
      ],
    };
  }

  /** The tranche READY again, its SPM kept as the one returned (the SP2D number it held is free). */
  async returnSpm(tx: EntityManager, disbursementId: string, number: number, returned: ReturnedSpm): Promise<void> {
    await tx.query(
      `UPDATE tranche SET status = 'READY', spm_sp2d_number = NULL, spm_bank_account = NULL, spm_account_change_note = NULL,
              prepared_by = NULL, prepared_at = NULL, returned_spm = $3
          WHERE disbursement_id = $1 AND number = $2`,
      [disbursementId, number, JSON.stringify(returned)],
    );
  }

  /** The tranche's release, as a statement to ride on its audit record's round trip (an SP2D number taken fails it as it would alone). */
  markingReleased(
    disbursementId: string,
    number: number,
    release: { sp2dNumber: string; releasedAt: Date; releasedBy: Actor },
  ): RidingStatement {
    return {
      with: `tranche_released AS (
        UPDATE tranche SET status = 'RELEASED', sp2d_number = $3, released_at = $4, released_by = $5, recorded_at = now()
         WHERE disbursement_id = $1 AND number = $2)`,
      select: 'NULL',
      params: [disbursementId, number, release.sp2dNumber, release.releasedAt, JSON.stringify(release.releasedBy)],
    };
  }

  async cancelAll(tx: EntityManager, disbursementId: string): Promise<void> {
    await tx.query(`UPDATE tranche SET status = 'CANCELLED' WHERE disbursement_id = $1`, [disbursementId]);
  }
}
