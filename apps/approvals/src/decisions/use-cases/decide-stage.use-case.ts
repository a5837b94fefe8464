import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import {
  Actor,
  AnswerOf,
  ApprovalDecision,
  ApprovalStageDecidedV1,
  ConflictError,
  DecideStage,
  ForbiddenError,
  NotFoundError,
  ProposalApprovedV1,
  ProposalRejectedV1,
  ProposalReturnedV1,
  RequestOf,
  StageDecision,
} from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { activeAppointmentsOf } from '../../acting/active-appointments';
import { ApprovalChainEntity, ChainStatus } from '../../chain/approval-chain.entity';
import { lockChain } from '../../chain/lock-chain';
import { ApprovalStageEntity, StageStatus, stageRefOf } from '../../stages/approval-stage.entity';
import { StageCloser } from '../../stages/stage-closer.service';
import { StageOpener } from '../../stages/stage-opener.service';
import { toStageView } from '../../stages/stage-view';
import { decisionAuthority } from '../domain/decision-authority';
import { DecidedStage, stageAlreadyDecidedBy } from '../domain/separation-of-stages';

export type DecideStageCommand = RequestOf<typeof DecideStage>;
export type DecisionResult = AnswerOf<typeof DecideStage>;

const STAGE_STATUS_OF: Record<ApprovalDecision, StageStatus> = { APPROVE: 'APPROVED', RETURN: 'RETURNED', REJECT: 'REJECTED' };

/**
 * An official decides an open stage. The decision, what follows from it (the next stage, or the
 * proposal approved, returned or rejected), the events and the audit records commit in one
 * transaction. Of two officials deciding at once, the conditional update lets exactly one win; a
 * decision and the BKM's withdrawal both lock the chain row first, so exactly one of them ends it.
 */
@Injectable()
export class DecideStageUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly opener: StageOpener,
    private readonly closer: StageCloser,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, command: DecideStageCommand): Promise<DecisionResult> {
    // The decision's shape (a known decision, a note to return or reject) is the contract's, checked before this runs.
    const note = command.note || null;
    const notFound = new NotFoundError('Approval stage not found');
    // The checks read in the decision's transaction: one commit per decision rather than one per read.
    return this.dataSource.transaction(async (tx) => {
      const stage = await tx.findOneBy(ApprovalStageEntity, { id: command.stageId });
      if (!stage) throw notFound;

      const decidedAt = new Date();
      const appointments = await activeAppointmentsOf(tx, actor.userId, decidedAt);
      const authority = decisionAuthority(actor, stage, appointments, (region, village) => this.regions.covers(region, village));
      if (authority.kind === 'hidden') throw notFound;
      if (authority.kind === 'forbidden') {
        throw new ForbiddenError(`Only the ${stage.role} of ${stage.regionCode} (or whoever acts for them) may decide this stage`);
      }
      if (stage.status !== 'OPEN') throw new ConflictError(`This stage is already ${stage.status}`);

      // The chain's row lock first, as a withdrawal takes it: of a decision and a withdrawal, one ends the chain.
      const current = await lockChain(tx, stage.proposalId, stage.submissionNumber);
      if (current && current.status !== 'IN_REVIEW') {
        throw new ConflictError(`The proposal was ${current.status.toLowerCase()} a moment ago: this stage can no longer be decided`);
      }
      await refuseSecondStage(tx, stage, authority.decidedBy);
      const status = STAGE_STATUS_OF[command.decision];
      const [updated] = (await tx.query(
        `UPDATE approval_stage SET status = $2, decided_at = $3, decided_by = $4, note = $5, version = version + 1
          WHERE id = $1 AND status = 'OPEN' RETURNING id`,
        [stage.id, status, decidedAt, JSON.stringify(authority.decidedBy), note],
      )) as [unknown[], number];
      if (updated.length === 0) throw new ConflictError('This stage was decided by someone else a moment ago');
      const decided = await tx.findOneByOrFail(ApprovalStageEntity, { id: stage.id });
      const decidedBy = authority.decidedBy;
      const ref = stageRefOf(decided);
      await this.outbox.record(tx, ApprovalStageDecidedV1, {
        aggregateId: decided.proposalId,
        actor: decidedBy,
        payload: {
          ...ref,
          decision: command.decision,
          note,
          decidedBy,
          decidedAt: decidedAt.toISOString(),
          overdue: decidedAt.getTime() > decided.dueAt.getTime(),
        },
      });
      await this.audit.record(tx, {
        actor: decidedBy,
        action: 'approval-stage.decided',
        entityType: 'approval-stage',
        entityId: decided.id,
        fromStatus: 'OPEN',
        toStatus: status,
        before: { status: 'OPEN', version: stage.version },
        after: { status, version: decided.version, decision: command.decision, note },
      });
      this.closer.clearAlarmsAfterCommit(tx, decided.id);

      const chain = await tx.findOneByOrFail(ApprovalChainEntity, {
        proposalId: decided.proposalId,
        submissionNumber: decided.submissionNumber,
      });
      if (command.decision === 'APPROVE' && decided.stageOrder < decided.stageCount) {
        const next = await this.opener.open(tx, chain, decided.stageOrder + 1, decidedBy, decidedAt);
        return { stage: toStageView(decided, decidedAt), nextStage: toStageView(next, decidedAt), proposalStatus: chain.status };
      }
      const proposalStatus = await this.closeChain(tx, chain, command.decision, decided, decidedBy, note, decidedAt);
      return { stage: toStageView(decided, decidedAt), nextStage: null, proposalStatus };
    });
  }

  /** The chain ends: approved after its last stage, or returned or rejected at any stage. */
  private async closeChain(
    tx: EntityManager,
    chain: ApprovalChainEntity,
    decision: ApprovalDecision,
    stage: ApprovalStageEntity,
    actor: Actor,
    note: string | null,
    at: Date,
  ): Promise<ChainStatus> {
    const status: ChainStatus = STAGE_STATUS_OF[decision] as ChainStatus;
    await tx.update(
      ApprovalChainEntity,
      { proposalId: chain.proposalId, submissionNumber: chain.submissionNumber },
      { status, closedAt: at },
    );
    const ref = stageRefOf(stage);
    const aggregateId = chain.proposalId;
    if (decision === 'APPROVE') {
      await this.outbox.record(tx, ProposalApprovedV1, {
        aggregateId,
        actor,
        payload: {
          proposalId: chain.proposalId,
          submissionNumber: chain.submissionNumber,
          programCode: chain.programCode,
          programVersion: chain.programVersion,
          villageCode: chain.villageCode,
          districtCode: chain.districtCode,
          regencyCode: chain.regencyCode,
          title: chain.title,
          requestedAmount: chain.requestedAmount,
          approvedAt: at.toISOString(),
          stageDecisions: await stageDecisionsOf(tx, chain.proposalId),
        },
      });
    } else if (decision === 'RETURN') {
      await this.outbox.record(tx, ProposalReturnedV1, {
        aggregateId,
        actor,
        payload: { ...ref, note: note!, returnedAt: at.toISOString() },
      });
    } else {
      await this.outbox.record(tx, ProposalRejectedV1, {
        aggregateId,
        actor,
        payload: { ...ref, reason: note!, rejectedAt: at.toISOString() },
      });
    }
    await this.audit.record(tx, {
      actor,
      action: `approval-chain.${status.toLowerCase()}`,
      entityType: 'approval-chain',
      entityId: `${chain.proposalId}#${chain.submissionNumber}`,
      fromStatus: 'IN_REVIEW',
      toStatus: status,
      after: { decidedAtStage: stage.stageOrder, note },
    });
    return status;
  }
}

/**
 * 403 (code DECIDED_ANOTHER_STAGE) when the decider, in person or as a Plt/Plh, already decided another
 * stage of this submission: each stage must be another official's eyes. Read under the chain's lock.
 */
async function refuseSecondStage(tx: EntityManager, stage: ApprovalStageEntity, decidedBy: Actor): Promise<void> {
  const decided = (await tx.query(
    `SELECT stage_order AS "stageOrder", role, decided_by AS "decidedBy" FROM approval_stage
      WHERE proposal_id = $1 AND submission_number = $2 AND id <> $3 AND decided_by IS NOT NULL ORDER BY stage_order`,
    [stage.proposalId, stage.submissionNumber, stage.id],
  )) as DecidedStage[];
  const earlier = stageAlreadyDecidedBy(decidedBy, decided);
  if (!earlier) return;
  const how = earlier.decidedBy.actingFor ? ` as acting official for ${earlier.decidedBy.actingFor.username}` : '';
  const now = decidedBy.actingFor ? ` (now as acting official for ${decidedBy.actingFor.username})` : '';
  throw new ForbiddenError(
    `You decided stage ${earlier.stageOrder} (${earlier.role}${how}) of this submission: nobody decides two stages of one submission${now}`,
    { code: 'DECIDED_ANOTHER_STAGE' },
  );
}

/** Who decided each stage of the proposal, over all its submissions (returned ones included), in the order decided. */
async function stageDecisionsOf(tx: EntityManager, proposalId: string): Promise<StageDecision[]> {
  const stages = (await tx.query(
    `SELECT submission_number, stage_order, role, decided_by FROM approval_stage
      WHERE proposal_id = $1 AND decided_by IS NOT NULL ORDER BY submission_number, stage_order`,
    [proposalId],
  )) as Array<{ submission_number: number; stage_order: number; role: StageDecision['role']; decided_by: StageDecision['decidedBy'] }>;
  return stages.map((s) => ({ submissionNumber: s.submission_number, stageOrder: s.stage_order, role: s.role, decidedBy: s.decided_by }));
}
