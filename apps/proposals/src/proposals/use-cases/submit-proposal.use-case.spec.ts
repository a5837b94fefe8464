import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError, ProposalSubmittedV1 } from '@alur/contracts';
import { refusalOf } from '@alur/testing';
import {
  AIR_JAMBAN,
  BALIK_ALAM_ACCOUNT,
  BK_DESA,
  BKM,
  bkmOf,
  KOTAKU,
  kotakuDraft,
  LURAH,
  OUTSIDE_PILOT_VILLAGE,
  kotakuVersion,
  proposalsTestBed,
  PUBLISHED_BK_DESA,
  PUBLISHED_KOTAKU,
} from '../../testing/proposals-test-bed';

// The rules a BKM meets when submitting a proposal, against in-memory repositories (see create-proposal.use-case.spec.ts).

/** The fields a 400 names, in the order it names them. */
const fieldsOf = (refusal: { error: DomainError }) => refusal.error.errors?.map((e) => e.field);

describe('a BKM submitting its proposal', () => {
  it('sends a complete draft into review and announces it with the chain its programme sets', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());

    const submitted = await bed.submit.execute(BKM, { id: draft.id, version: 1 });

    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      submissionNumber: 1,
      version: 2,
      programVersion: 1,
      requestedAmount: 95_000_000,
    });
    expect(submitted.submittedAt).not.toBeNull();
    const [event] = bed.outbox.ofType(ProposalSubmittedV1);
    expect(event).toMatchObject({
      aggregateId: draft.id,
      actor: BKM,
      payload: {
        proposalId: draft.id,
        programCode: KOTAKU,
        programVersion: 1,
        villageCode: draft.villageCode,
        budgetTotal: 100_000_000,
        selfHelpAmount: 5_000_000,
        requestedAmount: 95_000_000,
        payeeAccount: BALIK_ALAM_ACCOUNT,
        submissionNumber: 1,
        approvalChain: PUBLISHED_KOTAKU.approvalChain,
        reminderSchedule: PUBLISHED_KOTAKU.reminderSchedule,
      },
    });
    expect(await bed.timelineOf(draft.id)).toEqual([
      ['proposal.created', 'DRAFT'],
      ['proposal.submitted', 'SUBMITTED'],
    ]);
    expect(bed.proposals.entries.at(-1)).toMatchObject({ sourceEventId: event.id });
  });

  it('binds a first submission to the programme’s latest published version, not the one it was drafted under', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    bed.programmes.versions.push(kotakuVersion({ version: 2 }));

    const submitted = await bed.submit.execute(BKM, { id: draft.id });

    expect(submitted.programVersion).toBe(2);
    expect(bed.outbox.ofType(ProposalSubmittedV1)[0].payload).toMatchObject({ programVersion: 2 });
  });

  it('resubmits a returned proposal under the version it was first submitted under, as its next submission', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    await bed.submit.execute(BKM, { id: draft.id });
    await bed.moveTo(draft.id, 'RETURNED');
    bed.programmes.versions.push(kotakuVersion({ version: 2, minSelfHelpShareBp: 2000 }));

    const resubmitted = await bed.submit.execute(BKM, { id: draft.id, version: 3 });

    expect(resubmitted).toMatchObject({ status: 'SUBMITTED', submissionNumber: 2, programVersion: 1, version: 4 });
    expect(bed.outbox.ofType(ProposalSubmittedV1).map((e) => e.payload)).toMatchObject([{ submissionNumber: 1 }, { submissionNumber: 2 }]);
    expect((await bed.timelineOf(draft.id)).at(-1)).toEqual(['proposal.resubmitted', 'SUBMITTED']);
  });

  it('announces a resubmission with the account the BKM changed it to, and keeps the account an edit leaves alone', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    await bed.submit.execute(BKM, { id: draft.id });
    await bed.moveTo(draft.id, 'RETURNED');
    const newAccount = { bankName: 'BRI', accountNumber: '002101000123', accountHolder: 'BKM Balik Alam' };

    const edited = await bed.update.execute(BKM, { id: draft.id, version: 3, payeeAccount: newAccount });
    const retitled = await bed.update.execute(BKM, { id: draft.id, version: 4, title: 'Semenisasi Jalan Gang Damai II' });
    await bed.submit.execute(BKM, { id: draft.id, version: 5 });

    expect(edited.payeeAccount).toEqual(newAccount);
    expect(retitled.payeeAccount).toEqual(newAccount);
    expect(bed.outbox.ofType(ProposalSubmittedV1).map((e) => (e.payload as { payeeAccount?: unknown }).payeeAccount)).toEqual([
      BALIK_ALAM_ACCOUNT,
      newAccount,
    ]);
  });

  it('is refused (400) on payeeAccount when the BKM emptied the account', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    await bed.update.execute(BKM, { id: draft.id, version: 1, payeeAccount: null });

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id }));

    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['payeeAccount']);
    expect(bed.outbox.events).toEqual([]);
  });

  it('is refused (400) with every missing part named at once, and stays a draft', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, { programCode: KOTAKU, villageCode: BKM.regionCode, title: 'Drainase RT 05' });

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id }));

    expect(refused.error).toBeInstanceOf(InvalidInputError);
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['description', 'executorGroup', 'category', 'beneficiaries', 'budgetItems', 'payeeAccount']);
    expect(bed.proposals.stored(draft.id)).toMatchObject({ status: 'DRAFT', version: 1, submissionNumber: 0 });
    expect(bed.outbox.events).toEqual([]);
  });

  it('is refused (400) when it asks for more than the programme’s maximum', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(
      BKM,
      kotakuDraft({
        budgetItems: [{ description: 'Jembatan', quantity: 1, unit: 'ls', unitPrice: 600_000_000 }],
        selfHelpAmount: 50_000_000,
      }),
    );

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id }));

    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'requestedAmount',
        reason: expect.stringMatching(/^Rp 550\.000\.000 exceeds the maximum of Rp 500\.000\.000/),
      }),
    ]);
  });

  it('is refused (400) when the swadaya is below the programme’s share', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft({ selfHelpAmount: 1_000_000 }));

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id }));

    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'selfHelpAmount', reason: `swadaya is 1% of the budget total; ${KOTAKU} requires at least 5%` }),
    ]);
  });

  it('is refused (400) from a village the programme does not cover', async () => {
    const bed = proposalsTestBed();
    const outside = bkmOf(OUTSIDE_PILOT_VILLAGE);
    const draft = await bed.create.execute(outside, kotakuDraft({ programCode: BK_DESA, villageCode: OUTSIDE_PILOT_VILLAGE }));

    const refused = await refusalOf(bed.submit.execute(outside, { id: draft.id }));

    expect(fieldsOf(refused)).toEqual(['villageCode']);
    expect(bed.proposals.stored(draft.id)?.status).toBe('DRAFT');
  });

  it('is refused (400) without the documents its programme requires, each named', async () => {
    const bed = proposalsTestBed([
      kotakuVersion({
        requiredDocuments: [
          { kind: 'RAB', required: true },
          { kind: 'DED', required: true },
          { kind: 'SITE_PHOTO', required: false },
        ],
      }),
      PUBLISHED_BK_DESA,
    ]);
    const draft = await bed.create.execute(BKM, kotakuDraft());

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id }));

    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'documents', reason: 'a RAB document is required before submitting' }),
      expect.objectContaining({ field: 'documents', reason: 'a DED document is required before submitting' }),
    ]);
  });

  it('is refused (409) from an older version', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    await bed.update.execute(BKM, { id: draft.id, version: 1, title: 'Judul baru' });

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id, version: 1 }));

    expect(refused.error).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ status: 409, body: { message: 'The proposal changed since version 1: reload it' } });
    expect(bed.proposals.stored(draft.id)?.status).toBe('DRAFT');
  });

  it('is refused (409) a second time: a submitted proposal is in the officials’ hands', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());
    await bed.submit.execute(BKM, { id: draft.id });

    const refused = await refusalOf(bed.submit.execute(BKM, { id: draft.id }));

    expect(refused).toMatchObject({ status: 409, body: { message: 'A proposal in status SUBMITTED cannot become SUBMITTED' } });
    expect(bed.outbox.ofType(ProposalSubmittedV1)).toHaveLength(1);
  });

  it('is refused (403) to an official, and answered 404 to another village’s BKM', async () => {
    const bed = proposalsTestBed();
    const draft = await bed.create.execute(BKM, kotakuDraft());

    const byLurah = await refusalOf(bed.submit.execute(LURAH, { id: draft.id }));
    const byNeighbour = await refusalOf(bed.submit.execute(bkmOf(AIR_JAMBAN), { id: draft.id }));

    expect(byLurah.error).toBeInstanceOf(ForbiddenError);
    expect(byLurah.status).toBe(403);
    expect(byNeighbour.error).toBeInstanceOf(NotFoundError);
    expect(byNeighbour).toMatchObject({ status: 404, body: { message: `No proposal ${draft.id}` } });
    expect(bed.proposals.stored(draft.id)?.status).toBe('DRAFT');
  });
});
