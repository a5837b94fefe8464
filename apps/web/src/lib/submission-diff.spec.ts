import { diffSubmissions, isUnchanged, SubmissionContent } from './submission-diff';

const first: SubmissionContent = {
  title: 'Semenisasi Jalan Gang Damai',
  category: 'INFRASTRUCTURE',
  description: 'Pengecoran 400 m.',
  executorGroup: 'KSM Maju',
  beneficiaries: { households: 120, poorHouseholds: 45 },
  budgetItems: [
    { description: 'Semen 50 kg', quantity: 400, unit: 'sak', unitPrice: 75_000, amount: 30_000_000 },
    { description: 'Pasir cor', quantity: 12.5, unit: 'm3', unitPrice: 250_000, amount: 3_125_000 },
    { description: 'Upah tukang', quantity: 60, unit: 'HOK', unitPrice: 150_000, amount: 9_000_000 },
  ],
  budgetTotal: 42_125_000,
  selfHelpAmount: 2_200_000,
  requestedAmount: 39_925_000,
  documents: [{ url: '/api/v1/uploads/documents/a', name: 'DED.pdf', kind: 'DED' }],
  payeeAccount: { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' },
};

describe('what changed since the previous submission', () => {
  it('finds nothing when the proposal was submitted again as it was', () => {
    expect(isUnchanged(diffSubmissions(first, structuredClone(first)))).toBe(true);
  });

  it('names changed fields and amounts, RAB lines added, removed and changed, and documents added and removed', () => {
    const second: SubmissionContent = {
      ...first,
      title: 'Semenisasi Jalan Gang Damai RT 03',
      budgetItems: [
        { description: 'semen 50 kg', quantity: 380, unit: 'sak', unitPrice: 75_000, amount: 28_500_000 },
        { description: 'Upah tukang', quantity: 60, unit: 'HOK', unitPrice: 150_000, amount: 9_000_000 },
        { description: 'Besi beton', quantity: 20, unit: 'batang', unitPrice: 90_000, amount: 1_800_000 },
      ],
      budgetTotal: 39_300_000,
      selfHelpAmount: 2_000_000,
      requestedAmount: 37_300_000,
      documents: [{ url: '/api/v1/uploads/documents/b', name: 'RAB.pdf', kind: 'RAB' }],
    };
    const diff = diffSubmissions(first, second);
    expect(diff.texts).toEqual([{ field: 'title', before: first.title, after: second.title }]);
    expect(diff.amounts).toEqual([
      { field: 'budgetTotal', before: 42_125_000, after: 39_300_000 },
      { field: 'selfHelpAmount', before: 2_200_000, after: 2_000_000 },
      { field: 'requestedAmount', before: 39_925_000, after: 37_300_000 },
    ]);
    expect(diff.budgetLines.added.map((l) => l.description)).toEqual(['Besi beton']);
    expect(diff.budgetLines.removed.map((l) => l.description)).toEqual(['Pasir cor']);
    expect(diff.budgetLines.changed).toEqual([{ before: first.budgetItems[0], after: second.budgetItems[0] }]);
    expect(diff.documents.added.map((d) => d.name)).toEqual(['RAB.pdf']);
    expect(diff.documents.removed.map((d) => d.name)).toEqual(['DED.pdf']);
    expect(diff.payeeAccount).toBeNull();
    expect(isUnchanged(diff)).toBe(false);
  });

  it('flags another payee account, even when nothing else changed: the grant would be paid elsewhere', () => {
    const elsewhere = { bankName: 'Bank Rakyat Indonesia', accountNumber: '0021019876543', accountHolder: 'Sdr. Amri' };
    const diff = diffSubmissions(first, { ...first, payeeAccount: elsewhere });
    expect(diff.payeeAccount).toEqual({ before: first.payeeAccount, after: elsewhere });
    expect(isUnchanged(diff)).toBe(false);
    // One digit is another account.
    const oneDigit = { ...first.payeeAccount!, accountNumber: '1230045679' };
    expect(diffSubmissions(first, { ...first, payeeAccount: oneDigit }).payeeAccount).toEqual({
      before: first.payeeAccount,
      after: oneDigit,
    });
  });

  it('flags an account named where the previous submission had none, and not the same account typed in other letters or spacing', () => {
    // A submission made before proposals named an account carries none.
    expect(diffSubmissions({ ...first, payeeAccount: null }, first).payeeAccount).toEqual({ before: null, after: first.payeeAccount });
    const retyped = { bankName: 'bank riau  kepri syariah', accountNumber: '1230045678', accountHolder: 'BKM BALIK ALAM ' };
    const diff = diffSubmissions(first, { ...first, payeeAccount: retyped });
    expect(diff.payeeAccount).toBeNull();
    expect(isUnchanged(diff)).toBe(true);
  });

  it('matches lines of the same description in order, so a duplicated line reads as one added', () => {
    const line = first.budgetItems[2];
    const diff = diffSubmissions(first, { ...first, budgetItems: [...first.budgetItems, line] });
    expect(diff.budgetLines).toEqual({ added: [line], removed: [], changed: [] });
  });
});
