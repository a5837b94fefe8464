import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CustomStrategy } from '@nestjs/microservices';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import {
  EventContract,
  EventEnvelope,
  PayloadOf,
  ProgrammePublishedPayload,
  ProgrammePublishedV1,
  ProposalApprovedPayload,
  ProposalApprovedV1,
  ProposalSubmittedPayload,
  ProposalSubmittedV1,
  subjectFor,
  Tranche,
} from '@alur/contracts';
import { ensureEventStream, HEADER_AGGREGATE_ID, PrefixedNatsServer, RpcExceptionFilter } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { expectEventually, TestIsolation, THIS_FISCAL_YEAR } from '@alur/testing';
import { DisbursementsModule } from '../../apps/disbursements/src/disbursements.module';
import type { GatewayResponse, RunningGateway } from '../gateway/gateway-harness';
import { BKM_ACCOUNT } from '../proposals/proposal-fixtures';

export interface RunningDisbursements {
  app: INestApplication;
  db: DataSource;
  audit: AuditTrail;
  close(): Promise<void>;
}

/** The disbursements service in this process, answering the gateway over NATS and consuming the test's stream. */
export async function startDisbursements(isolation: TestIsolation): Promise<RunningDisbursements> {
  const env: NodeJS.ProcessEnv = { ...isolation.env, DISBURSEMENTS_PORT: '0' };
  // Through the test's pino logger, as startGateway's (`logger: false` silenced every app of the process).
  const app = await NestFactory.create(DisbursementsModule.forRoot(env), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Before connecting: the transport builds its handlers, filters included, when it is connected.
  app.useGlobalFilters(new RpcExceptionFilter());
  app.connectMicroservice<CustomStrategy>(
    {
      strategy: new PrefixedNatsServer(env.NATS_SUBJECT_PREFIX!, {
        servers: env.NATS_URL,
        queue: 'disbursements',
        name: 'alur-disbursements-rpc-test',
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.init();
  return { app, db: app.get(DataSource), audit: app.get(AuditTrail), close: () => app.close() };
}

/** Waits until each proposal's approval is committed (FUNDING) and gives its disbursement id, by proposal id. */
export async function fundedDisbursements(gateway: RunningGateway, token: string, proposalIds: string[]): Promise<Record<string, string>> {
  return expectEventually(async () => {
    const ids: Record<string, string> = {};
    for (const proposalId of proposalIds) {
      const [item] = (await (await gateway.call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, { token })).json()).items;
      expect(item?.status).toBe('FUNDING');
      ids[proposalId] = item.id;
    }
    return ids;
  });
}

export { BKM_ACCOUNT };

/**
 * A tranche released as BPKAD does it, by two officials: `preparer` prepares the SPM, `authoriser`
 * (another one) authorises it. Gives the authorisation's answer, or the preparation's if that was refused.
 */
export async function releaseByTwo(
  gateway: RunningGateway,
  officials: { preparer: string; authoriser: string },
  disbursementId: string,
  trancheNumber: number,
  body: { sp2dNumber: string; releasedAt: string },
): Promise<GatewayResponse> {
  const tranche = `/api/v1/disbursements/${disbursementId}/tranches/${trancheNumber}`;
  const prepared = await gateway.call('POST', `${tranche}/spm`, {
    token: officials.preparer,
    body: { sp2dNumber: body.sp2dNumber, bankAccount: BKM_ACCOUNT },
    headers: { 'Idempotency-Key': randomUUID() },
  });
  if (prepared.status !== 200) return prepared;
  return gateway.call('POST', `${tranche}/release`, { token: officials.authoriser, body, headers: { 'Idempotency-Key': randomUUID() } });
}

/** Publishes events into the test's stream as another service's outbox relay would. */
export class EventPublisher {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  static async open(isolation: TestIsolation): Promise<EventPublisher> {
    const nc = await connect({ servers: isolation.env.NATS_URL });
    await ensureEventStream(await jetstreamManager(nc), isolation.env.NATS_STREAM!, isolation.env.NATS_SUBJECT_PREFIX!);
    return new EventPublisher(nc, isolation.env.NATS_SUBJECT_PREFIX!);
  }

  async publish<C extends EventContract>(contract: C, aggregateId: string, payload: PayloadOf<C>): Promise<void> {
    const envelope: EventEnvelope<PayloadOf<C>> = {
      id: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      aggregateType: contract.aggregateType,
      aggregateId,
      actor: null,
      correlationId: randomUUID(),
      payload: contract.schema.parse(payload) as PayloadOf<C>,
    };
    const h = headers();
    h.set(HEADER_AGGREGATE_ID, aggregateId);
    await jetstream(this.nc).publish(subjectFor(this.prefix, contract), JSON.stringify(envelope), { msgID: envelope.id, headers: h });
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}

/** A published programme version, as the proposals service announces it; `code` keeps tests apart. */
export function programme(
  code: string,
  options: {
    tranchePlan: Tranche[];
    ceiling: ProgrammePublishedPayload['budgetCeiling'];
    version?: number;
    progressPhotosRequired?: boolean;
    eligibleRegions?: ProgrammePublishedPayload['eligibleRegions'];
  },
): ProgrammePublishedPayload {
  return {
    code,
    version: options.version ?? 1,
    name: `Programme ${code}`,
    fiscalYear: THIS_FISCAL_YEAR,
    eligibleRegions: options.eligibleRegions ?? { scope: 'ALL' },
    maxRequestedAmount: 2_000_000_000,
    minSelfHelpShareBp: 0,
    categories: ['INFRASTRUCTURE'],
    approvalChain: [{ role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 }],
    reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
    tranchePlan: options.tranchePlan,
    budgetCeiling: options.ceiling,
    progressPhotosRequired: options.progressPhotosRequired,
    publishedAt: new Date().toISOString(),
  };
}

/** The final approval of a proposal of `villageCode`, as the approvals service announces it. */
export function approval(
  programCode: string,
  villageCode: string,
  requestedAmount: number,
  approvedAt: Date,
  options: { programVersion?: number; proposalId?: string } = {},
): ProposalApprovedPayload {
  const regions = RegionDirectory.shared();
  return {
    proposalId: options.proposalId ?? randomUUID(),
    submissionNumber: 1,
    programCode,
    programVersion: options.programVersion ?? 1,
    villageCode,
    districtCode: regions.districtOf(villageCode)!.code,
    regencyCode: regions.regencyOf(villageCode)!.code,
    title: `Jalan lingkungan ${regions.get(villageCode)!.name}`,
    requestedAmount,
    approvedAt: approvedAt.toISOString(),
  };
}

/** The (first) submission of a proposal of `villageCode`, as the proposals service announces it: it carries the swadaya. */
export function submission(
  programCode: string,
  villageCode: string,
  amounts: { requestedAmount: number; selfHelpAmount: number },
  proposalId: string,
): ProposalSubmittedPayload {
  const regions = RegionDirectory.shared();
  return {
    proposalId,
    programCode,
    programVersion: 1,
    villageCode,
    districtCode: regions.districtOf(villageCode)!.code,
    regencyCode: regions.regencyOf(villageCode)!.code,
    title: `Jalan lingkungan ${regions.get(villageCode)!.name}`,
    category: 'INFRASTRUCTURE',
    budgetTotal: amounts.requestedAmount + amounts.selfHelpAmount,
    selfHelpAmount: amounts.selfHelpAmount,
    requestedAmount: amounts.requestedAmount,
    bkmUserId: `bkm.${villageCode}`,
    payeeAccount: BKM_ACCOUNT,
    submissionNumber: 1,
    approvalChain: [{ role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 }],
    reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
  };
}

export { ProgrammePublishedV1, ProposalApprovedV1, ProposalSubmittedV1 };
