import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@alur/contracts';
import { EventNotReadyError } from '@alur/messaging';
import { BKM, kotakuDraft, proposalsTestBed } from '../../testing/proposals-test-bed';
import { FollowFundingUseCase } from './follow-funding.use-case';

describe('a funding event heard before the approval it follows', () => {
  it('waits (EventNotReadyError) while the proposal is still under review, changing nothing', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    await bed.submit.execute(BKM, { id: draft.id });
    await bed.moveTo(draft.id, 'IN_REVIEW');
    const follow = new FollowFundingUseCase(bed.proposals, bed.wiring.history, bed.wiring.auditTrail);
    const timeline = await bed.timelineOf(draft.id);
    const audited = bed.audit.records.length;
    const event: EventEnvelope<{ proposalId: string }> = {
      id: randomUUID(),
      type: 'disbursements.budget-committed',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateType: 'proposal',
      aggregateId: draft.id,
      actor: null,
      correlationId: randomUUID(),
      payload: { proposalId: draft.id },
    };

    const waiting = bed.wiring.transactions.run((tx) =>
      follow.execute(tx, event, { kind: 'disbursement.budget-committed', toStatus: 'FUNDING', note: 'Dana dialokasikan', details: {} }),
    );

    await expect(waiting).rejects.toBeInstanceOf(EventNotReadyError);
    expect(bed.proposals.stored(draft.id)).toMatchObject({ status: 'IN_REVIEW', version: 3 });
    expect(await bed.timelineOf(draft.id)).toEqual(timeline);
    expect(bed.audit.records).toHaveLength(audited);
  });
});
