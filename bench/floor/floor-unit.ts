/** What the bench tells a unit process: what to be, then (postgres) what to run, then to stop. */
export type FloorCommand =
  | {
      start:
        | { unit: 'http' }
        | { unit: 'rpc'; natsUrl: string; prefix: string }
        | { unit: 'jetstream'; natsUrl: string; stream: string }
        | { unit: 'bullmq'; redisUrl: string; queue: string; concurrency: number }
        | { unit: 'postgres'; databaseUrl: string; concurrency: number };
    }
  | { pg: { statement: 'read' | 'commit'; count: number; concurrency: number } }
  | 'stop';

export type FloorReply = { ready: true; port?: number } | { consumed: number } | { ran: number };

/** An answer about the size of the gateway's `/me`. */
export const FLOOR_ANSWER = {
  userId: '5f0c3a52-8f8e-4d47-9a53-2d6f4f1c1a01',
  username: 'lurah.14.03.09.1004',
  displayName: 'Lurah Kelurahan Bengkalis Kota',
  role: 'LURAH',
  regionCode: '14.03.09.1004',
  actingFor: [],
};

/** `count` calls of `one`, at most `concurrency` at a time: the bench's and the pg unit's load alike. */
export async function lanes(count: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
