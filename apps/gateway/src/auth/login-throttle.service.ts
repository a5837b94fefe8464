import { HttpException, HttpStatus, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_ENV, BaseEnv, redisOptionsOf } from '@alur/config';

/** Failures are remembered this long after the last one. */
const WINDOW_SECONDS = 15 * 60;
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

interface Failures {
  count: number;
  lastAt: number;
}

function waitSeconds(failures: Failures, free: number, maxDelay: number, now: number): number {
  if (failures.count < free) return 0;
  const delay = Math.min(maxDelay, 2 ** (failures.count - free));
  return Math.max(0, Math.ceil(failures.lastAt / 1000 + delay - now / 1000));
}

/**
 * Login throttling kept in Redis, so that every gateway replica counts the same failures: per
 * account and client address with growing delays, per account with short ones, and per address.
 * Only failures count; a successful login clears its account's counts.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_ENV) env: BaseEnv) {
    this.redis = new Redis(redisOptionsOf(env, { lazyConnect: true, maxRetriesPerRequest: 2 }));
    this.prefix = `${env.QUEUE_PREFIX}:login-failures`;
  }

  /** 429 with the seconds to wait when this attempt must not even be checked. */
  async admit(username: string, address: string, now = Date.now()): Promise<void> {
    const [pair, account, fromAddress] = await Promise.all([
      this.read(this.pairKey(username, address)),
      this.read(this.accountKey(username)),
      this.read(this.addressKey(address)),
    ]);
    const wait = Math.max(
      waitSeconds(pair, ACCOUNT_ADDRESS_FREE_FAILURES, ACCOUNT_ADDRESS_MAX_DELAY_SECONDS, now),
      waitSeconds(account, ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_SECONDS, now),
      fromAddress.count >= ADDRESS_MAX_FAILURES ? Math.ceil(fromAddress.lastAt / 1000 + WINDOW_SECONDS - now / 1000) : 0,
    );
    if (wait > 0) {
      throw new HttpException(
        { statusCode: 429, message: `Too many failed logins: wait ${wait} seconds and try again`, retryAfterSeconds: wait },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  async failed(username: string, address: string, now = Date.now()): Promise<void> {
    const multi = this.redis.multi();
    for (const key of [this.pairKey(username, address), this.accountKey(username), this.addressKey(address)]) {
      multi.hincrby(key, 'count', 1).hset(key, 'lastAt', now).expire(key, WINDOW_SECONDS);
    }
    await multi.exec();
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.redis.del(this.pairKey(username, address), this.accountKey(username));
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }

  private async read(key: string): Promise<Failures> {
    const [count, lastAt] = await this.redis.hmget(key, 'count', 'lastAt');
    return { count: Number(count ?? 0), lastAt: Number(lastAt ?? 0) };
  }

  private pairKey(username: string, address: string): string {
    return `${this.prefix}:pair:${username}|${address}`;
  }

  private accountKey(username: string): string {
    return `${this.prefix}:account:${username}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:address:${address}`;
  }
}
