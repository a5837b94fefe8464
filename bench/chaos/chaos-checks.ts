import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { schemaFor } from '@alur/database';
import { RunningSystem } from '../shared/running-system';

export interface CheckResult {
  name: string;
  passed: boolean;
  summary: string;
  /** The first offending rows, for whoever investigates. */
  examples?: unknown[];
}

const EXAMPLES = 5;

/**
 * The chaos run's verdict, read from the run's own database once it is quiet: what a treasury
 * auditor would ask after a bad day — was anything lost, done twice, or paid beyond its ceiling.
 */
export class ChaosChecks {
  private constructor(
    private readonly pg: Client,
    private readonly prefix: string,
  ) {}

  static async open(system: RunningSystem, applicationName: string): Promise<ChaosChecks> {
    const pg = new Client({ connectionString: system.databaseUrl, application_name: applicationName });
    await pg.connect();
    return new ChaosChecks(pg, system.env.DB_SCHEMA_PREFIX ?? '');
  }

  private schema(service: string): string {
    return `"${schemaFor({ DB_SCHEMA_PREFIX: this.prefix }, service)}"`;
  }

  private async rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pg.query(sql, params)).rows as T[];
  }

  /** Schemas of the run that hold `table`. */
  private async schemasWith(table: string): Promise<string[]> {
    const rows = await this.rows<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = $1 AND table_schema LIKE $2 ORDER BY 1`,
      [table, `${this.prefix.replace(/_/g, '\\_')}%`],
    );
    return rows.map((r) => r.schema);
  }

  async all(): Promise<CheckResult[]> {
    return [
      await this.noLifecycleLost(),
      await this.stagesDecidedOnceInOrder(),
      await this.ceilingsExact(),
      await this.notificationsOnce(),
      await this.nothingLeftBehind(),
    ];
  }

  /** 1. Every submitted proposal reached FUNDING with tranche 1 released exactly once. */
  async noLifecycleLost(): Promise<CheckResult> {
    const submitted = await this.rows<{ id: string; status: string }>(
      `SELECT id, status FROM ${this.schema('proposals')}.proposal WHERE status <> 'DRAFT'`,
    );
    const tranches = await this.rows<{ proposal_id: string; status: string; released: string; amount: string; releases: string }>(
      `SELECT d.proposal_id, t.status, d.released, t.amount,
              (SELECT count(*) FROM ${this.schema('disbursements')}.outbox_event o
                WHERE o.subject LIKE '%.tranche-released.%' AND o.envelope->'payload'->>'proposalId' = d.proposal_id::text
                  AND (o.envelope->'payload'->>'trancheNumber')::int = 1) AS releases
         FROM ${this.schema('disbursements')}.disbursement d
         JOIN ${this.schema('disbursements')}.tranche t ON t.disbursement_id = d.id AND t.number = 1`,
    );
    const byProposal = new Map(tranches.map((t) => [t.proposal_id, t]));
    const lost = submitted.flatMap((p) => {
      const t = byProposal.get(p.id);
      if (p.status !== 'FUNDING') return [{ proposalId: p.id, problem: `proposal is ${p.status}` }];
      if (!t) return [{ proposalId: p.id, problem: 'no disbursement' }];
      if (t.status !== 'RELEASED') return [{ proposalId: p.id, problem: `tranche 1 is ${t.status}` }];
      if (t.released !== t.amount || t.releases !== '1')
        return [{ proposalId: p.id, problem: `released ${t.released} of tranche ${t.amount} in ${t.releases} TrancheReleased events` }];
      return [];
    });
    return {
      name: 'no lifecycle lost',
      passed: submitted.length > 0 && lost.length === 0,
      summary: `${submitted.length - lost.length}/${submitted.length} submitted proposals in FUNDING with tranche 1 released exactly once`,
      examples: lost.slice(0, EXAMPLES),
    };
  }

  /** 2. No stage decided twice, never two open stages for one proposal, every proposal's stages in order. */
  async stagesDecidedOnceInOrder(): Promise<CheckResult> {
    const stages = this.schema('approvals');
    const twice = await this.rows(
      `SELECT proposal_id, submission_number, stage_order, count(*) AS decided FROM ${stages}.approval_stage
        WHERE decided_at IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    const twiceAudited = await this.rows(
      `SELECT entity_id, count(*) AS decisions FROM ${stages}.audit_record
        WHERE action = 'approval-stage.decided' GROUP BY 1 HAVING count(*) > 1`,
    );
    const twoOpen = await this.rows(
      `SELECT proposal_id, count(*) AS open FROM ${stages}.approval_stage WHERE status = 'OPEN' GROUP BY 1 HAVING count(*) > 1`,
    );
    // A stage opens only after the one before it was decided, and is decided after it opened.
    const outOfOrder = await this.rows(
      `SELECT s.proposal_id, s.stage_order FROM ${stages}.approval_stage s
         LEFT JOIN ${stages}.approval_stage prev ON prev.proposal_id = s.proposal_id AND prev.submission_number = s.submission_number
                                                 AND prev.stage_order = s.stage_order - 1 AND prev.status <> 'CANCELLED'
        WHERE s.status <> 'CANCELLED' AND (
              (s.stage_order > 1 AND (prev.decided_at IS NULL OR prev.status <> 'APPROVED' OR s.opened_at < prev.decided_at))
           OR (s.decided_at IS NOT NULL AND s.decided_at < s.opened_at))`,
    );
    const [{ count }] = await this.rows<{ count: string }>(`SELECT count(*) FROM ${stages}.approval_stage`);
    const problems = [
      ...twice.map((r) => ({ problem: 'decided twice', ...r })),
      ...twiceAudited.map((r) => ({ problem: 'two decisions audited', ...r })),
      ...twoOpen.map((r) => ({ problem: 'two open stages', ...r })),
      ...outOfOrder.map((r) => ({ problem: 'out of order', ...r })),
    ];
    return {
      name: 'stages decided once, one open at a time, in order',
      passed: problems.length === 0,
      summary: `${count} stages: ${twice.length + twiceAudited.length} decided twice, ${twoOpen.length} proposals with two open, ${outOfOrder.length} out of order`,
      examples: problems.slice(0, EXAMPLES),
    };
  }

  /** 3. For every ceiling Σ released ≤ Σ committed ≤ amount, and the ceiling's sums agree with its disbursements. */
  async ceilingsExact(): Promise<CheckResult> {
    const d = this.schema('disbursements');
    const ceilings = await this.rows<{
      program_code: string;
      region_code: string;
      amount: string;
      committed: string;
      released: string;
      sum_committed: string;
      sum_released: string;
    }>(
      `SELECT c.program_code, c.region_code, c.amount, c.committed, c.released,
              coalesce((SELECT sum(x.amount) FROM ${d}.disbursement x WHERE x.program_code = c.program_code AND x.fiscal_year = c.fiscal_year
                          AND x.ceiling_region_code = c.region_code AND x.committed_at IS NOT NULL), 0) AS sum_committed,
              coalesce((SELECT sum(t.amount) FROM ${d}.disbursement x JOIN ${d}.tranche t ON t.disbursement_id = x.id AND t.status = 'RELEASED'
                         WHERE x.program_code = c.program_code AND x.fiscal_year = c.fiscal_year AND x.ceiling_region_code = c.region_code), 0) AS sum_released
         FROM ${d}.budget_ceiling c`,
    );
    const broken = ceilings.filter((c) => {
      const [amount, committed, released] = [BigInt(c.amount), BigInt(c.committed), BigInt(c.released)];
      return (
        !(released <= committed && committed <= amount) || BigInt(c.sum_committed) !== committed || BigInt(c.sum_released) !== released
      );
    });
    return {
      name: 'ceilings exact',
      passed: broken.length === 0,
      summary: `${ceilings.length - broken.length}/${ceilings.length} ceilings with Σ released ≤ Σ committed ≤ amount, matching their disbursements`,
      examples: broken.slice(0, EXAMPLES),
    };
  }

  /** 4. No duplicate notification per (event, recipient, channel), and every BKM told of its release. */
  async notificationsOnce(): Promise<CheckResult> {
    const n = this.schema('notifications');
    const inApp = await this.rows(`SELECT event_id, recipient_user_id, count(*) FROM ${n}.notification GROUP BY 1, 2 HAVING count(*) > 1`);
    const sent = await this.rows(
      `SELECT source_id, recipient_user_id, channel, count(*) FROM ${n}.delivery GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    const untold = await this.rows<{ proposal_id: string }>(
      `SELECT d.proposal_id FROM ${this.schema('disbursements')}.disbursement d
         JOIN ${this.schema('disbursements')}.tranche t ON t.disbursement_id = d.id AND t.number = 1 AND t.status = 'RELEASED'
        WHERE NOT EXISTS (SELECT 1 FROM ${n}.notification x WHERE x.kind = 'TRANCHE_RELEASED' AND x.proposal_id = d.proposal_id)`,
    );
    const [{ count }] = await this.rows<{ count: string }>(`SELECT count(*) FROM ${n}.notification`);
    return {
      name: 'notifications once, every BKM told',
      passed: inApp.length + sent.length + untold.length === 0,
      summary: `${count} notifications: ${inApp.length} duplicated in the console, ${sent.length} duplicated deliveries, ${untold.length} releases not told to the BKM`,
      examples: [...inApp, ...sent, ...untold].slice(0, EXAMPLES),
    };
  }

  /** 5. No dead letter left, every outbox row published, every audit chain verifies. */
  async nothingLeftBehind(): Promise<CheckResult> {
    let dead = 0;
    let pendingInbound = 0;
    for (const schema of await this.schemasWith('inbound_event')) {
      const [row] = await this.rows<{ dead: string; pending: string }>(
        `SELECT count(*) FILTER (WHERE status = 'dead') AS dead, count(*) FILTER (WHERE status = 'pending') AS pending FROM "${schema}".inbound_event`,
      );
      dead += Number(row.dead);
      pendingInbound += Number(row.pending);
    }
    for (const schema of await this.schemasWith('dead_letter')) {
      const [row] = await this.rows<{ dead: string }>(`SELECT count(*) AS dead FROM "${schema}".dead_letter WHERE replayed_at IS NULL`);
      dead += Number(row.dead);
    }
    let unpublished = 0;
    for (const schema of await this.schemasWith('outbox_event')) {
      const [row] = await this.rows<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox_event WHERE published_at IS NULL`);
      unpublished += Number(row.n);
    }
    const chains: Array<{ schema: string; valid: boolean; checked: number }> = [];
    const trail = new AuditTrail(undefined as never);
    for (const schema of await this.schemasWith('audit_record')) {
      // AuditTrail's own verification, over this run's connection: it only asks `query`.
      const manager = {
        query: (sql: string, params: unknown[]) => this.rows(sql.replace('FROM audit_record', `FROM "${schema}".audit_record`), params),
      };
      const result = await trail.verifyChain(manager as unknown as EntityManager);
      chains.push({ schema, valid: result.valid, checked: result.checked });
    }
    const broken = chains.filter((c) => !c.valid);
    return {
      name: 'nothing left behind',
      passed: dead === 0 && pendingInbound === 0 && unpublished === 0 && broken.length === 0 && chains.length > 0,
      summary: `${dead} dead letters, ${pendingInbound} events still pending, ${unpublished} outbox rows unpublished, ${chains.length - broken.length}/${chains.length} audit chains verify (${chains.reduce((s, c) => s + c.checked, 0)} records)`,
      examples: broken,
    };
  }

  /**
   * 6. Order per aggregate, read from what the services recorded: every consumer received each producer's
   * events of one aggregate in the producer's outbox order (its writes of one aggregate are serialised, so
   * that is their commit order; outbox seq → stream seq), the
   * proposals service applied them in that stream order (its timeline is appended as it handles them),
   * and every proposal's timeline follows its approval chain: stage k opened, escalated at most then,
   * decided, before stage k + 1 opened; approval, then funding, then the release.
   */
  async orderPerAggregate(): Promise<CheckResult> {
    const consumers = await this.schemasWith('inbound_event');
    const producers = await this.schemasWith('outbox_event');
    const published: Array<Record<string, unknown>> = [];
    let comparedPublished = 0;
    for (const consumer of consumers) {
      for (const producer of producers) {
        const [row] = await this.rows<{ pairs: string; wrong: Array<Record<string, unknown>> | null }>(
          `WITH r AS (SELECT i.aggregate_key, i.stream_created, i.stream_seq, o.seq AS outbox_seq, o.envelope->>'type' AS type
                        FROM "${consumer}".inbound_event i JOIN "${producer}".outbox_event o ON o.id::text = i.event_id)
           SELECT count(*) AS pairs,
                  json_agg(json_build_object('consumer', $1::text, 'aggregate', a.aggregate_key, 'recordedFirst', a.type, 'streamedFirst', b.type))
                    FILTER (WHERE a.stream_seq > b.stream_seq) AS wrong
             FROM r a JOIN r b ON b.aggregate_key = a.aggregate_key AND b.stream_created = a.stream_created AND a.outbox_seq < b.outbox_seq`,
          [consumer],
        );
        comparedPublished += Number(row.pairs);
        published.push(...(row.wrong ?? []));
      }
    }
    const proposals = this.schema('proposals');
    const [handled] = await this.rows<{ pairs: string; wrong: Array<Record<string, unknown>> | null }>(
      `WITH t AS (SELECT t.id, t.proposal_id, t.kind, i.aggregate_key, i.stream_created, i.stream_seq
                    FROM ${proposals}.proposal_timeline_entry t JOIN ${proposals}.inbound_event i ON i.event_id = t.source_event_id)
       SELECT count(*) AS pairs,
              json_agg(json_build_object('proposalId', a.proposal_id, 'appliedFirst', a.kind, 'streamedFirst', b.kind))
                FILTER (WHERE (a.stream_created, a.stream_seq) > (b.stream_created, b.stream_seq)) AS wrong
         FROM t a JOIN t b ON b.proposal_id = a.proposal_id AND b.aggregate_key = a.aggregate_key AND a.id < b.id`,
    );
    const timelines = await this.rows<{ proposal_id: string; steps: Array<{ kind: string; order: number | null }> }>(
      `SELECT proposal_id, json_agg(json_build_object('kind', kind, 'order', (details->>'order')::int) ORDER BY id) AS steps
         FROM ${proposals}.proposal_timeline_entry GROUP BY proposal_id`,
    );
    const offChain = timelines.flatMap(({ proposal_id, steps }) => {
      const ranked = steps
        .map((step) => ({ step: `${step.kind}${step.order ? ` ${step.order}` : ''}`, rank: chainRank(step.kind, step.order) }))
        .filter((s) => s.rank !== null);
      const wrong = ranked.findIndex((s, i) => i > 0 && s.rank! < ranked[i - 1].rank!);
      return wrong < 0
        ? []
        : [{ problem: 'timeline off the chain', proposalId: proposal_id, step: `${ranked[wrong].step} after ${ranked[wrong - 1].step}` }];
    });
    const problems = [
      ...published.map((p) => ({ ...p, problem: 'received out of outbox order' })),
      ...(handled.wrong ?? []).map((p) => ({ problem: 'applied out of stream order', ...p })),
      ...offChain,
    ];
    return {
      name: 'order per aggregate held',
      passed: problems.length === 0 && comparedPublished > 0 && Number(handled.pairs) > 0 && timelines.length > 0,
      summary: `${comparedPublished} event pairs of one aggregate: ${published.length} received out of outbox order; ${handled.pairs} timeline pairs: ${(handled.wrong ?? []).length} applied out of stream order; ${timelines.length - offChain.length}/${timelines.length} timelines follow the chain`,
      examples: problems.slice(0, EXAMPLES),
    };
  }

  /**
   * 7. Every reminder and escalation fired at most once, each fired timer announced by exactly one event,
   * and none lost: a timer not fired although its stage stayed open `lateSeconds` past its time (time
   * for BullMQ to notice that the replica running its alarm died and run it elsewhere) was dropped.
   */
  async timersFiredOnce(lateSeconds = 60): Promise<CheckResult> {
    const a = this.schema('approvals');
    const timers = await this.rows<{ stage_id: string; kind: string; fired: string; events: string; lost: string }>(
      `SELECT t.stage_id, t.kind, count(t.fired_at) AS fired,
              count(*) FILTER (WHERE t.fired_at IS NULL AND coalesce(s.decided_at, now()) > t.fire_at + make_interval(secs => $1)) AS lost,
              (SELECT count(*) FROM ${a}.outbox_event o
                WHERE o.envelope->'payload'->>'stageId' = t.stage_id::text
                  AND o.envelope->>'type' = CASE t.kind WHEN 'DEADLINE' THEN 'approvals.approval-stage-escalated' ELSE 'approvals.approval-reminder-due' END
                  AND (t.kind = 'DEADLINE' OR o.envelope->'payload'->>'kind' = CASE t.kind WHEN 'REMINDER_BEFORE' THEN 'BEFORE_DUE' ELSE 'OVERDUE' END)) AS events
         FROM ${a}.stage_timer t JOIN ${a}.approval_stage s ON s.id = t.stage_id
        GROUP BY t.stage_id, t.kind`,
      [lateSeconds],
    );
    const fired = timers.reduce((n, t) => n + Number(t.fired), 0);
    const twice = timers.filter((t) => Number(t.fired) > 1 || t.events !== t.fired);
    const lost = timers.filter((t) => Number(t.lost) > 0);
    const kinds = [...new Set(timers.filter((t) => Number(t.fired) > 0).map((t) => t.kind))].sort();
    return {
      name: 'timers fired once',
      passed: twice.length === 0 && lost.length === 0 && fired > 0,
      summary: `${timers.length} stage timers, ${fired} fired (${kinds.join(', ') || 'none'}): ${twice.length} announced other than once, ${lost.length} lost`,
      examples: [...twice, ...lost].slice(0, EXAMPLES),
    };
  }

  /**
   * 8. Every e-mail delivery sent, and received exactly once by the mail server (told apart by the
   * X-Alur-Delivery-Id header); the mail catcher keeps its latest 500 messages, so more cannot be checked.
   * A delivery whose worker was killed mid-send (`sending`, last touched before `killedAt`) may have gone
   * out or not: it must not have been received twice, and is left for an operator, as designed.
   */
  async deliveredOnce(mailCatcherUrl: string, killedAt?: Date): Promise<CheckResult> {
    const deliveries = await this.rows<{ id: string; status: string; updated_at: Date }>(
      `SELECT id, status, updated_at FROM ${this.schema('notifications')}.delivery WHERE channel = 'email'`,
    );
    const mails = (await (await fetch(`${mailCatcherUrl}/messages`)).json()) as Array<{ headers: Record<string, string> }>;
    const received = new Map<string, number>();
    for (const mail of mails) {
      const id = mail.headers['x-alur-delivery-id'];
      received.set(id, (received.get(id) ?? 0) + 1);
    }
    const interrupted = deliveries.filter(
      (d) => d.status === 'sending' && killedAt !== undefined && d.updated_at <= killedAt && (received.get(d.id) ?? 0) <= 1,
    );
    const known = new Set(deliveries.map((d) => d.id));
    const problems = [
      ...deliveries
        .filter((d) => d.status !== 'sent' && !interrupted.includes(d))
        .map((d) => ({ deliveryId: d.id, problem: `delivery is ${d.status}` })),
      ...deliveries
        .filter((d) => d.status === 'sent' && received.get(d.id) !== 1)
        .map((d) => ({ deliveryId: d.id, problem: `received ${received.get(d.id) ?? 0} times` })),
      ...[...received].filter(([id]) => !known.has(id)).map(([id]) => ({ deliveryId: id, problem: 'received without a delivery' })),
    ];
    return {
      name: 'e-mail delivered once',
      passed: problems.length === 0 && deliveries.length > 0 && mails.length < 500,
      summary: `${deliveries.length} e-mail deliveries, ${mails.length} messages received: ${problems.length} not sent or not received exactly once, ${interrupted.length} interrupted mid-send by a kill (left for an operator)`,
      examples: [
        ...problems,
        ...interrupted.map((d) => ({ deliveryId: d.id, problem: 'interrupted mid-send', received: received.get(d.id) ?? 0 })),
      ].slice(0, EXAMPLES),
    };
  }

  async close(): Promise<void> {
    await this.pg.end();
  }
}

/**
 * Where a timeline entry stands in the approval chain: stage k opened, overdue (escalated), decided;
 * then approval, funding, release. Null for entries outside the chain (the BKM's own, reminders).
 */
function chainRank(kind: string, order: number | null): number | null {
  const stage = { 'approval.stage-opened': 0, 'approval.stage-overdue': 1, 'approval.stage-decided': 2 }[kind];
  if (stage !== undefined) return order === null ? null : order * 10 + stage;
  const after = [
    'proposal.approved',
    'disbursement.budget-committed',
    'disbursement.tranche-ready',
    'disbursement.tranche-released',
  ].indexOf(kind);
  return after < 0 ? null : 1000 + after;
}
