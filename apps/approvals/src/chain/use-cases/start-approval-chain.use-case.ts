import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ProposalSubmittedPayload } from '@alur/contracts';
import { StageCloser } from '../../stages/stage-closer.service';
import { StageOpener } from '../../stages/stage-opener.service';
import { ApprovalChainEntity } from '../approval-chain.entity';

/**
 * A submitted (or resubmitted) proposal enters the chain it was submitted under, at the first stage.
 * A submission already known is ignored; an older submission's open stage, which a resubmission
 * should never meet, is cancelled so that one proposal never waits at two stages.
 */
@Injectable()
export class StartApprovalChainUseCase {
  constructor(
    private readonly opener: StageOpener,
    private readonly closer: StageCloser,
  ) {}

  async execute(tx: EntityManager, submission: ProposalSubmittedPayload, actor: Actor | null): Promise<void> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(ApprovalChainEntity)
      .values({
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
      })
      .orIgnore()
      .returning(['proposalId'])
      .execute();
    if (inserted.raw.length === 0) return;
    await this.closer.cancelOpenStages(tx, submission.proposalId, actor, 'superseded by a new submission');
    const chain = await tx.findOneByOrFail(ApprovalChainEntity, {
      proposalId: submission.proposalId,
      submissionNumber: submission.submissionNumber,
    });
    await this.opener.open(tx, chain, 1, actor);
  }
}
