import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { DISBURSEMENT_STATUSES, StageDecision, StageDecisionSchema } from '@alur/contracts';
import { jsonField, queryRows, RidingStatement, rupiahField, updateRows } from '@alur/database';
import { CeilingKey } from '../budgets/domain/ceiling-key';
import { Disbursement, DisbursementStatus } from './domain/disbursement';

/** A `disbursement` row, checked, as a Disbursement. */
export const DisbursementRow = z
  .object({
    id: z.string(),
    proposal_id: z.string(),
    program_code: z.string(),
    program_version: z.number().int(),
    fiscal_year: z.number().int(),
    ceiling_region_code: z.string(),
    village_code: z.string(),
    district_code: z.string(),
    regency_code: z.string(),
    title: z.string(),
    amount: rupiahField,
    released: rupiahField,
    status: z.enum(DISBURSEMENT_STATUSES),
    approved_at: z.date(),
    committed_at: z.date().nullable(),
    completed_at: z.date().nullable(),
    stage_decisions: jsonField(z.array(StageDecisionSchema)),
  })
  .transform((row): Disbursement => ({
    id: row.id,
    proposalId: row.proposal_id,
    programCode: row.program_code,
    programVersion: row.program_version,
    fiscalYear: row.fiscal_year,
    ceilingRegionCode: row.ceiling_region_code,
    villageCode: row.village_code,
    districtCode: row.district_code,
    regencyCode: row.regency_code,
    title: row.title,
    amount: row.amount,
    released: row.released,
    status: row.status,
    approvedAt: row.approved_at,
    committedAt: row.committed_at,
    completedAt: row.completed_at,
    stageDecisions: row.stage_decisions,
  }));

/** A finally approved proposal as it arrives, before it is committed against its ceiling. */
export interface ApprovedProposal {
  id: string;
  proposalId: string;
  programCode: string;
  programVersion: number;
  ceiling: CeilingKey;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  title: string;
  amount: number;
  approvedAt: string;
  stageDecisions: StageDecision[];
}

/** Who may see which disbursements: the column holding the caller's region code at its level, and the code. */
export interface RegionScope {
  column: string;
  regionCode: string;
}

export interface DisbursementFilter {
  status?: DisbursementStatus;
  programCode?: string;
  fiscalYear?: number;
  proposalId?: string;
  regionCode?: string;
  awaitingTreasury?: boolean;
  limit: number;
  offset: number;
}

const Found = z.object({});
const Count = z.object({ total: z.number().int() });

const DisbursementIdRow = z.object({ id: z.string() });
const CommittedRow = z.object({ committed_at: z.date() });
const CompletedRow = z.object({ completed_at: z.date(), released: rupiahField });
const ProposalIdRow = z.object({ proposal_id: z.string() });

/**
 * Disbursements (one per finally approved proposal) and the withdrawals heard for proposals. The
 * locks are the callers' protocol (see BudgetCommitment, lockTranche): each method says which it takes.
 */
@Injectable()
export class DisbursementRepository {
  /** Serialises the approval and the withdrawal of one proposal, whichever order they arrive in (a transaction-scoped advisory lock). */
  async lockProposal(tx: EntityManager, proposalId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('disbursements.proposal:' || $1, 0))`, [proposalId]);
  }

  async isWithdrawn(tx: EntityManager, proposalId: string): Promise<boolean> {
    const [withdrawn] = await queryRows(tx, Found, 'SELECT 1 FROM proposal_withdrawal WHERE proposal_id = $1', [proposalId]);
    return withdrawn !== undefined;
  }

  /** Remembers a withdrawal; one heard again changes nothing. */
  async recordWithdrawal(tx: EntityManager, proposalId: string, withdrawnAt: Date, eventId: string): Promise<void> {
    await tx.query(
      'INSERT INTO proposal_withdrawal (proposal_id, withdrawn_at, event_id) VALUES ($1, $2, $3) ON CONFLICT (proposal_id) DO NOTHING',
      [proposalId, withdrawnAt, eventId],
    );
  }

  /** Records the approved proposal as AWAITING_BUDGET; false if its proposal already has a disbursement. */
  async addAwaitingBudget(tx: EntityManager, approved: ApprovedProposal): Promise<boolean> {
    const inserted = await queryRows(
      tx,
      DisbursementIdRow,
      `INSERT INTO disbursement (id, proposal_id, program_code, program_version, fiscal_year, ceiling_region_code,
                                 village_code, district_code, regency_code, title, amount, status, approved_at, stage_decisions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'AWAITING_BUDGET', $12, $13)
       ON CONFLICT (proposal_id) DO NOTHING RETURNING id`,
      [
        approved.id,
        approved.proposalId,
        approved.programCode,
        approved.programVersion,
        approved.ceiling.fiscalYear,
        approved.ceiling.regionCode,
        approved.villageCode,
        approved.districtCode,
        approved.regencyCode,
        approved.title,
        String(approved.amount),
        approved.approvedAt,
        JSON.stringify(approved.stageDecisions),
      ],
    );
    return inserted.length > 0;
  }

  async find(db: EntityManager, id: string): Promise<Disbursement | undefined> {
    const [disbursement] = await queryRows(db, DisbursementRow, 'SELECT * FROM disbursement WHERE id = $1', [id]);
    return disbursement;
  }

  async findByProposal(tx: EntityManager, proposalId: string): Promise<Disbursement | undefined> {
    const [disbursement] = await queryRows(tx, DisbursementRow, 'SELECT * FROM disbursement WHERE proposal_id = $1', [proposalId]);
    return disbursement;
  }

  /** The disbursement, row-locked (FOR UPDATE). */
  async lock(tx: EntityManager, id: string): Promise<Disbursement | undefined> {
    const [disbursement] = await queryRows(tx, DisbursementRow, 'SELECT * FROM disbursement WHERE id = $1 FOR UPDATE', [id]);
    return disbursement;
  }

  /** The proposal's disbursement, row-locked (FOR UPDATE). */
  async lockByProposal(tx: EntityManager, proposalId: string): Promise<Disbursement | undefined> {
    const [disbursement] = await queryRows(tx, DisbursementRow, 'SELECT * FROM disbursement WHERE proposal_id = $1 FOR UPDATE', [
      proposalId,
    ]);
    return disbursement;
  }

  /** The disbursement a progress report belongs to, row-locked (FOR UPDATE OF the disbursement only). */
  async lockByProgressReport(tx: EntityManager, reportId: string): Promise<Disbursement | undefined> {
    const [disbursement] = await queryRows(
      tx,
      DisbursementRow,
      `SELECT d.* FROM disbursement d JOIN progress_report r ON r.disbursement_id = d.id WHERE r.id = $1 FOR UPDATE OF d`,
      [reportId],
    );
    return disbursement;
  }

  /** The first proposal waiting for this ceiling, in approval order (ties: first heard). */
  async firstWaiting(tx: EntityManager, key: CeilingKey): Promise<Disbursement | undefined> {
    const [head] = await queryRows(
      tx,
      DisbursementRow,
      `SELECT * FROM disbursement
          WHERE program_code = $1 AND fiscal_year = $2 AND ceiling_region_code = $3 AND status = 'AWAITING_BUDGET'
          ORDER BY approved_at, arrival LIMIT 1`,
      [key.programCode, key.fiscalYear, key.regionCode],
    );
    return head;
  }

  /** FUNDING from now: answers the instant it was committed. */
  async markFunding(tx: EntityManager, id: string): Promise<Date> {
    const [{ committed_at: committedAt }] = await updateRows(
      tx,
      CommittedRow,
      `UPDATE disbursement SET status = 'FUNDING', committed_at = now() WHERE id = $1 RETURNING committed_at`,
      [id],
    );
    return committedAt;
  }

  async markWithdrawn(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE disbursement SET status = 'WITHDRAWN' WHERE id = $1`, [id]);
  }

  /** COMPLETED from now: answers when, and the total released. */
  async markCompleted(tx: EntityManager, id: string): Promise<{ completedAt: Date; released: number }> {
    const [done] = await updateRows(
      tx,
      CompletedRow,
      `UPDATE disbursement SET status = 'COMPLETED', completed_at = now() WHERE id = $1 RETURNING completed_at, released`,
      [id],
    );
    return { completedAt: done.completed_at, released: done.released };
  }

  /** A tranche's amount added to what the disbursement has released, as a statement to ride on another's round trip. */
  addingReleased(id: string, amount: number): RidingStatement {
    return {
      with: 'disbursement_released AS (UPDATE disbursement SET released = released + $2 WHERE id = $1)',
      select: 'NULL',
      params: [id, String(amount)],
    };
  }

  /** The proposals of these disbursements, in approval order. */
  async proposalIdsOf(tx: EntityManager, ids: readonly string[]): Promise<string[]> {
    const rows = await queryRows(
      tx,
      ProposalIdRow,
      'SELECT proposal_id FROM disbursement WHERE id = ANY($1) ORDER BY approved_at, arrival',
      [ids],
    );
    return rows.map((row) => row.proposal_id);
  }

  /** Whether the proposal has a disbursement within the scope. */
  async isVisible(db: EntityManager, proposalId: string, scope: RegionScope): Promise<boolean> {
    const [visible] = await queryRows(db, Found, `SELECT 1 FROM disbursement WHERE proposal_id = $1 AND ${scope.column} = $2`, [
      proposalId,
      scope.regionCode,
    ]);
    return visible !== undefined;
  }

  /** A page of the disbursements within the scope, newest approval first, and how many match in all. */
  async page(db: EntityManager, scope: RegionScope, filter: DisbursementFilter): Promise<{ items: Disbursement[]; total: number }> {
    const params: unknown[] = [scope.regionCode];
    const where = [`${scope.column} = $1`];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.programCode) where.push(`program_code = $${params.push(filter.programCode)}`);
    if (filter.fiscalYear !== undefined) where.push(`fiscal_year = $${params.push(filter.fiscalYear)}`);
    if (filter.proposalId) where.push(`proposal_id = $${params.push(filter.proposalId)}`);
    if (filter.regionCode) {
      const n = params.push(filter.regionCode);
      where.push(`(village_code = $${n} OR district_code = $${n} OR regency_code = $${n})`);
    }
    if (filter.awaitingTreasury) {
      where.push(`EXISTS (SELECT 1 FROM tranche WHERE disbursement_id = disbursement.id AND tranche.status IN ('READY', 'PREPARED'))`);
    }
    // A work queue is worked oldest first; a list of what was funded reads newest first.
    const order = filter.awaitingTreasury ? 'approved_at, arrival' : 'approved_at DESC, arrival DESC';
    const [{ total }] = await queryRows(db, Count, `SELECT count(*)::int AS total FROM disbursement WHERE ${where.join(' AND ')}`, params);
    const items = await queryRows(
      db,
      DisbursementRow,
      `SELECT * FROM disbursement WHERE ${where.join(' AND ')} ORDER BY ${order}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  /** The id of the proposal's disbursement unless it was withdrawn. */
  async fundedIdOf(db: EntityManager, proposalId: string): Promise<string | undefined> {
    const [funded] = await queryRows(
      db,
      DisbursementIdRow,
      `SELECT id FROM disbursement WHERE proposal_id = $1 AND status <> 'WITHDRAWN'`,
      [proposalId],
    );
    return funded?.id;
  }
}
