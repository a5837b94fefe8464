import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { EventEnvelope } from '@alur/contracts';
import { EventNotReadyError } from '@alur/messaging';
import { ProposalHistory } from '../proposals/proposal-history.service';
import { FollowFundingUseCase } from './follow-funding.use-case';

describe('a funding event heard before the approval it follows', () => {
  it('waits (EventNotReadyError) while the proposal is still under review, changing nothing', async () => {
    const history = { append: jest.fn() };
    const audit = { record: jest.fn() };
    const follow = new FollowFundingUseCase(history as unknown as ProposalHistory, audit as unknown as AuditTrail);
    const update = jest.fn();
    const tx = { findOne: async () => ({ id: 'p1', status: 'IN_REVIEW', version: 4 }), update } as unknown as EntityManager;
    const event = {
      id: 'e1',
      occurredAt: new Date().toISOString(),
      actor: null,
      payload: { proposalId: 'p1' },
    } as unknown as EventEnvelope<{ proposalId: string }>;

    const waiting = follow.execute(tx, event, {
      kind: 'disbursement.budget-committed',
      toStatus: 'FUNDING',
      note: 'Dana dialokasikan',
      details: {},
    });
    await expect(waiting).rejects.toBeInstanceOf(EventNotReadyError);
    expect(update).not.toHaveBeenCalled();
    expect(history.append).not.toHaveBeenCalled();
  });
});
