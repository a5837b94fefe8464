import { z } from 'zod';
import { isTimeZone } from '@alur/contracts';

/** The five services and the port each listens on unless told otherwise. */
export const SERVICE_PORTS = {
  gateway: 3000,
  proposals: 3001,
  approvals: 3002,
  disbursements: 3003,
  notifications: 3004,
} as const;
export type ServiceName = keyof typeof SERVICE_PORTS;

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');
const url = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );
/** Names used for schemas, streams and queue prefixes: kept to characters all three accept. */
const identifier = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^[A-Za-z0-9_]+$/.test(v), 'may hold only letters, digits and _');

/** `host:port` (a bracketed IPv6 host allowed), or undefined when it is not one. */
export function parseHostPort(entry: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/.exec(entry);
  const port = match ? Number(match[2]) : 0;
  if (!match || port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** Known to everyone who reads this code: used only when NODE_ENV is test. */
const TEST_JWT_SECRET = 'alur-test-jwt-secret-known-to-everyone-who-reads-this';
/** Where `npm start` keeps the secrets it generates once per machine (git-ignored). */
export const LOCAL_SECRETS_FILE = '.alur/secrets.env';

/** Environment every service reads. Defaults work on a developer machine with local servers. */
export const baseEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HTTP_HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/alur'),
    /**
     * Prepare each parameterised statement once per connection, so PostgreSQL skips parsing and planning it
     * again; off for a connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
     */
    DB_PREPARED_STATEMENTS: bool(true),
    /** Connections each replica's pool may open: PostgreSQL's max_connections must exceed replicas × this, summed over the services. */
    DB_POOL_SIZE: int(10, 1),
    /**
     * How long a pooled connection may sit idle before it is closed; 0 keeps them open. A new connection costs
     * PostgreSQL a backend to start and its caches and prepared statements to fill again, and load at people's
     * pace comes in bursts: pg's own 10 s closed and reopened connections all through a steady load.
     */
    DB_POOL_IDLE_TIMEOUT_MS: int(300_000, 0),
    /** Prepended to each service's schema name, so that test runs cannot see each other. */
    DB_SCHEMA_PREFIX: z
      .string()
      .default('')
      .refine((v) => /^[a-z0-9_]*$/.test(v), 'may hold only a-z, 0-9 and _'),
    NATS_URL: url(['nats:', 'tls:'], 'nats://127.0.0.1:4222'),
    NATS_STREAM: identifier('ALUR'),
    NATS_SUBJECT_PREFIX: identifier('alur'),
    /**
     * The service's own NATS user and password (`authorization.users` of the server's configuration,
     * which grants each user only its subjects); both or neither. Unset, it connects without credentials.
     */
    NATS_USER: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'must be a NATS user name (letters, digits, - and _)')
      .optional(),
    NATS_PASSWORD: z.string().min(1).optional(),
    REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    /**
     * Redis through Sentinel: the sentinels' `host:port`, comma-separated. Set, the services ask them for
     * the master named REDIS_SENTINEL_NAME (and follow a failover); REDIS_URL then gives only the master's
     * user, password, database and TLS, not its address.
     */
    REDIS_SENTINELS: z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || v.split(',').every((entry) => parseHostPort(entry.trim()) !== undefined),
        'must be host:port[,host:port...]',
      ),
    REDIS_SENTINEL_NAME: z.string().min(1).optional(),
    /** The sentinels' own password (`requirepass` of sentinel.conf), when they have one. */
    REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
    QUEUE_PREFIX: identifier('alur'),
    /** The regency's time zone (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura): working days, deadlines, messages, the console. */
    TIMEZONE: z.string().default('Asia/Jakarta').refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Jakarta or Asia/Makassar'),
    /**
     * Scaled clock for tests and demos: one working day (hari kerja) lasts this many seconds of real
     * time, and weekends and holidays do not apply. 0 (the default) is the real calendar.
     */
    APPROVALS_WORKING_DAY_SECONDS: z.coerce.number().min(0).default(0),
    /** How often the approvals service recreates stage timers that Redis lost. */
    APPROVALS_RECONCILE_SECONDS: z.coerce.number().min(1).default(60),
    /**
     * The longest period of one Plt/Plh appointment, in days. 90 by default: a Plh or Plt serves up to
     * three months at a time (BKN circular 1/SE/I/2021), after which a new appointment is made.
     */
    ACTING_APPOINTMENT_MAX_DAYS: int(90, 1),
    /** A progress photo whose EXIF position lies farther than this from its village's location is flagged to the verifier. */
    PHOTO_MAX_DISTANCE_KM: z.coerce.number().positive().default(25),
    /** A progress photo captured (EXIF time) more than this many days before its report is flagged to the verifier. */
    PHOTO_MAX_AGE_DAYS: int(30, 1),
    RPC_TIMEOUT_MS: int(5000, 100),
    OUTBOX_RELAY_ENABLED: bool(true),
    OUTBOX_POLL_INTERVAL_MS: int(1000, 10),
    OUTBOX_BATCH_SIZE: int(500, 1),
    /**
     * A relay drain starts up to this many ms after the one before, so that one drain (one commit, one burst
     * for the consumers) carries the events of several changes; an event committed after a quiet spell goes
     * at once. Shorter when events come fast enough to fill a drain sooner (DrainPace). 0 drains at every
     * wake-up.
     */
    OUTBOX_DRAIN_SPACING_MS: int(50, 0),
    /** Published events stay this long so that an operator can re-publish them (JetStream may lose acked data on an OS crash). */
    OUTBOX_RETENTION_HOURS: int(168, 1),
    /** A failing event is dead-lettered only once it has failed this many times AND kept failing for CONSUMER_RETRY_PERIOD_MS. */
    CONSUMER_MAX_ATTEMPTS: int(5, 1),
    CONSUMER_RETRY_PERIOD_MS: int(6 * 60 * 60 * 1000),
    CONSUMER_RETRY_BASE_MS: int(1000, 1),
    /** The back-off between attempts grows up to this cap. */
    CONSUMER_RETRY_MAX_MS: int(5 * 60 * 1000, 1),
    /** An event waiting for something that comes by itself (EventNotReadyError) waits this long before it is dead-lettered. */
    CONSUMER_WAIT_LIMIT_MS: int(24 * 60 * 60 * 1000, 1),
    CONSUMER_ACK_WAIT_MS: int(30000, 100),
    CONSUMER_CONCURRENCY: int(64, 1),
    /**
     * At most this many events in one consumer transaction (runs of one aggregate and several aggregates); a failed batch is
     * redone event by event. 64 moved bench:events' saturated durable path from 1,690 to 1,895 events/s, but longer batches
     * widen races between aggregates' events, handled concurrently (README, session 17): 16 until every handler that reads
     * what other aggregates' events bring waits for them as notifications' recipients now do.
     */
    CONSUMER_BATCH_SIZE: int(16, 1),
    /**
     * Events received in order take effect in the transaction that stores them, if their handlers finish within
     * this many ms (past it the batch is stored on its own and handled later); 0 stores and handles apart.
     */
    CONSUMER_HANDLE_ON_RECEIPT_MS: int(1000, 0),
    /** Handled events are remembered this long (at least the stream's 30 days), so a redelivery or re-publish never applies twice. */
    INBOX_RETENTION_HOURS: int(31 * 24, 1),
    /** /health reports the spine degraded past these: unpublished outbox rows older than this, or this many events waiting to be handled. */
    HEALTH_OUTBOX_MAX_AGE_SECONDS: int(60, 1),
    HEALTH_CONSUMER_MAX_LAG: int(1000, 1),
    /**
     * How long `/health` waits for one dependency (database, NATS, Redis) before calling it down; the spine's
     * figures, a few queries, get twice this.
     */
    HEALTH_CHECK_TIMEOUT_MS: int(1500, 100),
    GATEWAY_PORT: int(SERVICE_PORTS.gateway),
    /**
     * Reverse proxies in front of the gateway (an ingress, a load balancer) whose X-Forwarded-For it believes: the
     * client's address (login throttling, the audit trail) is the one the outermost of them saw. 0 (no proxy) reads
     * the connection's own address and ignores the header, which a client could otherwise write to be anyone.
     */
    GATEWAY_TRUSTED_PROXY_HOPS: int(0, 0),
    PROPOSALS_PORT: int(SERVICE_PORTS.proposals),
    APPROVALS_PORT: int(SERVICE_PORTS.approvals),
    DISBURSEMENTS_PORT: int(SERVICE_PORTS.disbursements),
    NOTIFICATIONS_PORT: int(SERVICE_PORTS.notifications),
    /** Signs the gateway's access tokens (HS256). Only tests have a default; `npm start` generates one per machine. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * Signs the gateway's per-request caller assertions that the services verify. Unset, it is derived
     * from JWT_SECRET (HKDF); set it apart so that a service never needs the key that signs user tokens.
     */
    RPC_ASSERTION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL_SECONDS: int(3600, 60),
    /** Notifications: e-mail through SMTP (the local mail catcher by default), SMS/WhatsApp off unless a gateway URL is set. */
    SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Alur <no-reply@alur.local>'),
    SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
    SMS_GATEWAY_SECRET: z.string().min(1).optional(),
    /** Links in messages point into the web console, e.g. `<WEB_CONSOLE_URL>/proposals/<id>`. */
    WEB_CONSOLE_URL: url(['http:', 'https:'], 'http://127.0.0.1:3000'),
    NOTIFICATIONS_MAX_ATTEMPTS: int(5, 1),
    NOTIFICATIONS_RETRY_BASE_MS: int(30_000, 1),
    /**
     * How often the notifications service puts back on the queue a delivery whose job Redis lost (or a
     * worker killed between its commit and its enqueue never added): one still queued after twice this.
     */
    NOTIFICATIONS_RECONCILE_SECONDS: int(30, 1),
    /** Local hour (in TIMEZONE) at which officials who chose a digest receive the day's reminders. */
    NOTIFICATIONS_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    /**
     * Tracing: set, each service sends its spans over OTLP/HTTP to `<endpoint>/v1/traces` (a collector,
     * e.g. http://127.0.0.1:4318); unset, tracing is off and costs nothing beyond the no-op API.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    /** The share of new traces kept (0–1); a trace begun by a caller keeps the caller's decision. */
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  })
  .superRefine((env, ctx) => {
    if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_SENTINEL_NAME'],
        message: 'is required with REDIS_SENTINELS (the master name the sentinels monitor)',
      });
    }
    if (env.INBOX_RETENTION_HOURS <= env.OUTBOX_RETENTION_HOURS) {
      // A re-published event must still find its inbox record, or it would take effect twice.
      ctx.addIssue({ code: 'custom', path: ['INBOX_RETENTION_HOURS'], message: 'must be longer than OUTBOX_RETENTION_HOURS' });
    }
    if (Boolean(env.NATS_USER) !== Boolean(env.NATS_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.NATS_USER ? 'NATS_PASSWORD' : 'NATS_USER'],
        message: 'is required with the other of NATS_USER and NATS_PASSWORD',
      });
    }
    if (!env.JWT_SECRET && env.NODE_ENV !== 'test') {
      const message =
        env.NODE_ENV === 'production'
          ? 'is required in production (at least 32 random characters)'
          : `is required outside tests (npm start generates one in ${LOCAL_SECRETS_FILE})`;
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message });
    }
  });
export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** The access-token secret: the configured one, or (only possible when NODE_ENV is test) the tests' known one. */
export function jwtSecretOf(env: Pick<BaseEnv, 'JWT_SECRET'>): string {
  return env.JWT_SECRET ?? TEST_JWT_SECRET;
}

/** The NATS connection options for the service's credentials: its user and password when configured. */
export function natsAuthOf(env: Pick<BaseEnv, 'NATS_USER' | 'NATS_PASSWORD'>): { user?: string; pass?: string } {
  return env.NATS_USER && env.NATS_PASSWORD ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {};
}

export class ConfigValidationError extends Error {}

/**
 * Validates the environment once at start-up. A bad or missing variable stops the service with a
 * message naming the variable and the reason, instead of failing later somewhere deep.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function portOf(env: BaseEnv, service: ServiceName): number {
  const key = `${service.toUpperCase()}_PORT` as keyof BaseEnv;
  return env[key] as number;
}
