import { FAILURE_WINDOW_SECONDS, loginWaitSeconds } from './login-throttle.policy';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const none = { count: 0, lastAt: 0 };
const failures = (count: number, secondsAgo = 0) => ({ count, lastAt: NOW - secondsAgo * 1000 });

describe('how long a login attempt waits after failures', () => {
  it('lets the first few slips of one account from one address through, then doubles the wait, up to 15 minutes', () => {
    expect(loginWaitSeconds({ pair: failures(4), account: failures(4), address: failures(4) }, NOW)).toBe(0);
    expect(loginWaitSeconds({ pair: failures(5), account: failures(5), address: failures(5) }, NOW)).toBe(1);
    expect(loginWaitSeconds({ pair: failures(8), account: failures(8), address: failures(8) }, NOW)).toBe(8);
    expect(loginWaitSeconds({ pair: failures(25), account: none, address: none }, NOW)).toBe(15 * 60);
    // The wait runs from the last failure.
    expect(loginWaitSeconds({ pair: failures(8, 5), account: none, address: none }, NOW)).toBe(3);
    expect(loginWaitSeconds({ pair: failures(8, 60), account: none, address: none }, NOW)).toBe(0);
  });

  it('keeps the wait of one account guessed from everywhere short, so that its holder is not locked out for long', () => {
    expect(loginWaitSeconds({ pair: none, account: failures(19), address: none }, NOW)).toBe(0);
    expect(loginWaitSeconds({ pair: none, account: failures(200), address: none }, NOW)).toBe(30);
  });

  it('stops an address spraying passwords over many accounts for the whole window', () => {
    expect(loginWaitSeconds({ pair: none, account: none, address: failures(29) }, NOW)).toBe(0);
    expect(loginWaitSeconds({ pair: none, account: none, address: failures(30, 60) }, NOW)).toBe(FAILURE_WINDOW_SECONDS - 60);
  });
});
