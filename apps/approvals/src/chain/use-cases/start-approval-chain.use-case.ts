import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ProposalSubmittedPayload } from '@alur/contracts';
import { StageCloser } from '../../stages/stage-closer.service';
import { StageOpener } from '../../stages/stage-opener.service';
import { ApprovalChainRepository } from '../approval-chain.repository';
import { ApprovalChain } from '../domain/approval-chain';

/**
 * A submitted (or resubmitted) proposal enters the chain it was submitted under, at the first stage.
 * A submission already known is ignored; an older submission's open stage, which a resubmission
 * should never meet, is cancelled so that one proposal never waits at two stages.
 */
@Injectable()
export class StartApprovalChainUseCase {
  constructor(
    private readonly chains: ApprovalChainRepository,
    private readonly opener: StageOpener,
    private readonly closer: StageCloser,
  ) {}

  /** In the transaction of the ProposalSubmitted event being handled. */
  async execute(tx: EntityManager, submission: ProposalSubmittedPayload, actor: Actor | null): Promise<void> {
    const chain: ApprovalChain = {
      proposalId: submission.proposalId,
      submissionNumber: submission.submissionNumber,
      programCode: submission.programCode,
      programVersion: submission.programVersion,
      villageCode: submission.villageCode,
      districtCode: submission.districtCode,
      regencyCode: submission.regencyCode,
      title: submission.title,
      category: submission.category,
      requestedAmount: submission.requestedAmount,
      bkmUserId: submission.bkmUserId,
      stages: submission.approvalChain,
      reminderSchedule: submission.reminderSchedule,
      status: 'IN_REVIEW',
      submittedAt: new Date(),
      closedAt: null,
    };
    if (!(await this.chains.insertIfNew(tx, chain))) return;
    await this.closer.cancelOpenStages(tx, submission.proposalId, actor, 'superseded by a new submission');
    await this.opener.open(tx, chain, 1, actor);
  }
}
