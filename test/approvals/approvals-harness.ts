import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { DataSource, QueryRunner } from 'typeorm';
import {
  ApprovalStage,
  ProposalSubmittedPayload,
  ProposalSubmittedV1,
  ProposalWithdrawnPayload,
  ProposalWithdrawnV1,
  subjectFor,
  EventContract,
} from '@alur/contracts';
import { jobQueueToken, STAGE_TIMERS_QUEUE } from '@alur/jobs';
import { HEADER_AGGREGATE_ID, NatsClients } from '@alur/messaging';
import { createServiceApp } from '@alur/platform';
import { expectEventually, removeTestResources, TestIsolation } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { StageTimerReconciler } from '../../apps/approvals/src/timers/stage-timer-reconciler.service';
import { StageTimerScheduler } from '../../apps/approvals/src/timers/stage-timer-scheduler.service';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';

export const BALIK_ALAM = '14.03.09.1004';
export const MANDAU = '14.03.09';
export const BENGKALIS = '14.03';

/** The chain of KOTAKU-2026: Lurah → Camat → Dinas → Sekda → Bupati, three working days each. */
export const FIVE_STAGE_CHAIN: ApprovalStage[] = [
  { role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 },
  { role: 'CAMAT', regionLevel: 'district', serviceLevelWorkingDays: 3 },
  { role: 'DINAS', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
  { role: 'SEKDA', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
  { role: 'BUPATI', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
];

export interface ApprovalsWorld {
  approvals: INestApplication;
  gateway: RunningGateway;
  db: DataSource;
  queue: Queue;
  reconciler: StageTimerReconciler;
  scheduler: StageTimerScheduler;
  /** Publishes what the proposals service would publish, straight into the run's stream. */
  publish<C extends EventContract>(contract: C, aggregateId: string, payload: unknown): Promise<void>;
  submit(overrides?: Partial<ProposalSubmittedPayload>): Promise<ProposalSubmittedPayload>;
  withdraw(payload: Pick<ProposalWithdrawnPayload, 'proposalId'> & Partial<ProposalWithdrawnPayload>): Promise<void>;
  /** Waits until the proposal's open stage is the one at `order` of its chain, and answers it. */
  openStage(proposalId: string, order: number): Promise<OpenStage>;
  close(): Promise<void>;
}

/**
 * The approvals world of a test file: started before its tests and handed to `started`, closed and the
 * run's schema, stream and queues removed after them.
 */
export function useApprovalsWorld(isolation: TestIsolation, started: (world: ApprovalsWorld) => void): void {
  let world: ApprovalsWorld | undefined;
  beforeAll(async () => {
    world = await startApprovalsWorld(isolation);
    started(world);
  });
  afterAll(async () => {
    await world?.close();
    await removeTestResources(isolation.id, isolation.env);
  });
}

/** The approvals service and the gateway in this process, on the test's own schema, stream and queues. */
export async function startApprovalsWorld(isolation: TestIsolation): Promise<ApprovalsWorld> {
  const approvals = await createServiceApp(ApprovalsModule.forRoot({ ...isolation.env, APPROVALS_PORT: '0' }), 'approvals', { rpc: true });
  const gateway = await startGateway(isolation);
  const nats = approvals.get(NatsClients);
  const publish: ApprovalsWorld['publish'] = async (contract, aggregateId, payload) => {
    const id = randomUUID();
    const envelope = {
      id,
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      aggregateType: contract.aggregateType,
      aggregateId,
      actor: { userId: 'bkm-user', username: `bkm.${BALIK_ALAM}`, role: 'BKM', regionCode: BALIK_ALAM },
      correlationId: randomUUID(),
      payload,
    };
    const h = natsHeaders();
    h.set(HEADER_AGGREGATE_ID, aggregateId);
    await nats.js.publish(subjectFor(isolation.env.NATS_SUBJECT_PREFIX!, contract), JSON.stringify(envelope), { msgID: id, headers: h });
  };
  return {
    approvals,
    gateway,
    db: approvals.get(DataSource),
    queue: approvals.get<Queue>(jobQueueToken(STAGE_TIMERS_QUEUE)),
    reconciler: approvals.get(StageTimerReconciler),
    scheduler: approvals.get(StageTimerScheduler),
    publish,
    async submit(overrides = {}) {
      const payload: ProposalSubmittedPayload = {
        proposalId: randomUUID(),
        programCode: 'KOTAKU-2026',
        programVersion: 1,
        villageCode: BALIK_ALAM,
        districtCode: MANDAU,
        regencyCode: BENGKALIS,
        title: 'Semenisasi jalan lingkungan RT 03',
        category: 'INFRASTRUCTURE',
        budgetTotal: 210_000_000,
        selfHelpAmount: 10_500_000,
        requestedAmount: 199_500_000,
        bkmUserId: 'bkm-user',
        submissionNumber: 1,
        approvalChain: FIVE_STAGE_CHAIN,
        reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
        ...overrides,
      };
      await publish(ProposalSubmittedV1, payload.proposalId, payload);
      return payload;
    },
    async withdraw(payload) {
      await publish(ProposalWithdrawnV1, payload.proposalId, {
        programCode: 'KOTAKU-2026',
        programVersion: 1,
        villageCode: BALIK_ALAM,
        districtCode: MANDAU,
        regencyCode: BENGKALIS,
        fromStatus: 'IN_REVIEW',
        submissionNumber: 1,
        reason: null,
        ...payload,
      });
    },
    openStage(proposalId, order) {
      return expectEventually(async () => {
        const stage = await openStageOf(approvals.get(DataSource), proposalId);
        expect(stage?.stage_order).toBe(order);
        return stage!;
      });
    },
    async close() {
      await gateway.close();
      await approvals.close();
    },
  };
}

export interface OutboxEvent {
  type: string;
  aggregateId: string;
  actor: any;
  payload: any;
}

/** What the approvals service announced, in the order it committed. */
export async function announced(db: DataSource, proposalId?: string): Promise<OutboxEvent[]> {
  const rows = (await db.query(
    `SELECT envelope FROM outbox_event ${proposalId ? 'WHERE aggregate_id = $1' : ''} ORDER BY seq`,
    proposalId ? [proposalId] : [],
  )) as Array<{ envelope: OutboxEvent }>;
  return rows.map((row) => row.envelope);
}

export interface OpenStage {
  id: string;
  stage_order: number;
  role: string;
  region_code: string;
  status: string;
  decided_by: any;
  due_at: Date;
  opened_at: Date;
}

/** The proposal's stage now open, once the service has opened it. */
export async function openStageOf(db: DataSource, proposalId: string): Promise<OpenStage | undefined> {
  const [stage] = (await db.query(`SELECT * FROM approval_stage WHERE proposal_id = $1 AND status = 'OPEN'`, [proposalId])) as OpenStage[];
  return stage;
}

/**
 * How many sessions wait, directly or behind another waiter, for a row that `holder` has locked. Only
 * row-lock waits count: a CREATE INDEX CONCURRENTLY in another test file's migration waits for every
 * open transaction of the database, this one included, and is not a request of this test.
 */
export async function waitingOn(db: DataSource, holder: QueryRunner): Promise<number> {
  const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
  const [{ count }] = (await db.query(
    `WITH RECURSIVE row_waiter(pid) AS (
       SELECT DISTINCT l.pid FROM pg_locks l WHERE NOT l.granted AND l.locktype IN ('transactionid', 'tuple')),
     waiting(pid) AS (
       SELECT r.pid FROM row_waiter r WHERE $1 = ANY(pg_blocking_pids(r.pid))
       UNION SELECT r.pid FROM row_waiter r JOIN waiting w ON w.pid = ANY(pg_blocking_pids(r.pid)))
     SELECT count(*)::int AS count FROM waiting`,
    [pid],
  )) as Array<{ count: number }>;
  return count;
}
