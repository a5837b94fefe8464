import type { BankAccount } from '@alur/contracts';

/**
 * The account a demo village's BKM has its grants paid into, at the regional bank, numbered after the village's
 * code: what the benches, the tests and a demo's proposals name.
 */
export function demoPayeeAccount(villageCode: string): BankAccount {
  return { bankName: 'Bank Riau Kepri Syariah', accountNumber: villageCode.replace(/\D/g, ''), accountHolder: `BKM ${villageCode}` };
}
