import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, ProposalWithdrawnV1 } from '@alur/contracts';
import { OutboxService, requireRole } from '@alur/messaging';
import { assertTransition } from '../domain/proposal-status';
import { ProposalAccess } from '../proposal-access.service';
import { budgetLinesOf } from '../proposal-budget.store';
import { ProposalActionCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalEntity } from '../proposal.entity';
import { proposalView, ProposalView } from '../proposal.view';

/** The BKM withdraws its proposal before it is decided; announced as ProposalWithdrawnV1. */
@Injectable()
export class WithdrawProposalUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly history: ProposalHistory,
    private readonly outbox: OutboxService,
  ) {}

  async execute(actor: Actor, command: ProposalActionCommand): Promise<ProposalView> {
    return this.dataSource.transaction(async (tx) => {
      const proposal = await this.access.visible(tx, actor, command.id, { forUpdate: true });
      requireRole(actor, 'BKM');
      if (command.version !== undefined && command.version !== proposal.version) {
        throw new ConflictException(`The proposal changed since version ${command.version}: reload it`);
      }
      const fromStatus = proposal.status;
      assertTransition(fromStatus, 'WITHDRAWN');
      const items = await budgetLinesOf(tx, proposal.id);
      const before = proposalView(proposal, items);
      const changes: Partial<ProposalEntity> = { status: 'WITHDRAWN', version: proposal.version + 1, updatedAt: new Date() };
      await tx.update(ProposalEntity, { id: proposal.id }, changes);
      const withdrawn = Object.assign(proposal, changes);
      const event = await this.outbox.record(tx, ProposalWithdrawnV1, {
        aggregateId: withdrawn.id,
        actor,
        payload: {
          proposalId: withdrawn.id,
          programCode: withdrawn.programCode,
          programVersion: withdrawn.programVersion,
          villageCode: withdrawn.villageCode,
          districtCode: withdrawn.districtCode,
          regencyCode: withdrawn.regencyCode,
          fromStatus,
          submissionNumber: withdrawn.submissionNumber,
          reason: command.reason ?? null,
        },
      });
      const after = proposalView(withdrawn, items);
      await this.history.record(tx, {
        actor,
        action: 'proposal.withdrawn',
        proposalId: withdrawn.id,
        fromStatus,
        toStatus: 'WITHDRAWN',
        before,
        after,
        note: command.reason ?? null,
        eventId: event.id,
      });
      return after;
    });
  }
}
