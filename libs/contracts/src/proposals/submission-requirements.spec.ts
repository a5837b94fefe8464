import { RefusalCode } from '../errors/refusal-code';
import { missingForSubmission } from './submission-requirements';

describe('what a proposal must have filled in before it is submitted', () => {
  const complete = {
    title: 'Semenisasi Jalan Gang Damai',
    description: 'Jalan lingkungan 200 m',
    executorGroup: 'KSM Maju Bersama',
    category: 'INFRASTRUCTURE',
    beneficiaries: { households: 120, poorHouseholds: 45 },
    budgetItems: [{ description: 'Semen', unit: 'sak' }],
    payeeAccount: { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' },
  };

  it('names nothing for a proposal with every field filled in', () => {
    expect(missingForSubmission(complete)).toEqual([]);
  });

  it('names every missing field at once, in the order of the form, as the API refuses them', () => {
    const required = (field: string) => ({ field, reason: 'is required before submission', code: RefusalCode.Required });
    const everyField = [
      required('title'),
      required('description'),
      required('executorGroup'),
      required('category'),
      required('beneficiaries'),
      { field: 'budgetItems', reason: 'needs at least one budget line (RAB)', code: RefusalCode.BudgetLineRequired },
      { field: 'payeeAccount', reason: 'is required before submission: the account the grant is paid into', code: RefusalCode.Required },
    ];
    // As stored (null), and as an empty form sends it (absent), blank text counting as none.
    expect(
      missingForSubmission({
        title: ' ',
        description: null,
        executorGroup: null,
        category: null,
        beneficiaries: null,
        budgetItems: [],
        payeeAccount: null,
      }),
    ).toEqual(everyField);
    expect(missingForSubmission({ title: '' })).toEqual(everyField);
  });

  it('names each budget line without a description or a unit', () => {
    const lines = [
      { description: 'Semen', unit: 'sak' },
      { description: ' ', unit: '' },
      { description: 'Pasir', unit: undefined },
    ];
    expect(missingForSubmission({ ...complete, budgetItems: lines })).toEqual([
      { field: 'budgetItems.1.description', reason: 'is required', code: RefusalCode.Required },
      { field: 'budgetItems.1.unit', reason: 'is required', code: RefusalCode.Required },
      { field: 'budgetItems.2.unit', reason: 'is required', code: RefusalCode.Required },
    ]);
  });
});
