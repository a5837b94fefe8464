/** CPU µs per operation of each side of a unit of work, measured on the bare stack (bench:floor). */
export interface Sides {
  asking: number;
  answering: number;
  between: number;
}

export type UnitName = 'http' | 'rpc' | 'jetstream' | 'pg read' | 'pg commit' | 'bullmq';

/** How many of each unit one grant lifecycle is made of (bench:lifecycle's counts). */
export interface LifecycleUnits {
  /** HTTP requests to the gateway, each one request/reply to a service behind it. */
  requests: number;
  /** Events published to the stream by the services' relays. */
  events: number;
  /** Deliveries of those events to the services' consumers. */
  deliveries: number;
  /** PostgreSQL statements, transaction control left out… */
  statements: number;
  /** …of which this many commit. */
  commits: number;
  /** BullMQ jobs added and processed (e-mail and SMS deliveries). */
  jobs: number;
}

export const FLOOR_PROCESSES = ['gateway', 'services', 'postgres', 'nats', 'redis'] as const;
export type FloorProcess = (typeof FLOOR_PROCESSES)[number];

/**
 * What a lifecycle would cost each process, in CPU ms, if Alur's own code cost nothing: each unit at its
 * bare cost, charged to the process that does that side of it. The browser's side of a request is not the
 * system's. A publish is charged its publisher and the server's storing and first delivery, a further
 * delivery only its consumer: the floor errs low. The services' pg clients are charged every statement.
 */
export function lifecycleFloor(units: LifecycleUnits, cost: Record<UnitName, Sides>): Record<FloorProcess | 'total', number> {
  const reads = units.statements - units.commits;
  const micros: Record<FloorProcess, number> = {
    gateway: units.requests * (cost.http.answering + cost.rpc.asking),
    services:
      units.requests * cost.rpc.answering +
      units.events * cost.jetstream.asking +
      units.deliveries * cost.jetstream.answering +
      reads * cost['pg read'].asking +
      units.commits * cost['pg commit'].asking +
      units.jobs * (cost.bullmq.asking + cost.bullmq.answering),
    postgres: reads * cost['pg read'].answering + units.commits * cost['pg commit'].answering,
    nats: units.requests * cost.rpc.between + units.events * cost.jetstream.between,
    redis: units.jobs * cost.bullmq.between,
  };
  const ms = (value: number) => Math.round(value / 100) / 10;
  const floor = Object.fromEntries(FLOOR_PROCESSES.map((p) => [p, ms(micros[p])])) as Record<FloorProcess, number>;
  return { ...floor, total: ms(FLOOR_PROCESSES.reduce((sum, p) => sum + micros[p], 0)) };
}
