import { ThrottlerModuleOptions } from '@nestjs/throttler';

export const LOGIN_THROTTLER = 'login';
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/**
 * Login attempts per client address and username: guessing one account's password is slowed to
 * ten tries a minute, while colleagues behind the same office address can still log in.
 * Counted in this process's memory; several gateway replicas would need a shared (Redis) store.
 */
export const loginThrottleOptions: ThrottlerModuleOptions = {
  errorMessage: 'Too many login attempts: wait a minute and try again',
  throttlers: [
    {
      name: LOGIN_THROTTLER,
      ttl: 60_000,
      limit: LOGIN_ATTEMPTS_PER_MINUTE,
      getTracker: (req) => {
        const username = typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase() : '';
        return `${req.ip}|${username}`;
      },
    },
  ],
};
