import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError } from '@alur/contracts';
import { refusalOf } from '@alur/testing';
import { AIR_JAMBAN, BKM, bkmOf, kotakuDraft, LURAH, proposalsTestBed } from '../../testing/proposals-test-bed';

// The rules a BKM meets when editing a proposal, against in-memory repositories (see create-proposal.use-case.spec.ts).

async function withDraft() {
  const bed = proposalsTestBed();
  const draft = await bed.create.execute(BKM, kotakuDraft());
  return { bed, draft };
}

describe('a BKM editing its proposal', () => {
  it('changes what the edit names, recomputes the money, and moves the version on', async () => {
    const { bed, draft } = await withDraft();

    const edited = await bed.update.execute(BKM, {
      id: draft.id,
      version: 1,
      title: 'Semenisasi Jalan Gang Damai dan Gang Mawar',
      budgetItems: [{ description: 'Semen 50 kg', quantity: 1000, unit: 'sak', unitPrice: 80_000 }],
      selfHelpAmount: 8_000_000,
    });

    expect(edited).toMatchObject({
      version: 2,
      status: 'DRAFT',
      title: 'Semenisasi Jalan Gang Damai dan Gang Mawar',
      // What the edit did not name stays as it was.
      description: draft.description,
      executorGroup: draft.executorGroup,
      beneficiaries: draft.beneficiaries,
      budgetTotal: 80_000_000,
      selfHelpAmount: 8_000_000,
      requestedAmount: 72_000_000,
      selfHelpShareBp: 1000,
      budgetItems: [{ description: 'Semen 50 kg', quantity: 1000, unit: 'sak', unitPrice: 80_000, amount: 80_000_000 }],
    });
    expect(await bed.timelineOf(draft.id)).toEqual([
      ['proposal.created', 'DRAFT'],
      ['proposal.updated', null],
    ]);
    const [, updated] = bed.audit.records;
    expect(updated).toMatchObject({ action: 'proposal.updated', before: { version: 1, budgetTotal: 100_000_000 }, after: edited });
  });

  it('keeps the RAB when only the swadaya changes, and recomputes the share from it', async () => {
    const { bed, draft } = await withDraft();

    const edited = await bed.update.execute(BKM, { id: draft.id, version: 1, selfHelpAmount: 20_000_000 });

    expect(edited).toMatchObject({ budgetTotal: 100_000_000, requestedAmount: 80_000_000, selfHelpShareBp: 2000 });
    expect(edited.budgetItems).toEqual(draft.budgetItems);
  });

  it('edits a proposal the review returned to the BKM', async () => {
    const { bed, draft } = await withDraft();
    await bed.submit.execute(BKM, { id: draft.id });
    await bed.moveTo(draft.id, 'RETURNED');

    const edited = await bed.update.execute(BKM, { id: draft.id, version: 3, description: 'Dengan saluran air di kedua sisi' });

    expect(edited).toMatchObject({ status: 'RETURNED', version: 4, description: 'Dengan saluran air di kedua sisi' });
  });

  it('is refused (409) when made from an older version, rather than overwriting the newer one', async () => {
    const { bed, draft } = await withDraft();
    await bed.update.execute(BKM, { id: draft.id, version: 1, title: 'Judul dari tab pertama' });

    const refused = await refusalOf(bed.update.execute(BKM, { id: draft.id, version: 1, title: 'Judul dari tab kedua' }));

    expect(refused.error).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({
      status: 409,
      body: { message: 'The proposal changed since version 1 (it is now version 2): reload it' },
    });
    expect(bed.proposals.stored(draft.id)).toMatchObject({ title: 'Judul dari tab pertama', version: 2 });
  });

  it.each(['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const)(
    'is refused (409) once the proposal is %s: only a DRAFT or RETURNED one is the BKM’s to change',
    async (status) => {
      const { bed, draft } = await withDraft();
      await bed.moveTo(draft.id, status);

      const refused = await refusalOf(bed.update.execute(BKM, { id: draft.id, version: 2, title: 'Terlambat' }));

      expect(refused.error).toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({
        status: 409,
        body: { message: `A proposal in status ${status} cannot be edited; only DRAFT or RETURNED` },
      });
      expect(bed.proposals.stored(draft.id)).toMatchObject({ title: draft.title, version: 2 });
    },
  );

  it('is refused (400) when the swadaya would exceed the budget total, and nothing changes', async () => {
    const { bed, draft } = await withDraft();

    const refused = await refusalOf(bed.update.execute(BKM, { id: draft.id, version: 1, selfHelpAmount: 150_000_000 }));

    expect(refused).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'selfHelpAmount', reason: 'swadaya cannot exceed the budget total' })] },
    });
    expect(bed.proposals.stored(draft.id)).toMatchObject({ version: 1, selfHelpAmount: 5_000_000 });
    expect(await bed.timelineOf(draft.id)).toEqual([['proposal.created', 'DRAFT']]);
  });

  it('is refused (403) to an official of the village, who may read it but not write it', async () => {
    const { bed, draft } = await withDraft();

    const refused = await refusalOf(bed.update.execute(LURAH, { id: draft.id, version: 1, title: 'Diubah lurah' }));

    expect(refused.error).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ status: 403, body: { message: 'Only BKM may do this' } });
  });

  it('answers another village’s BKM as if the proposal did not exist (404)', async () => {
    const { bed, draft } = await withDraft();

    const refused = await refusalOf(bed.update.execute(bkmOf(AIR_JAMBAN), { id: draft.id, version: 1, title: 'Bukan milik kami' }));

    expect(refused.error).toBeInstanceOf(NotFoundError);
    expect(refused).toMatchObject({ status: 404, body: { message: `No proposal ${draft.id}` } });
    expect(bed.proposals.stored(draft.id)).toMatchObject({ title: draft.title, version: 1 });
  });

  it('answers 404 for a proposal that does not exist', async () => {
    const { bed } = await withDraft();
    const id = randomUUID();

    const refused = await refusalOf(bed.update.execute(BKM, { id, version: 1, title: 'Tidak ada' }));

    expect(refused).toMatchObject({ status: 404, body: { message: `No proposal ${id}` } });
  });
});
