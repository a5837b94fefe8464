import Redis from 'ioredis';
import { Client } from 'pg';
import { sleep } from '../shared/bench-results';
import { RunningSystem, Service } from '../shared/running-system';
import { ServiceSupervisor } from '../shared/service-supervisor';
import { NatsLink } from './nats-link';

export type FaultKind =
  | 'kill-proposals'
  | 'kill-approvals'
  | 'kill-disbursements'
  | 'kill-notifications'
  | 'kill-gateway'
  | 'kill-two-services'
  | 'redis-keys-lost'
  | 'postgres-connections-terminated'
  | 'nats-connections-cut';

export const FAULT_KINDS: FaultKind[] = [
  'kill-proposals',
  'kill-approvals',
  'kill-disbursements',
  'kill-notifications',
  'kill-gateway',
  'kill-two-services',
  'redis-keys-lost',
  'postgres-connections-terminated',
  'nats-connections-cut',
];

/** Pairs that hurt together: the crash of disbursements then proposals right after an approval, and the two timer/delivery owners. */
const PAIRS: Array<[Service, Service]> = [
  ['disbursements', 'proposals'],
  ['approvals', 'notifications'],
];

export interface InjectedFault {
  kind: FaultKind;
  at: string;
  detail: string;
  /** From the fault to the affected services being healthy again. */
  seconds: number;
}

/**
 * Injects the chaos run's faults into its own system only: its service processes, its Redis keys
 * (QUEUE_PREFIX), its database's connections and its NATS connections (through the relay).
 */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  /** Whose connections pg_terminate_backend spares: the chaos run's own readers. */
  static readonly OWN_APPLICATION = 'alur-chaos';

  constructor(
    private readonly system: RunningSystem,
    private readonly supervisor: ServiceSupervisor,
    private readonly natsLink: NatsLink,
    private readonly downMs: number,
  ) {}

  async inject(kind: FaultKind, round: number): Promise<InjectedFault> {
    const started = Date.now();
    const at = new Date().toISOString();
    const detail = await this.apply(kind, round);
    const fault = { kind, at, detail, seconds: Math.round((Date.now() - started) / 100) / 10 };
    this.injected.push(fault);
    return fault;
  }

  private async apply(kind: FaultKind, round: number): Promise<string> {
    switch (kind) {
      case 'kill-two-services': {
        const pair = PAIRS[round % PAIRS.length];
        // The second dies a moment after the first, as in a node failing.
        await Promise.all(pair.map((service, i) => sleep(i * 500).then(() => this.supervisor.restart(service, 'SIGKILL', this.downMs))));
        return `SIGKILL ${pair.join(' and ')}, restarted after ${this.downMs / 1000} s`;
      }
      case 'redis-keys-lost':
        return `${await this.deleteRedisKeys()} keys under ${this.system.env.QUEUE_PREFIX} deleted`;
      case 'postgres-connections-terminated':
        return `${await this.terminateConnections()} connections to ${this.system.databaseName} terminated`;
      case 'nats-connections-cut':
        return `${this.natsLink.cut()} NATS connections cut (the shared nats-server itself is not restarted)`;
      default: {
        const service = kind.replace('kill-', '') as Service;
        await this.supervisor.restart(service, 'SIGKILL', this.downMs);
        return `SIGKILL ${service}, restarted after ${this.downMs / 1000} s`;
      }
    }
  }

  private async deleteRedisKeys(): Promise<number> {
    const redis = new Redis(this.system.env.REDIS_URL!, { lazyConnect: true });
    await redis.connect();
    try {
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.system.env.QUEUE_PREFIX}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      return deleted;
    } finally {
      redis.disconnect();
    }
  }

  private async terminateConnections(): Promise<number> {
    const admin = new URL(this.system.databaseUrl);
    admin.pathname = '/postgres';
    const pg = new Client({ connectionString: admin.toString(), application_name: FaultInjector.OWN_APPLICATION });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name NOT LIKE 'alur-bench%' AND application_name NOT LIKE $2`,
        [this.system.databaseName, `${FaultInjector.OWN_APPLICATION}%`],
      );
      return rows.filter((r) => r.terminated).length;
    } finally {
      await pg.end();
    }
  }
}
