import { InvalidInputError, RefusalCode } from '@alur/contracts';
import { accountChangeNote } from './release-rules';

describe('an SPM’s account against the one in the proposal', () => {
  const proposals = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
  const another = { ...proposals, accountNumber: '9990001112' };
  const refusalOf = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      return error;
    }
    throw new Error('not refused');
  };

  it('keeps no note for the proposal’s account, however its letters and spaces were typed', () => {
    expect(accountChangeNote(proposals, proposals, undefined)).toBeNull();
    expect(
      accountChangeNote(
        proposals,
        { bankName: ' bank riau  kepri syariah', accountNumber: '1230045678 ', accountHolder: 'BKM BALIK ALAM' },
        undefined,
      ),
    ).toBeNull();
  });

  it('requires a reason for another account, and keeps it', () => {
    const refused = refusalOf(() => accountChangeNote(proposals, another, undefined));
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).errors).toEqual([
      expect.objectContaining({ field: 'accountChangeNote', code: RefusalCode.AccountChangeNoteRequired }),
    ]);
    expect(accountChangeNote(proposals, another, 'Surat BKM 12/XI/2026: rekening baru')).toBe('Surat BKM 12/XI/2026: rekening baru');
    // Another holder's name at the same number is another account too.
    expect(() => accountChangeNote(proposals, { ...proposals, accountHolder: 'Budi' }, undefined)).toThrow(InvalidInputError);
  });

  it('refuses a reason for a change that is none', () => {
    const refused = refusalOf(() => accountChangeNote(proposals, proposals, 'rekening baru'));
    expect((refused as InvalidInputError).errors).toEqual([
      expect.objectContaining({ field: 'accountChangeNote', code: RefusalCode.AccountUnchanged }),
    ]);
  });

  it('has nothing to check a proposal submitted before proposals named an account against', () => {
    expect(accountChangeNote(undefined, another, undefined)).toBeNull();
    expect(accountChangeNote(undefined, another, 'pindah bank')).toBe('pindah bank');
  });
});
