import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from '@alur/audit';
import {
  Actor,
  AnswerOf,
  ApprovalDecision,
  ApprovalStageDecidedV1,
  ChainStatus,
  ConflictError,
  DecideStage,
  ForbiddenError,
  NotFoundError,
  ProposalApprovedV1,
  ProposalRejectedV1,
  ProposalReturnedV1,
  RequestOf,
  StageStatus,
  RefusalCode,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentRepository } from '../../acting/acting-appointment.repository';
import { ApprovalChainRepository } from '../../chain/approval-chain.repository';
import { ApprovalChain } from '../../chain/domain/approval-chain';
import { ApprovalStageRepository } from '../../stages/approval-stage.repository';
import { toStageView } from '../../stages/approval-stage.view';
import { ApprovalStage, StageDecisionRecord, stageRefOf } from '../../stages/domain/approval-stage';
import { StageCloser } from '../../stages/stage-closer.service';
import { StageOpener } from '../../stages/stage-opener.service';
import { decisionAuthority, isOwnOfficial } from '../domain/decision-authority';
import { stageAlreadyDecidedBy } from '../domain/separation-of-stages';

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
    private readonly transactions: Transactions,
    private readonly stages: ApprovalStageRepository,
    private readonly chains: ApprovalChainRepository,
    private readonly appointments: ActingAppointmentRepository,
    private readonly regions: RegionDirectory,
    private readonly opener: StageOpener,
    private readonly closer: StageCloser,
    private readonly changes: ChangeRecorder,
  ) {}

  async execute(actor: Actor, command: DecideStageCommand): Promise<DecisionResult> {
    // The decision's shape (a known decision, a note to return or reject) is the contract's, checked before this runs.
    const note = command.note || null;
    const notFound = new NotFoundError('Approval stage not found');
    // The checks read in the decision's transaction: one commit per decision rather than one per read.
    return this.transactions.run(async (tx) => {
      // The chain's row lock comes with the stage, as a withdrawal takes it first: of a decision and a
      // withdrawal, one ends the chain. A refusal below rolls the lock back with the rest.
      const found = await this.stages.findLockingChain(tx, command.stageId);
      const stage = found?.stage ?? (await this.stages.find(tx, command.stageId));
      if (!stage) throw notFound;

      const decidedAt = new Date();
      // A stage's own official decides as themself: their appointments are read only for someone else.
      const appointments = isOwnOfficial(actor, stage) ? [] : await this.appointments.activeFor(tx, actor.userId, decidedAt);
      const authority = decisionAuthority(actor, stage, appointments, (region, village) => this.regions.covers(region, village));
      if (authority.kind === 'hidden') throw notFound;
      if (authority.kind === 'forbidden') {
        throw new ForbiddenError(`Only the ${stage.role} of ${stage.regionCode} (or whoever acts for them) may decide this stage`);
      }
      if (stage.status !== 'OPEN') throw new ConflictError(`This stage is already ${stage.status}`);

      const current = found ? found.chain : await this.chains.lock(tx, stage.proposalId, stage.submissionNumber);
      if (current && current.status !== 'IN_REVIEW') {
        throw new ConflictError(`The proposal was ${current.status.toLowerCase()} a moment ago: this stage can no longer be decided`);
      }
      const status = STAGE_STATUS_OF[command.decision];
      const decision = await this.stages.decide(tx, stage, { status, decidedAt, decidedBy: authority.decidedBy, note });
      if (!decision) throw new ConflictError('This stage was decided by someone else a moment ago');
      // Refused after the UPDATE, which read the other decisions: the throw rolls the decision back.
      refuseSecondStage(decision.decidedBeside, authority.decidedBy);
      const { stage: decided } = decision;
      const decidedBy = authority.decidedBy;
      const ref = stageRefOf(decided);
      await this.changes.record(tx, {
        announce: {
          contract: ApprovalStageDecidedV1,
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
        },
        audit: {
          action: 'approval-stage.decided',
          entityType: 'approval-stage',
          entityId: decided.id,
          fromStatus: 'OPEN',
          toStatus: status,
          before: { status: 'OPEN', version: stage.version },
          after: { status, version: decided.version, decision: command.decision, note },
        },
      });
      this.closer.clearAlarmsAfterCommit(tx, decision.timers);

      // The chain as locked above: nothing else changes it while this transaction holds its lock.
      const chain = current ?? (await this.chains.get(tx, decided.proposalId, decided.submissionNumber));
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
    chain: ApprovalChain,
    decision: ApprovalDecision,
    stage: ApprovalStage,
    actor: Actor,
    note: string | null,
    at: Date,
  ): Promise<ChainStatus> {
    const status: ChainStatus = STAGE_STATUS_OF[decision] as ChainStatus;
    await this.chains.close(tx, chain.proposalId, chain.submissionNumber, status, at);
    const ref = stageRefOf(stage);
    const aggregateId = chain.proposalId;
    // One event for the chain's end, whichever it is, and its audit entry.
    const audit: Omit<AuditEntry, 'actor'> = {
      action: `approval-chain.${status.toLowerCase()}`,
      entityType: 'approval-chain',
      entityId: `${chain.proposalId}#${chain.submissionNumber}`,
      fromStatus: 'IN_REVIEW',
      toStatus: status,
      after: { decidedAtStage: stage.stageOrder, note },
    };
    if (decision === 'APPROVE') {
      await this.changes.record(tx, {
        announce: {
          contract: ProposalApprovedV1,
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
            stageDecisions: await this.stages.decisionsOfProposal(tx, chain.proposalId),
          },
        },
        audit,
      });
    } else if (decision === 'RETURN') {
      await this.changes.record(tx, {
        announce: { contract: ProposalReturnedV1, aggregateId, actor, payload: { ...ref, note: note!, returnedAt: at.toISOString() } },
        audit,
      });
    } else {
      await this.changes.record(tx, {
        announce: { contract: ProposalRejectedV1, aggregateId, actor, payload: { ...ref, reason: note!, rejectedAt: at.toISOString() } },
        audit,
      });
    }
    return status;
  }
}

/**
 * 403 (code DECIDED_ANOTHER_STAGE) when the decider, in person or as a Plt/Plh, already decided another
 * stage of this submission: each stage must be another official's eyes. `decidedBeside` is read under the chain's lock.
 */
function refuseSecondStage(decidedBeside: StageDecisionRecord[], decidedBy: Actor): void {
  const earlier = stageAlreadyDecidedBy(decidedBy, decidedBeside);
  if (!earlier) return;
  const how = earlier.decidedBy.actingFor ? ` as acting official for ${earlier.decidedBy.actingFor.username}` : '';
  const now = decidedBy.actingFor ? ` (now as acting official for ${decidedBy.actingFor.username})` : '';
  throw new ForbiddenError(
    `You decided stage ${earlier.stageOrder} (${earlier.role}${how}) of this submission: nobody decides two stages of one submission${now}`,
    { code: RefusalCode.DecidedAnotherStage },
  );
}
