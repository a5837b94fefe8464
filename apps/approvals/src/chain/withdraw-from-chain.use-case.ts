import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ProposalWithdrawnPayload } from '@alur/contracts';
import { StageCloser } from '../stages/stage-closer.service';

/** A withdrawn proposal leaves the chain: its open stage is cancelled and its alarms cleared. */
@Injectable()
export class WithdrawFromChainUseCase {
  constructor(private readonly closer: StageCloser) {}

  async execute(tx: EntityManager, withdrawal: ProposalWithdrawnPayload, actor: Actor | null): Promise<void> {
    await this.closer.cancelOpenStages(tx, withdrawal.proposalId, actor, withdrawal.reason ?? 'withdrawn by the BKM');
    await tx.query(
      `UPDATE approval_chain SET status = 'WITHDRAWN', closed_at = now() WHERE proposal_id = $1 AND status = 'IN_REVIEW'`,
      [withdrawal.proposalId],
    );
  }
}
