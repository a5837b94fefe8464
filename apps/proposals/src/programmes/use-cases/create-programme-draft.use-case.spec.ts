import { ConflictError, InvalidInputError } from '@alur/contracts';
import { refusalOf } from '@alur/testing';
import { ADMIN, KOTAKU, KOTAKU_DRAFT, proposalsTestBed, PUBLISHED_KOTAKU } from '../../testing/proposals-test-bed';

// An admin drafting a programme version, against in-memory repositories. Two drafts racing each other
// are the database's to stop (an advisory lock and the one-open-draft index), which these do not model.

describe('an admin drafting a programme version', () => {
  it('numbers the draft after the programme’s last version and records it', async () => {
    const bed = proposalsTestBed([PUBLISHED_KOTAKU]);

    const draft = await bed.createProgrammeDraft.execute(ADMIN, { ...KOTAKU_DRAFT, maxRequestedAmount: 400_000_000 });

    expect(draft).toMatchObject({ code: KOTAKU, version: 2, status: 'DRAFT', publishedAt: null, maxRequestedAmount: 400_000_000 });
    expect(bed.audit.records).toEqual([expect.objectContaining({ action: 'programme.draft-created', entityId: `${KOTAKU}@2` })]);
    // A draft is not announced: the other services learn a version when it is published.
    expect(bed.outbox.events).toEqual([]);
  });

  it('is refused (409) while the programme has an unpublished draft', async () => {
    const bed = proposalsTestBed([PUBLISHED_KOTAKU]);
    await bed.createProgrammeDraft.execute(ADMIN, KOTAKU_DRAFT);

    const refused = await refusalOf(bed.createProgrammeDraft.execute(ADMIN, KOTAKU_DRAFT));

    expect(refused.error).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({
      status: 409,
      body: { message: `${KOTAKU} already has an unpublished draft (version 2); publish it first` },
    });
    expect(bed.programmes.versions).toHaveLength(2);
  });

  it('is refused (400) with a chain stage at the wrong region level', async () => {
    const bed = proposalsTestBed([]);
    const chain = [{ role: 'CAMAT' as const, regionLevel: 'village' as const, serviceLevelWorkingDays: 3 }];

    const refused = await refusalOf(bed.createProgrammeDraft.execute(ADMIN, { ...KOTAKU_DRAFT, approvalChain: chain }));

    expect(refused.error).toBeInstanceOf(InvalidInputError);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'approvalChain.0.regionLevel' })]);
    expect(bed.programmes.versions).toEqual([]);
  });
});
