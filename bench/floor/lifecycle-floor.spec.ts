import { lifecycleFloor, Sides, UnitName } from './lifecycle-floor';

const sides = (asking: number, answering: number, between: number): Sides => ({ asking, answering, between });

/** 2026-12-03's bare costs (µs), rounded. */
const COST: Record<UnitName, Sides> = {
  http: sides(100, 200, 0),
  rpc: sides(50, 30, 20),
  jetstream: sides(40, 30, 50),
  'pg read': sides(40, 30, 0),
  'pg commit': sides(50, 90, 0),
  bullmq: sides(40, 70, 90),
};

describe('lifecycleFloor', () => {
  it('charges each unit of a lifecycle to the processes that do its sides, in ms', () => {
    const floor = lifecycleFloor({ requests: 10, events: 10, deliveries: 30, statements: 100, commits: 20, jobs: 10 }, COST);
    expect(floor).toEqual({
      // The answering app and the RPC client: 10 × (200 + 50) µs.
      gateway: 2.5,
      // RPC answers 300, publishes 400, deliveries 900, 80 reads' clients 3,200, 20 commits' 1,000, jobs 1,100 µs.
      services: 6.9,
      // 80 reads × 30 + 20 commits × 90 µs.
      postgres: 4.2,
      // 10 requests × 20 + 10 events × 50 µs: further deliveries are not charged to the server.
      nats: 0.7,
      redis: 0.9,
      total: 15.2,
    });
  });

  it('leaves the browser’s side of a request out', () => {
    const units = { requests: 10, events: 0, deliveries: 0, statements: 0, commits: 0, jobs: 0 };
    const cheapBrowser = lifecycleFloor(units, COST);
    const dearBrowser = lifecycleFloor(units, { ...COST, http: sides(10_000, 200, 0) });
    expect(dearBrowser).toEqual(cheapBrowser);
  });
});
