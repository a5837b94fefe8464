import { Client } from 'pg';

/** autovacuum's default thresholds (PostgreSQL 13–17): a table is vacuumed or analysed past these. */
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE_FACTOR = 0.2;
const VACUUM_INSERT_THRESHOLD = 1000;
const VACUUM_INSERT_SCALE_FACTOR = 0.2;
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;

/** What the bench did for want of autovacuum, for its report. */
export interface PostgresUpkeep {
  /** The server's own `autovacuum` setting. */
  serverAutovacuum: boolean;
  /** When the server's is off: the bench's passes over its database, and the tables it vacuumed or analysed. */
  standIn?: { naptimeSeconds: number; passes: number; vacuums: number; analyzes: number; failures: number };
}

interface Due {
  name: string;
  vacuum: boolean;
}

/**
 * Some servers run with autovacuum off (this machine's CI configuration does). Dead row versions then
 * pile up and the planner never learns how big the tables have grown, so PostgreSQL's cost per
 * lifecycle grows through a run for want of the upkeep every production server has. On such a server
 * the bench does what autovacuum would, in its own database only: every naptime (autovacuum's default,
 * one minute), VACUUM (ANALYZE) each table past autovacuum's default thresholds, or ANALYZE one that
 * only needs its statistics. Its backend is one of the bench database's, so its CPU counts in
 * PostgreSQL's, as autovacuum's workers would; its statements are counted (`statements`) so that a
 * meter can leave them out of the commits.
 */
export class AutovacuumStandIn {
  /** Statements run against the bench database, each a commit of its own. */
  statements = 0;
  private readonly upkeep: PostgresUpkeep;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  private constructor(
    private readonly pg: Client,
    serverAutovacuum: boolean,
    naptimeSeconds: number,
  ) {
    // A naptime of 0 turns the stand-in off, to measure a run without upkeep.
    this.upkeep =
      serverAutovacuum || naptimeSeconds <= 0
        ? { serverAutovacuum }
        : { serverAutovacuum, standIn: { naptimeSeconds, passes: 0, vacuums: 0, analyzes: 0, failures: 0 } };
  }

  /** `serverAutovacuum`: what to take the server's setting to be instead of asking it (a test's). */
  static async open(
    databaseUrl: string,
    naptimeSeconds = Number(process.env.BENCH_AUTOVACUUM_NAPTIME_S ?? 60),
    serverAutovacuum?: boolean,
  ): Promise<AutovacuumStandIn> {
    const pg = new Client({ connectionString: databaseUrl, application_name: 'alur-bench-autovacuum-stand-in' });
    await pg.connect();
    const autovacuum = serverAutovacuum ?? (await pg.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0].autovacuum === 'on';
    const standIn = new AutovacuumStandIn(pg, autovacuum, naptimeSeconds);
    if (standIn.upkeep.standIn) {
      console.log(
        `PostgreSQL runs with autovacuum off: the bench vacuums and analyses its own database as autovacuum would, every ${naptimeSeconds} s`,
      );
      standIn.timer = setInterval(
        () => (standIn.pass ??= standIn.runPass().finally(() => (standIn.pass = undefined))),
        naptimeSeconds * 1000,
      );
    }
    return standIn;
  }

  report(): PostgresUpkeep {
    return structuredClone(this.upkeep);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
    await this.pg.end();
  }

  private async runPass(): Promise<void> {
    const counts = this.upkeep.standIn!;
    counts.passes++;
    try {
      for (const { name, vacuum } of await this.due()) {
        this.statements++;
        await this.pg.query(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
        if (vacuum) counts.vacuums++;
        else counts.analyzes++;
      }
    } catch (error) {
      // A table dropped meanwhile, or the database going at the end of the run: the next pass tries again.
      counts.failures++;
      console.warn(`autovacuum stand-in: ${(error as Error).message}`);
    }
  }

  private async due(): Promise<Due[]> {
    this.statements++;
    const { rows } = await this.pg.query<Due>(
      `SELECT format('%I.%I', schemaname, relname) AS name, vacuum
         FROM (SELECT schemaname, relname, n_mod_since_analyze,
                      n_dead_tup > $1::float8 + $2::float8 * n_live_tup
                        OR n_ins_since_vacuum > $3::float8 + $4::float8 * n_live_tup AS vacuum,
                      $5::float8 + $6::float8 * n_live_tup AS analyze_after
                 FROM pg_stat_user_tables) t
        WHERE vacuum OR n_mod_since_analyze > analyze_after
        ORDER BY schemaname, relname`,
      [VACUUM_THRESHOLD, VACUUM_SCALE_FACTOR, VACUUM_INSERT_THRESHOLD, VACUUM_INSERT_SCALE_FACTOR, ANALYZE_THRESHOLD, ANALYZE_SCALE_FACTOR],
    );
    return rows;
  }
}

/** One line for a bench's printed report. */
export function describeUpkeep(upkeep: PostgresUpkeep): string {
  const standIn = upkeep.standIn;
  if (!standIn)
    return `PostgreSQL upkeep: ${upkeep.serverAutovacuum ? 'the server’s autovacuum' : 'none (autovacuum is off on this server, and BENCH_AUTOVACUUM_NAPTIME_S=0)'}`;
  return `PostgreSQL upkeep: autovacuum is off on this server; the bench stood in every ${standIn.naptimeSeconds} s: ${standIn.passes} passes, ${standIn.vacuums} tables vacuumed, ${standIn.analyzes} analysed${standIn.failures ? `, ${standIn.failures} passes failed` : ''}`;
}
