import { BankAccountInput, sameBankAccount } from '@alur/contracts';
import { MESSAGES } from '../i18n/messages';
import { accountLine, accountTextOf, isBlankAccount, typedAccount } from './bank-account';

describe('a bank account as a form holds it and sends it', () => {
  const onRecord = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };

  it('sends the number as the API takes it, without the dots, spaces and dashes a passbook groups digits with', () => {
    const typed = typedAccount({ bankName: ' Bank Riau Kepri Syariah ', accountNumber: '123.0045-678 ', accountHolder: 'BKM Balik Alam ' });
    expect(typed).toEqual(onRecord);
    expect(BankAccountInput.safeParse(typed).success).toBe(true);
    // So it is the account on record, and the SPM form asks for no reason.
    expect(sameBankAccount(typed, onRecord)).toBe(true);
    // Letters stay as typed: the API names the field rather than the console guessing a number.
    expect(typedAccount({ ...accountTextOf(onRecord), accountNumber: '12300O5678' }).accountNumber).toBe('12300O5678');
  });

  it('fills the fields from an account, or leaves them empty, and knows an account nobody typed', () => {
    expect(accountTextOf(onRecord)).toEqual(onRecord);
    expect(isBlankAccount(accountTextOf(null))).toBe(true);
    expect(isBlankAccount({ bankName: ' ', accountNumber: '', accountHolder: '' })).toBe(true);
    expect(isBlankAccount({ bankName: '', accountNumber: '', accountHolder: 'BKM Balik Alam' })).toBe(false);
  });

  it('writes an account in one line, in the reader’s language', () => {
    expect(accountLine(MESSAGES.id, onRecord)).toBe('Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam');
    expect(accountLine(MESSAGES.en, onRecord)).toBe('Bank Riau Kepri Syariah 1230045678, BKM Balik Alam');
  });
});
