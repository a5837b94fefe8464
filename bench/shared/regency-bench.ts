import { AlurApi } from './alur-api';
import { CostMeter } from './cost-meter';
import { LifecycleTracker } from './lifecycle-tracker';
import { RegencyPeople } from './regency-people';
import { RunningSystem, startSystem } from './running-system';
import { SpineBacklog } from './spine-backlog';

export interface RegencyBench {
  system: RunningSystem;
  api: AlurApi;
  tracker: LifecycleTracker;
  people: RegencyPeople;
  meter: CostMeter;
  backlog: SpineBacklog;
}

/**
 * The five services started for one bench, the demo regency's people logged in, the meters open;
 * runs `body`, then stops the services and removes the bench's data (unless KEEP_BENCH_DATA).
 */
export async function withRegencyBench<T>(name: string, body: (bench: RegencyBench) => Promise<T>): Promise<T> {
  const system = await startSystem(name);
  console.log(`services up (own database ${system.databaseName}; logs in ${system.logDir})`);
  let meter: CostMeter | undefined;
  let backlog: SpineBacklog | undefined;
  try {
    const api = new AlurApi(system.url);
    const tracker = new LifecycleTracker();
    const people = new RegencyPeople(api, tracker);
    await people.prepare();
    meter = await CostMeter.open(system);
    backlog = await SpineBacklog.open(system);
    return await body({ system, api, tracker, people, meter, backlog });
  } finally {
    await meter?.close();
    await backlog?.close();
    await system.stop();
    if (!process.env.KEEP_BENCH_DATA) await system.remove();
  }
}
