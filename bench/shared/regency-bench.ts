import { AlurApi } from './alur-api';
import { AutovacuumStandIn } from './autovacuum-stand-in';
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
  /** autovacuum's work, done by the bench where the server has it off. */
  upkeep: AutovacuumStandIn;
  /** Statements the bench itself has run against its database so far (backlog samples, upkeep): a meter leaves their commits out. */
  ownStatements(): number;
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
  let upkeep: AutovacuumStandIn | undefined;
  try {
    const api = new AlurApi(system.url);
    const tracker = new LifecycleTracker();
    const people = new RegencyPeople(api, tracker);
    await people.prepare();
    meter = await CostMeter.open(system);
    backlog = await SpineBacklog.open(system);
    upkeep = await AutovacuumStandIn.open(system.databaseUrl);
    const own = { backlog, upkeep };
    const ownStatements = () => own.backlog.queries + own.upkeep.statements;
    return await body({ system, api, tracker, people, meter, backlog, upkeep, ownStatements });
  } finally {
    await meter?.close();
    await backlog?.close();
    await upkeep?.close();
    await system.stop();
    if (!process.env.KEEP_BENCH_DATA) await system.remove();
  }
}
