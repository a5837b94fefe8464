import { ForbiddenError, InvalidInputError } from '@alur/contracts';
import { refusalOf } from '@alur/testing';
import {
  AIR_JAMBAN,
  BALIK_ALAM,
  BKM,
  KOTAKU,
  kotakuDraft,
  LURAH,
  kotakuVersion,
  proposalsTestBed,
  PUBLISHED_KOTAKU,
} from '../../testing/proposals-test-bed';

// The rules a BKM meets when starting a proposal, against in-memory repositories: no database, so a
// broken rule fails in milliseconds. Locks and the SQL are the end-to-end tests' (test/proposals/).

describe('a BKM starting a proposal', () => {
  it('gets a draft of its village under the latest published programme version, with the money computed by the service', async () => {
    const bed = proposalsTestBed([
      PUBLISHED_KOTAKU,
      kotakuVersion({ version: 2, maxRequestedAmount: 400_000_000 }),
      kotakuVersion({ version: 3, status: 'DRAFT', publishedAt: null, publishedBy: null }),
    ]);

    const draft = await bed.create.execute(BKM, kotakuDraft());

    expect(draft).toMatchObject({
      status: 'DRAFT',
      version: 1,
      submissionNumber: 0,
      programCode: KOTAKU,
      programVersion: 2,
      villageCode: BALIK_ALAM,
      districtCode: '14.03.09',
      regencyCode: '14.03',
      budgetTotal: 100_000_000,
      selfHelpAmount: 5_000_000,
      requestedAmount: 95_000_000,
      selfHelpShareBp: 500,
      currentStage: null,
      submittedAt: null,
      bkmUserId: BKM.userId,
      beneficiaries: { households: 120, poorHouseholds: 45 },
    });
    expect(draft.budgetItems).toEqual([
      { description: 'Semen 50 kg', quantity: 500, unit: 'sak', unitPrice: 80_000, amount: 40_000_000 },
      { description: 'Pasir', quantity: 120.5, unit: 'm3', unitPrice: 400_000, amount: 48_200_000 },
      { description: 'Upah tukang', quantity: 1, unit: 'ls', unitPrice: 11_800_000, amount: 11_800_000 },
    ]);
    expect(bed.proposals.stored(draft.id)).toMatchObject({ status: 'DRAFT', version: 1, budgetTotal: 100_000_000 });
    expect(await bed.timelineOf(draft.id)).toEqual([['proposal.created', 'DRAFT']]);
    expect(bed.audit.records).toEqual([expect.objectContaining({ action: 'proposal.created', entityId: draft.id, after: draft })]);
    // A draft is the BKM's own business until it is submitted: nothing is announced.
    expect(bed.outbox.events).toEqual([]);
  });

  it('may start with only a title: the rest is asked for at submission', async () => {
    const bed = proposalsTestBed();

    const draft = await bed.create.execute(BKM, { programCode: KOTAKU, villageCode: BALIK_ALAM, title: 'Drainase RT 05' });

    expect(draft).toMatchObject({
      status: 'DRAFT',
      budgetTotal: 0,
      requestedAmount: 0,
      category: null,
      beneficiaries: null,
      documents: [],
    });
    expect(draft.budgetItems).toEqual([]);
  });

  it('is refused (403) to anyone but a BKM, and nothing is stored', async () => {
    const bed = proposalsTestBed();

    const refused = await refusalOf(bed.create.execute(LURAH, kotakuDraft()));

    expect(refused.error).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ status: 403, body: { message: 'Only BKM may do this' } });
    expect(bed.proposals.rows.size).toBe(0);
  });

  it('is refused (403) for another village, even one of the same kecamatan', async () => {
    const bed = proposalsTestBed();

    const refused = await refusalOf(bed.create.execute(BKM, kotakuDraft({ villageCode: AIR_JAMBAN })));

    expect(refused.error).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ status: 403, body: { message: 'A BKM writes proposals only for its own village' } });
    expect(bed.proposals.rows.size).toBe(0);
  });

  it('is refused (400) for a code that is not a kelurahan or desa', async () => {
    const bed = proposalsTestBed();

    for (const villageCode of ['14.03.09', '14.03.09.9999']) {
      const refused = await refusalOf(bed.create.execute(BKM, kotakuDraft({ villageCode })));
      expect(refused.error).toBeInstanceOf(InvalidInputError);
      expect(refused).toMatchObject({
        status: 400,
        body: { errors: [expect.objectContaining({ field: 'villageCode', reason: 'is not a known kelurahan or desa code' })] },
      });
    }
  });

  it('is refused (400) under a programme with no published version', async () => {
    const bed = proposalsTestBed([kotakuVersion({ status: 'DRAFT', publishedAt: null, publishedBy: null })]);

    const refused = await refusalOf(bed.create.execute(BKM, kotakuDraft()));

    expect(refused).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'programCode', reason: 'has no published programme of this code' })] },
    });
  });

  it('is refused (400) when the swadaya exceeds the budget total', async () => {
    const bed = proposalsTestBed();

    const refused = await refusalOf(bed.create.execute(BKM, kotakuDraft({ selfHelpAmount: 100_000_001 })));

    expect(refused).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'selfHelpAmount', reason: 'swadaya cannot exceed the budget total' })] },
    });
    expect(bed.proposals.rows.size).toBe(0);
  });
});
