/** Failures are remembered this long after the last one. */
export const FAILURE_WINDOW_SECONDS = 15 * 60;
/** One account from one address: a few slips are free, then each failure doubles the wait, up to 15 minutes. */
const ACCOUNT_ADDRESS_FREE_FAILURES = 5;
const ACCOUNT_ADDRESS_MAX_DELAY_SECONDS = 15 * 60;
/**
 * One account from everywhere (guessing spread over many addresses): more slips are free, and the
 * wait stays short, so that an attacker cannot lock the real holder (the BPKAD) out for long.
 */
const ACCOUNT_FREE_FAILURES = 20;
const ACCOUNT_MAX_DELAY_SECONDS = 30;
/** One address over every account: spraying one password across the predictable usernames stops here. */
const ADDRESS_MAX_FAILURES = 30;

/** The failed logins counted under one key, and when (ms since the epoch) the last one was. */
export interface Failures {
  count: number;
  lastAt: number;
}

/** The failures counted for one attempt: of this account from this address, of this account, and from this address. */
export interface LoginFailures {
  pair: Failures;
  account: Failures;
  address: Failures;
}

function waitSeconds(failures: Failures, free: number, maxDelay: number, now: number): number {
  if (failures.count < free) return 0;
  const delay = Math.min(maxDelay, 2 ** (failures.count - free));
  return Math.max(0, Math.ceil(failures.lastAt / 1000 + delay - now / 1000));
}

/** How many seconds this attempt must wait before it is even checked; 0 when it may go ahead. */
export function loginWaitSeconds({ pair, account, address }: LoginFailures, now: number): number {
  return Math.max(
    waitSeconds(pair, ACCOUNT_ADDRESS_FREE_FAILURES, ACCOUNT_ADDRESS_MAX_DELAY_SECONDS, now),
    waitSeconds(account, ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_SECONDS, now),
    address.count >= ADDRESS_MAX_FAILURES ? Math.ceil(address.lastAt / 1000 + FAILURE_WINDOW_SECONDS - now / 1000) : 0,
  );
}
