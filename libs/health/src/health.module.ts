import { Controller, DynamicModule, Get, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { APP_ENV, BaseEnv, redisOptionsOf } from '@alur/config';
import { NatsClients, SpineHealth } from '@alur/messaging';

const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
interface HealthOptions {
  redis: boolean;
}

/** A lazily opened Redis connection used only to answer health checks. */
@Injectable()
class RedisProbe implements OnApplicationShutdown {
  private client?: Redis;
  constructor(@Inject(APP_ENV) private readonly env: BaseEnv) {}

  async ping(): Promise<void> {
    this.client ??= new Redis(redisOptionsOf(this.env, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }));
    if (this.client.status === 'wait') await this.client.connect();
    await this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }
}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly nats: NatsClients,
    private readonly redis: RedisProbe,
    private readonly spine: SpineHealth,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    const timeout = this.env.HEALTH_CHECK_TIMEOUT_MS;
    const checks: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('database', { timeout }),
      () =>
        this.indicators
          .check('nats')
          .attempt(async () => {
            if (this.nats.nc.isClosed()) throw new Error('connection closed');
            return { rttMs: await this.nats.nc.rtt() };
          })
          .withTimeout(timeout),
    ];
    // The event spine: down when the service cannot receive events; degraded (still up, with figures and
    // reasons) for dead letters, parked aggregates, a backlog or lag that an operator must look at.
    checks.push(() =>
      this.indicators
        .check('spine')
        .attempt(async () => {
          const figures = await this.spine.figures();
          if (figures.state === 'down') throw Object.assign(new Error(figures.reasons.join('; ')), { figures });
          return { ...figures };
        })
        .withTimeout(2 * timeout)
        .cacheFor(1000),
    );
    if (this.options.redis) {
      checks.push(() =>
        this.indicators
          .check('redis')
          .attempt(() => this.redis.ping())
          .withTimeout(timeout),
      );
    }
    return this.health.check(checks);
  }
}

/** `GET /health`: the service's database, NATS and (where it uses it) Redis; 503 when one is down. */
@Module({})
export class HealthModule {
  static forService(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [RedisProbe, { provide: HEALTH_OPTIONS, useValue: options }],
    };
  }
}
