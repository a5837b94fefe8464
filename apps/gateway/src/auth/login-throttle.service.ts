import { HttpException, HttpStatus, Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_ENV, BaseEnv, redisOptionsOf } from '@alur/config';
import { Failures, FAILURE_WINDOW_SECONDS, loginWaitSeconds } from './domain/login-throttle.policy';

/** The time (ms since the epoch) the throttle counts failures and waits by. */
export type LoginThrottleClock = () => number;
/** Provides the throttle's clock: nothing in production (the wall clock, Date.now); a test's own, to move time itself. */
export const LOGIN_THROTTLE_CLOCK = Symbol('LOGIN_THROTTLE_CLOCK');

/**
 * Login throttling kept in Redis, so that every gateway replica counts the same failures: per
 * account and client address with growing delays, per account with short ones, and per address.
 * Only failures count; a successful login clears its account's counts.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    @Inject(APP_ENV) env: BaseEnv,
    @Optional() @Inject(LOGIN_THROTTLE_CLOCK) private readonly clock: LoginThrottleClock = Date.now,
  ) {
    this.redis = new Redis(redisOptionsOf(env, { lazyConnect: true, maxRetriesPerRequest: 2 }));
    this.prefix = `${env.QUEUE_PREFIX}:login-failures`;
  }

  /** 429 with the seconds to wait when this attempt must not even be checked. */
  async admit(username: string, address: string, now = this.clock()): Promise<void> {
    const [pair, account, fromAddress] = await Promise.all([
      this.read(this.pairKey(username, address)),
      this.read(this.accountKey(username)),
      this.read(this.addressKey(address)),
    ]);
    const wait = loginWaitSeconds({ pair, account, address: fromAddress }, now);
    if (wait > 0) {
      throw new HttpException(
        {
          statusCode: 429,
          message: `Too many failed logins: wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again`,
          retryAfterSeconds: wait,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  async failed(username: string, address: string, now = this.clock()): Promise<void> {
    const multi = this.redis.multi();
    for (const key of [this.pairKey(username, address), this.accountKey(username), this.addressKey(address)]) {
      multi.hincrby(key, 'count', 1).hset(key, 'lastAt', now).expire(key, FAILURE_WINDOW_SECONDS);
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
