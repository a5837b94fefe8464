import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProposalApprovedPayload, ProposalApprovedV1 } from '@alur/contracts';
import { EventNotReadyError, HandleEvent } from '@alur/messaging';
import { ProgrammeVersionRepository } from '../programmes/programme-version.repository';
import { BudgetCommitment } from './budget-commitment.service';

/** A finally approved proposal is committed against its ceiling, or waits for budget. */
@Injectable()
export class ProposalApprovedHandler {
  constructor(
    private readonly commitment: BudgetCommitment,
    private readonly programmes: ProgrammeVersionRepository,
  ) {}

  @HandleEvent(ProposalApprovedV1)
  async onProposalApproved(event: EventEnvelope<ProposalApprovedPayload>, tx: EntityManager): Promise<void> {
    const approval = event.payload;
    const programme = await this.programmes.find(tx, approval.programCode, approval.programVersion);
    // Programme events and approvals travel independently: wait (without spending attempts) until the version has been heard of.
    if (!programme) throw new EventNotReadyError(`programme ${approval.programCode} v${approval.programVersion} to be published here`);
    await this.commitment.onApproved(tx, approval, programme);
  }
}
