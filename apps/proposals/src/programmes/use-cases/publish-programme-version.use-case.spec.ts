import { ConflictError, NotFoundError, ProgrammePublishedV1 } from '@alur/contracts';
import { refusalOf } from '@alur/testing';
import { ADMIN, BKM, KOTAKU, KOTAKU_DRAFT, kotakuDraft, proposalsTestBed, PUBLISHED_KOTAKU } from '../../testing/proposals-test-bed';

// An admin publishing a programme version, against in-memory repositories.

describe('an admin publishing a programme version', () => {
  it('makes the draft the version new proposals are written against, and announces its whole definition', async () => {
    const bed = proposalsTestBed([PUBLISHED_KOTAKU]);
    await bed.createProgrammeDraft.execute(ADMIN, { ...KOTAKU_DRAFT, minSelfHelpShareBp: 1000 });

    const published = await bed.publishProgramme.execute(ADMIN, KOTAKU, 2);

    expect(published).toMatchObject({ code: KOTAKU, version: 2, status: 'PUBLISHED', minSelfHelpShareBp: 1000 });
    expect(published.publishedAt).not.toBeNull();
    expect(bed.outbox.ofType(ProgrammePublishedV1).map((e) => e.payload)).toEqual([
      expect.objectContaining({ code: KOTAKU, version: 2, minSelfHelpShareBp: 1000, publishedAt: published.publishedAt }),
    ]);
    expect((await bed.create.execute(BKM, kotakuDraft())).programVersion).toBe(2);
  });

  it('is refused (409) for a version already published, and (404) for one that does not exist', async () => {
    const bed = proposalsTestBed([PUBLISHED_KOTAKU]);

    const again = await refusalOf(bed.publishProgramme.execute(ADMIN, KOTAKU, 1));
    const missing = await refusalOf(bed.publishProgramme.execute(ADMIN, KOTAKU, 7));

    expect(again.error).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ status: 409, body: { message: `${KOTAKU} version 1 is already published` } });
    expect(missing.error).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, body: { message: `Programme ${KOTAKU} has no version 7` } });
    expect(bed.outbox.events).toEqual([]);
  });
});
