import { z } from 'zod';
import { text } from '../requests/request-fields';

/** A bank account money is paid into (the BKM's), as the proposal or an SPM names it. */
export const BankAccountSchema = z.object({
  bankName: z.string().min(1),
  accountNumber: z.string().min(1),
  accountHolder: z.string().min(1),
});
export type BankAccount = z.infer<typeof BankAccountSchema>;

/** A bank account as a person types it: the BKM in its proposal, BPKAD in an SPM. */
export const BankAccountInput = z.strictObject({
  bankName: text(100),
  accountNumber: z.string().regex(/^\d{5,30}$/, { message: 'must be 5 to 30 digits' }),
  accountHolder: text(200),
});

const plain = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Whether two accounts are the same one: the same number at the same bank in the same name, whatever the
 * letter case or spacing a person typed them with.
 */
export function sameBankAccount(a: BankAccount, b: BankAccount): boolean {
  return (
    a.accountNumber.trim() === b.accountNumber.trim() &&
    plain(a.bankName) === plain(b.bankName) &&
    plain(a.accountHolder) === plain(b.accountHolder)
  );
}
