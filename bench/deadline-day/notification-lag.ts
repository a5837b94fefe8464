import { Client } from 'pg';
import { schemaFor } from '@alur/database';
import { RunningSystem } from '../shared/running-system';

export interface LagFigures {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * How long after an event was recorded (its outbox row) its notification reached the recipient's
 * in-app inbox, and its e-mail the mail server. Both ends are PostgreSQL timestamps, one clock.
 */
export async function notificationLag(system: RunningSystem): Promise<{ inbox: LagFigures; email: LagFigures }> {
  const pg = new Client({ connectionString: system.databaseUrl, application_name: 'alur-bench-lag' });
  await pg.connect();
  try {
    const env = { DB_SCHEMA_PREFIX: system.env.DB_SCHEMA_PREFIX ?? '' };
    const { rows: schemas } = await pg.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox_event' AND table_schema LIKE $1`,
      [`${env.DB_SCHEMA_PREFIX}%`],
    );
    const recorded = schemas.map((s) => `SELECT id, created_at FROM "${s.schema}".outbox_event`).join(' UNION ALL ');
    const notifications = schemaFor(env, 'notifications');
    const figures = async (sql: string): Promise<LagFigures> => {
      const { rows } = await pg.query<{ count: number; p50: number; p99: number; max: number }>(
        `WITH lag AS (${sql})
         SELECT count(*)::int AS count,
                coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms), 0)::float AS p50,
                coalesce(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms), 0)::float AS p99,
                coalesce(max(ms), 0)::float AS max
           FROM lag`,
      );
      const [r] = rows;
      return { count: r.count, p50Ms: Math.round(r.p50), p99Ms: Math.round(r.p99), maxMs: Math.round(r.max) };
    };
    return {
      inbox: await figures(
        `SELECT extract(epoch FROM n.created_at - e.created_at) * 1000 AS ms
           FROM "${notifications}".notification n JOIN (${recorded}) e ON e.id = n.event_id`,
      ),
      email: await figures(
        `SELECT extract(epoch FROM d.sent_at - e.created_at) * 1000 AS ms
           FROM "${notifications}".delivery d
           JOIN "${notifications}".notification n ON n.id = d.notification_id
           JOIN (${recorded}) e ON e.id = n.event_id
          WHERE d.status = 'sent' AND d.channel = 'email'`,
      ),
    };
  } finally {
    await pg.end();
  }
}
