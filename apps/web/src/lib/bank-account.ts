import type { BankAccount } from '@alur/contracts';
import type { Messages } from '../i18n/messages';

/** A bank account as a form's three fields hold it, as typed. */
export interface BankAccountText {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}

/** The fields of an account, in the order a form shows them. */
export const ACCOUNT_PARTS = ['bankName', 'accountNumber', 'accountHolder'] as const satisfies ReadonlyArray<keyof BankAccountText>;

/** An account's fields to fill a form with; empty ones for none. */
export function accountTextOf(account: BankAccount | null | undefined): BankAccountText {
  return { bankName: account?.bankName ?? '', accountNumber: account?.accountNumber ?? '', accountHolder: account?.accountHolder ?? '' };
}

/** Nothing typed in any of the three fields. */
export function isBlankAccount(text: BankAccountText): boolean {
  return ACCOUNT_PARTS.every((part) => text[part].trim() === '');
}

/**
 * The account as a form sends it: trimmed, and the number without the spaces, dots and dashes a passbook
 * groups its digits with (`123.0045.678`), which the API would refuse; anything else is sent as typed, so
 * that the API names the field.
 */
export function typedAccount(text: BankAccountText): BankAccount {
  return {
    bankName: text.bankName.trim(),
    accountNumber: text.accountNumber.replace(/[\s.-]/g, ''),
    accountHolder: text.accountHolder.trim(),
  };
}

/** One account in a line, in the reader's language: `Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam`. */
export function accountLine(t: Messages, account: BankAccount): string {
  return t.bankAccountLine(account.bankName, account.accountNumber, account.accountHolder);
}
