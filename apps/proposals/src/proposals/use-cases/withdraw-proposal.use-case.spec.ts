import { ConflictError, ForbiddenError, NotFoundError, ProposalWithdrawnV1 } from '@alur/contracts';
import { refusalOf } from '@alur/testing';
import { AIR_JAMBAN, BKM, bkmOf, kotakuDraft, LURAH, proposalsTestBed } from '../../testing/proposals-test-bed';

// The rules a BKM meets when withdrawing a proposal, against in-memory repositories (see create-proposal.use-case.spec.ts).

async function withSubmitted() {
  const bed = proposalsTestBed();
  const draft = await bed.create.execute(BKM, kotakuDraft());
  const submitted = await bed.submit.execute(BKM, { id: draft.id });
  return { bed, proposal: submitted };
}

describe('a BKM withdrawing its proposal', () => {
  it('withdraws a draft, with its reason on the timeline, and announces it', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());

    const withdrawn = await bed.withdraw.execute(BKM, { id: draft.id, version: 1, reason: 'Sudah didanai dari dana desa' });

    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 2, currentStage: null });
    expect(bed.outbox.ofType(ProposalWithdrawnV1).map((e) => e.payload)).toEqual([
      expect.objectContaining({ proposalId: draft.id, fromStatus: 'DRAFT', submissionNumber: 0, reason: 'Sudah didanai dari dana desa' }),
    ]);
    expect(await bed.timelineOf(draft.id)).toEqual([
      ['proposal.created', 'DRAFT'],
      ['proposal.withdrawn', 'WITHDRAWN'],
    ]);
    expect(bed.proposals.entries.at(-1)).toMatchObject({ note: 'Sudah didanai dari dana desa', fromStatus: 'DRAFT' });
  });

  it('withdraws a submitted proposal that no official has taken up yet', async () => {
    const { bed, proposal } = await withSubmitted();

    const withdrawn = await bed.withdraw.execute(BKM, { id: proposal.id });

    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', submissionNumber: 1, version: 3 });
    expect(bed.outbox.ofType(ProposalWithdrawnV1)[0].payload).toMatchObject({ fromStatus: 'SUBMITTED', reason: null });
  });

  it('withdraws a proposal under review only with the approvals service’s word for its submission', async () => {
    const { bed, proposal } = await withSubmitted();
    await bed.moveTo(proposal.id, 'IN_REVIEW');

    const refused = await refusalOf(bed.withdraw.execute(BKM, { id: proposal.id }));
    expect(refused.error).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ status: 409, body: { message: 'The approval chain has just decided this proposal: reload it' } });
    expect(bed.proposals.stored(proposal.id)?.status).toBe('IN_REVIEW');

    // The review was closed for this withdrawal: a newer version (a stage opened meanwhile) does not undo it.
    const withdrawn = await bed.withdraw.execute(BKM, { id: proposal.id, version: 2, reviewWithdrawn: 1 });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 4 });
    expect(bed.outbox.ofType(ProposalWithdrawnV1)[0].payload).toMatchObject({ fromStatus: 'IN_REVIEW' });
  });

  it('answers a repeated withdrawal of a closed review with the withdrawn proposal, announcing it once', async () => {
    const { bed, proposal } = await withSubmitted();
    await bed.moveTo(proposal.id, 'IN_REVIEW');
    const first = await bed.withdraw.execute(BKM, { id: proposal.id, reviewWithdrawn: 1 });

    const again = await bed.withdraw.execute(BKM, { id: proposal.id, reviewWithdrawn: 1 });

    expect(again).toEqual(first);
    expect(bed.outbox.ofType(ProposalWithdrawnV1)).toHaveLength(1);
  });

  it('is refused (409) from an older version', async () => {
    const { bed, proposal } = await withSubmitted();

    const refused = await refusalOf(bed.withdraw.execute(BKM, { id: proposal.id, version: 1 }));

    expect(refused).toMatchObject({ status: 409, body: { message: 'The proposal changed since version 1: reload it' } });
    expect(bed.proposals.stored(proposal.id)?.status).toBe('SUBMITTED');
  });

  it.each(['APPROVED', 'REJECTED', 'WITHDRAWN', 'FUNDING'] as const)('is refused (409) once the proposal is %s', async (status) => {
    const { bed, proposal } = await withSubmitted();
    await bed.moveTo(proposal.id, status);

    const refused = await refusalOf(bed.withdraw.execute(BKM, { id: proposal.id }));

    expect(refused.error).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ status: 409, body: { message: `A proposal in status ${status} cannot become WITHDRAWN` } });
    expect(bed.outbox.ofType(ProposalWithdrawnV1)).toEqual([]);
  });

  it('is refused (403) to an official, and answered 404 to another village’s BKM', async () => {
    const { bed, proposal } = await withSubmitted();

    const byLurah = await refusalOf(bed.withdraw.execute(LURAH, { id: proposal.id }));
    const byNeighbour = await refusalOf(bed.withdraw.execute(bkmOf(AIR_JAMBAN), { id: proposal.id }));

    expect(byLurah.error).toBeInstanceOf(ForbiddenError);
    expect(byLurah).toMatchObject({ status: 403, body: { message: 'Only BKM may do this' } });
    expect(byNeighbour.error).toBeInstanceOf(NotFoundError);
    expect(byNeighbour).toMatchObject({ status: 404, body: { message: `No proposal ${proposal.id}` } });
    expect(bed.proposals.stored(proposal.id)?.status).toBe('SUBMITTED');
  });
});
