import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { jetstream, JetStreamClient } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { EventContract, EventEnvelope, PayloadOf, ProposalSubmittedV1, subjectFor, UserSavedPayload, UserSavedV1 } from '@alur/contracts';
import { HEADER_AGGREGATE_ID } from '@alur/messaging';
import { createServiceApp } from '@alur/platform';
import { expectEventually, removeTestResources, TestIsolation } from '@alur/testing';
import { DeliveryRepository, QueuedDelivery } from '../../apps/notifications/src/delivery/delivery.repository';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';

export interface RunningNotifications {
  app: INestApplication;
  db: DataSource;
  close(): Promise<void>;
}

/** The notifications service in this process against the test's isolation, answering requests over NATS too. */
export async function startNotifications(isolation: TestIsolation, env: NodeJS.ProcessEnv = {}): Promise<RunningNotifications> {
  const app = await createServiceApp(NotificationsModule.forRoot({ ...isolation.env, NOTIFICATIONS_PORT: '0', ...env }), 'notifications', {
    rpc: true,
  });
  return { app, db: app.get(DataSource), close: () => app.close() };
}

/**
 * E-mail deliveries to `to`, one per subject and in their order, committed without a job: as when the process
 * dies between commit and enqueue, or Redis loses the job, and for a test that makes the attempts itself.
 */
export function emailDeliveriesWithoutJob(
  service: RunningNotifications,
  to: UserSavedPayload,
  subjects: readonly string[],
): Promise<QueuedDelivery[]> {
  const repository = service.app.get(DeliveryRepository);
  const draft = {
    recipientUserId: to.userId,
    channel: 'email',
    kind: 'PROPOSAL_APPROVED',
    notificationId: null,
    address: to.email!,
  } as const;
  return service.db.transaction(async (tx) => {
    const created: QueuedDelivery[] = [];
    // One insert each: the rows come back in the subjects' order.
    for (const subject of subjects)
      created.push(...(await repository.create(tx, [{ ...draft, sourceId: randomUUID(), subject, body: 'x' }])));
    return created;
  });
}

/** Publishes events into the isolation's stream as a producer's outbox relay would. */
export class EventPublisher {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly prefix: string,
  ) {}

  static async connect(isolation: TestIsolation): Promise<EventPublisher> {
    const nc = await connect({ servers: isolation.env.NATS_URL });
    return new EventPublisher(nc, jetstream(nc), isolation.env.NATS_SUBJECT_PREFIX!);
  }

  async publish<C extends EventContract>(contract: C, aggregateId: string, payload: PayloadOf<C>): Promise<EventEnvelope<PayloadOf<C>>> {
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
    await this.send(contract, envelope, envelope.id);
    return envelope;
  }

  /** The same event again, past JetStream's duplicate check: what a redelivery looks like to the consumer. */
  async redeliver<C extends EventContract>(contract: C, envelope: EventEnvelope<PayloadOf<C>>): Promise<void> {
    await this.send(contract, envelope, randomUUID());
  }

  async saveUser(user: UserSavedPayload): Promise<void> {
    await this.publish(UserSavedV1, user.userId, user);
  }

  /** A proposal of `bkm`'s village, submitted as the proposals service announces it (the notifications service keeps its title); its id. */
  async submitProposal(title: string, bkm: UserSavedPayload): Promise<string> {
    const proposalId = randomUUID();
    const segments = bkm.regionCode.split('.');
    await this.publish(ProposalSubmittedV1, proposalId, {
      proposalId,
      programCode: 'KOTAKU-2026',
      programVersion: 1,
      villageCode: bkm.regionCode,
      districtCode: segments.slice(0, 3).join('.'),
      regencyCode: segments.slice(0, 2).join('.'),
      title,
      category: 'INFRASTRUCTURE',
      budgetTotal: 250_000_000,
      selfHelpAmount: 12_500_000,
      requestedAmount: 237_500_000,
      bkmUserId: bkm.userId,
      submissionNumber: 1,
      approvalChain: [{ role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 }],
      reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
    });
    return proposalId;
  }

  close(): Promise<void> {
    return this.nc.close();
  }

  private async send(contract: EventContract, envelope: EventEnvelope, msgID: string): Promise<void> {
    const h = natsHeaders();
    h.set(HEADER_AGGREGATE_ID, envelope.aggregateId);
    await this.js.publish(subjectFor(this.prefix, contract), JSON.stringify(envelope), { msgID, headers: h });
  }
}

export interface GatewayCall {
  body: { to: string; text: string; channel: string };
  headers: IncomingHttpHeaders;
}

/** A local HTTP server standing in for the regency's SMS/WhatsApp gateway; `status` is what it answers. */
export class FakeSmsGateway {
  readonly calls: GatewayCall[] = [];
  status = 200;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        this.calls.push({ body: JSON.parse(raw), headers: req.headers });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(this.status < 300 ? JSON.stringify({ id: `gw-${this.calls.length}` }) : JSON.stringify({ error: 'provider unavailable' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export async function startMailCatcher(): Promise<{ catcher: MailCatcher; smtpUrl: string }> {
  const catcher = new MailCatcher({ smtpPort: 0, httpPort: null });
  const { smtpPort } = await catcher.start();
  return { catcher, smtpUrl: `smtp://127.0.0.1:${smtpPort}` };
}

/** A user as an event names its actor. */
export function actorOf(u: UserSavedPayload) {
  return { userId: u.userId, username: u.username, role: u.role, regionCode: u.regionCode };
}

/** What a file's tests work with: the mail catcher, the notifications service sending to it, and a publisher. */
export interface MailedNotifications {
  catcher: MailCatcher;
  service: RunningNotifications;
  events: EventPublisher;
}

/**
 * Before a file's tests, a mail catcher, the notifications service (with `env`) sending to it, a publisher,
 * and `users` in the service's directory, handed to `started`; after them, all closed and the run's resources removed.
 */
export function useMailedNotifications(
  isolation: TestIsolation,
  users: UserSavedPayload[],
  env: NodeJS.ProcessEnv,
  started: (world: MailedNotifications) => void,
): void {
  const world: Partial<MailedNotifications> = {};
  beforeAll(async () => {
    const mail = await startMailCatcher();
    world.catcher = mail.catcher;
    world.service = await startNotifications(isolation, { SMTP_URL: mail.smtpUrl, ...env });
    const events = (world.events = await EventPublisher.connect(isolation));
    for (const u of users) await events.saveUser(u);
    await waitForUsers(world.service.db, users);
    started(world as MailedNotifications);
  });
  afterAll(async () => {
    await world.events?.close();
    await world.service?.close();
    await world.catcher?.stop();
    await removeTestResources(isolation.id, isolation.env);
  });
}

/** A user as the gateway announces it. */
export function user(
  username: string,
  role: UserSavedPayload['role'],
  regionCode: string,
  over: Partial<UserSavedPayload> = {},
): UserSavedPayload {
  return {
    userId: randomUUID(),
    username,
    displayName: username,
    role,
    regionCode,
    language: 'id',
    email: `${username}@demo.alur.test`,
    phone: null,
    active: true,
    ...over,
  };
}

/** What the service told `u` of a proposal, oldest first, as stored. */
export function notificationsOf(db: DataSource, u: UserSavedPayload, proposalId: string): Promise<Array<Record<string, any>>> {
  return db.query('SELECT kind, content, link FROM notification WHERE recipient_user_id = $1 AND proposal_id = $2 ORDER BY created_at', [
    u.userId,
    proposalId,
  ]);
}

/** Waits until the service has stored these users (events of different users are handled in parallel). */
export async function waitForUsers(db: DataSource, users: UserSavedPayload[]): Promise<void> {
  await expectEventually(async () => {
    const rows = await db.query('SELECT user_id FROM recipient WHERE user_id = ANY($1::text[])', [users.map((u) => u.userId)]);
    expect(rows).toHaveLength(users.length);
  });
}
