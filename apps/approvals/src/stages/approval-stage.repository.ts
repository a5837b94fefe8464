import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Actor, ActorSchema, ROLES, StageDecision, StageStatus } from '@alur/contracts';
import { jsonField, queryRows, updateRows } from '@alur/database';
import { ApprovalStageEntity } from './approval-stage.entity';
import { ApprovalStage, StageDecisionRecord } from './domain/approval-stage';

const IdRow = z.object({ id: z.string() });

const VersionRow = z.object({ version: z.number().int() });

const DecidedRow = z.object({ stageOrder: z.number().int(), role: z.enum(ROLES), decidedBy: jsonField(ActorSchema) });

const ProposalDecisionRow = z
  .object({ submission_number: z.number().int(), stage_order: z.number().int(), role: z.enum(ROLES), decided_by: jsonField(ActorSchema) })
  .transform((row): StageDecision => ({
    submissionNumber: row.submission_number,
    stageOrder: row.stage_order,
    role: row.role,
    decidedBy: row.decided_by,
  }));

const RoleCountRow = z.object({ role: z.string(), n: z.number().int() }).transform((row) => ({ role: row.role, count: row.n }));

/** A decision on an open stage. */
export interface StageDecisionChange {
  status: StageStatus;
  decidedAt: Date;
  decidedBy: Actor;
  note: string | null;
}

/** Approval stages: their rows, their decisions, and the counts behind the service's figures. */
@Injectable()
export class ApprovalStageRepository {
  /** The stage, or null when it is not known here. */
  find(db: EntityManager, id: string): Promise<ApprovalStage | null> {
    return db.findOneBy(ApprovalStageEntity, { id });
  }

  /** The stage; it must exist. */
  get(db: EntityManager, id: string): Promise<ApprovalStage> {
    return db.findOneByOrFail(ApprovalStageEntity, { id });
  }

  /** The stage under its row lock (SELECT … FOR UPDATE, the lock a decision's UPDATE takes), or null. */
  lock(tx: EntityManager, id: string): Promise<ApprovalStage | null> {
    return tx.findOne(ApprovalStageEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every stage of a proposal, all submissions, in order. */
  ofProposal(db: EntityManager, proposalId: string): Promise<ApprovalStage[]> {
    return db.find(ApprovalStageEntity, { where: { proposalId }, order: { submissionNumber: 'ASC', stageOrder: 'ASC' } });
  }

  /** A newly opened stage (plain SQL: one for every stage opened, where TypeORM's insert builder cost more than the insert). */
  async insert(tx: EntityManager, stage: ApprovalStage): Promise<void> {
    await tx.query(
      `INSERT INTO approval_stage (id, proposal_id, submission_number, stage_order, stage_count, role, region_level, region_code,
                                   village_code, program_code, title, status, opened_at, due_at, decided_at, decided_by, note, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        stage.id,
        stage.proposalId,
        stage.submissionNumber,
        stage.stageOrder,
        stage.stageCount,
        stage.role,
        stage.regionLevel,
        stage.regionCode,
        stage.villageCode,
        stage.programCode,
        stage.title,
        stage.status,
        stage.openedAt,
        stage.dueAt,
        stage.decidedAt,
        stage.decidedBy ? JSON.stringify(stage.decidedBy) : null,
        stage.note,
        stage.version,
      ],
    );
  }

  /**
   * Decides the stage if it is still open: a conditional UPDATE, so that of two officials deciding at
   * once exactly one wins. Answers the decided stage, or null (and nothing changed) when it was no
   * longer open. Only an open stage's row changes (here or when it is cancelled), so the stage as read
   * while open, with the decision and the version the UPDATE set, is the row now.
   */
  async decide(tx: EntityManager, open: ApprovalStage, decision: StageDecisionChange): Promise<ApprovalStage | null> {
    const [updated] = await updateRows(
      tx,
      VersionRow,
      `UPDATE approval_stage SET status = $2, decided_at = $3, decided_by = $4, note = $5, version = version + 1
        WHERE id = $1 AND status = 'OPEN' RETURNING version`,
      [open.id, decision.status, decision.decidedAt, JSON.stringify(decision.decidedBy), decision.note],
    );
    return updated ? { ...open, ...decision, version: updated.version } : null;
  }

  /** Cancels the proposal's open stage (there is at most one), noting why; answers the ids cancelled. */
  async cancelOpen(tx: EntityManager, proposalId: string, reason: string): Promise<string[]> {
    const cancelled = await updateRows(
      tx,
      IdRow,
      `UPDATE approval_stage SET status = 'CANCELLED', decided_at = now(), note = $2, version = version + 1
        WHERE proposal_id = $1 AND status = 'OPEN' RETURNING id`,
      [proposalId, reason],
    );
    return cancelled.map((row) => row.id);
  }

  /** The other decided stages of the stage's submission, in chain order. */
  decidedBeside(tx: EntityManager, stage: Pick<ApprovalStage, 'id' | 'proposalId' | 'submissionNumber'>): Promise<StageDecisionRecord[]> {
    return queryRows(
      tx,
      DecidedRow,
      `SELECT stage_order AS "stageOrder", role, decided_by AS "decidedBy" FROM approval_stage
        WHERE proposal_id = $1 AND submission_number = $2 AND id <> $3 AND decided_by IS NOT NULL ORDER BY stage_order`,
      [stage.proposalId, stage.submissionNumber, stage.id],
    );
  }

  /** Who decided each stage of the proposal, over all its submissions (returned ones included), in the order decided. */
  decisionsOfProposal(tx: EntityManager, proposalId: string): Promise<StageDecision[]> {
    return queryRows(
      tx,
      ProposalDecisionRow,
      `SELECT submission_number, stage_order, role, decided_by FROM approval_stage
        WHERE proposal_id = $1 AND decided_by IS NOT NULL ORDER BY submission_number, stage_order`,
      [proposalId],
    );
  }

  /** How many stages wait for a decision, by role. */
  openByRole(db: EntityManager): Promise<Array<{ role: string; count: number }>> {
    return queryRows(db, RoleCountRow, "SELECT role, count(*)::int AS n FROM approval_stage WHERE status = 'OPEN' GROUP BY role");
  }

  /** How many open stages are past their due date, by role. */
  overdueByRole(db: EntityManager): Promise<Array<{ role: string; count: number }>> {
    return queryRows(
      db,
      RoleCountRow,
      "SELECT role, count(*)::int AS n FROM approval_stage WHERE status = 'OPEN' AND due_at < now() GROUP BY role",
    );
  }
}
