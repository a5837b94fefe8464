import { EntityManager } from 'typeorm';
import { EventEnvelope, ProposalApprovedPayload } from '@alur/contracts';
import { EventNotReadyError } from '@alur/messaging';
import { BudgetCommitment } from './budget-commitment.service';
import { ProposalApprovedHandler } from './proposal-approved.handler';
import { ProgrammeVersionRepository } from '../programmes/programme-version.repository';

describe('an approval heard before its programme version', () => {
  it('waits for the programme (EventNotReadyError) instead of failing, and commits nothing yet', async () => {
    const commitment = { onApproved: jest.fn() };
    const handler = new ProposalApprovedHandler(commitment as unknown as BudgetCommitment, new ProgrammeVersionRepository());
    const noProgrammeYet = { query: async () => [] } as unknown as EntityManager;
    const event = {
      id: 'e1',
      payload: { proposalId: 'p1', programCode: 'KOTAKU-2026', programVersion: 3 },
    } as EventEnvelope<ProposalApprovedPayload>;

    const waiting = handler.onProposalApproved(event, noProgrammeYet);
    await expect(waiting).rejects.toBeInstanceOf(EventNotReadyError);
    await expect(waiting).rejects.toMatchObject({ waitingFor: 'programme KOTAKU-2026 v3 to be published here' });
    expect(commitment.onApproved).not.toHaveBeenCalled();
  });
});
