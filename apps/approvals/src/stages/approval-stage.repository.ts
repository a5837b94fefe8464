import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Actor, ActorSchema, ROLES, StageDecision, StageStatus } from '@alur/contracts';
import { entityRows, jsonField, queryRows, RidingStatement, updateRows } from '@alur/database';
import { ApprovalChainEntity } from '../chain/approval-chain.entity';
import { ApprovalChain } from '../chain/domain/approval-chain';
import { TIMER_KINDS, TimerKey } from '../timers/domain/stage-timer';
import { nextTimerOf } from '../timers/stage-timer.repository';
import { ApprovalStageEntity } from './approval-stage.entity';
import { ApprovalStage, StageDecisionRecord } from './domain/approval-stage';

const IdRow = z.object({ id: z.string() });

const DecidedStageRow = z.object({
  version: z.number().int(),
  decidedBeside: jsonField(z.array(z.object({ stageOrder: z.number().int(), role: z.enum(ROLES), decidedBy: ActorSchema }))),
  timers: jsonField(z.array(z.object({ stageId: z.string(), kind: z.enum(TIMER_KINDS), generation: z.number().int() }))),
});

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

/** A stage just decided, with what the decision goes on with (read by the statement that decided it). */
export interface DecidedStage {
  stage: ApprovalStage;
  /** The submission's other decided stages, in chain order. */
  decidedBeside: StageDecisionRecord[];
  /**
   * The stage's next timer (none when all have fired), as the decision's snapshot saw it: its alarm, the
   * stage's only one, is cleared after the commit. (An alarm ringing at the moment of the decision may set
   * the one after it, which later finds the stage decided and does nothing.)
   */
  timers: TimerKey[];
}

/** Approval stages: their rows, their decisions, and the counts behind the service's figures. */
@Injectable()
export class ApprovalStageRepository {
  /** The stage, or null when it is not known here. */
  find(db: EntityManager, id: string): Promise<ApprovalStage | null> {
    return db.findOneBy(ApprovalStageEntity, { id });
  }

  /**
   * The stage with its submission's chain, the chain under its row lock (FOR UPDATE OF the chain only): a
   * decision's first two reads in one statement. Null when the stage, or its chain, is not known here.
   */
  async findLockingChain(tx: EntityManager, id: string): Promise<{ stage: ApprovalStage; chain: ApprovalChain } | null> {
    // Every decision reads it: a statement written once (entityRows) rather than built by the query builder each time.
    const stages = entityRows(tx, ApprovalStageEntity);
    const chains = entityRows(tx, ApprovalChainEntity);
    const sql = stages.statement(
      'locking its chain',
      (columns) => `SELECT ${columns('s')}, ${chains.columns('c')} FROM approval_stage s
         JOIN approval_chain c ON c.proposal_id = s.proposal_id AND c.submission_number = s.submission_number
        WHERE s.id = $1 FOR UPDATE OF c`,
    );
    const [row]: Array<Record<string, unknown>> = await tx.query(sql, [id]);
    return row ? { stage: stages.hydrate(row, 's'), chain: chains.hydrate(row, 'c') } : null;
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

  /**
   * A newly opened stage as a statement to ride on another's round trip (its audit record's; plain SQL, as
   * one is inserted for every stage opened). Its timers may ride with it: foreign keys are checked at the
   * statement's end.
   */
  inserting(stage: ApprovalStage): RidingStatement {
    return {
      with: `stage_opened AS (
        INSERT INTO approval_stage (id, proposal_id, submission_number, stage_order, stage_count, role, region_level, region_code,
                                    village_code, program_code, title, status, opened_at, due_at, decided_at, decided_by, note, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18))`,
      select: 'NULL',
      params: [
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
    };
  }

  /**
   * Decides the stage if it is still open: a conditional UPDATE, so that of two officials deciding at
   * once exactly one wins. Answers null (and nothing changed) when it was no longer open. Only an open
   * stage's row changes (here or when it is cancelled), so the stage as read while open, with the
   * decision and the version the UPDATE set, is the row now.
   *
   * The same statement reads what the decision goes on with, which a statement of their own would cost
   * a round trip each: the other decided stages of the submission (for the separation of stages: run
   * after the caller locked the chain, its snapshot holds every decision committed before that lock),
   * and the stage's next timer (whose alarm is cleared once this commits).
   */
  async decide(tx: EntityManager, open: ApprovalStage, decision: StageDecisionChange): Promise<DecidedStage | null> {
    const [decided] = await queryRows(
      tx,
      DecidedStageRow,
      `WITH decided AS (
         UPDATE approval_stage SET status = $2, decided_at = $3, decided_by = $4, note = $5, version = version + 1
          WHERE id = $1 AND status = 'OPEN' RETURNING version
       )
       SELECT decided.version,
              (SELECT coalesce(json_agg(json_build_object('stageOrder', s.stage_order, 'role', s.role, 'decidedBy', s.decided_by)
                                        ORDER BY s.stage_order), '[]')
                 FROM approval_stage s
                WHERE s.proposal_id = $6 AND s.submission_number = $7 AND s.id <> $1 AND s.decided_by IS NOT NULL) AS "decidedBeside",
              (SELECT coalesce(json_agg(json_build_object('stageId', n.stage_id, 'kind', n.kind, 'generation', n.generation)), '[]')
                 FROM ${nextTimerOf('$1')} AS n WHERE n.fired_at IS NULL) AS timers
         FROM decided`,
      [
        open.id,
        decision.status,
        decision.decidedAt,
        JSON.stringify(decision.decidedBy),
        decision.note,
        open.proposalId,
        open.submissionNumber,
      ],
    );
    return decided
      ? { stage: { ...open, ...decision, version: decided.version }, decidedBeside: decided.decidedBeside, timers: decided.timers }
      : null;
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
