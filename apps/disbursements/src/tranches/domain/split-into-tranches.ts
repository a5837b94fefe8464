import { Tranche } from '@alur/contracts';

export interface TrancheShare {
  number: number;
  shareBp: number;
  unlockProgressPercent: number;
  amount: number;
}

const WHOLE_BP = 10_000n;

/**
 * Splits a committed amount by the programme's tranche plan (shares in basis points): every tranche
 * but the last gets the floor of its share, the last gets what remains, so the sum is the amount
 * exactly. BigInt inside, since amount × basis points can pass 2^53.
 */
export function splitIntoTranches(amount: number, plan: readonly Tranche[]): TrancheShare[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Not a whole-rupiah amount: ${amount}`);
  if (plan.length === 0) throw new RangeError('A tranche plan needs at least one tranche');
  const totalBp = plan.reduce((sum, t) => sum + t.shareBp, 0);
  if (totalBp !== 10_000) throw new RangeError(`Tranche shares sum to ${totalBp} bp, not 10000`);
  const whole = BigInt(amount);
  let allotted = 0n;
  return plan.map((tranche, i) => {
    const isLast = i === plan.length - 1;
    const share = isLast ? whole - allotted : (whole * BigInt(tranche.shareBp)) / WHOLE_BP;
    allotted += share;
    return { number: i + 1, shareBp: tranche.shareBp, unlockProgressPercent: tranche.unlockProgressPercent, amount: Number(share) };
  });
}
