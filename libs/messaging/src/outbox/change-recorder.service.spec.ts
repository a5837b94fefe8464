import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { RidingStatement } from '@alur/database';
import type { AuditEntry, AuditTrail } from '@alur/audit';
import { ActingAppointmentEndedV1, Actor, EventContract, EventEnvelope } from '@alur/contracts';
import { ChangeRecorder } from './change-recorder.service';
import { eventEnvelope } from './event-envelope';
import type { EventDraft, OutboxService } from './outbox.service';

// ChangeRecorder against stand-ins for the outbox and the audit trail: what it writes, in which order, with which actor.

const ADMIN: Actor = { userId: 'u-admin', username: 'admin', role: 'ADMIN', regionCode: '14.03' };
const SEKDA: Actor = { userId: 'u-sekda', username: 'sekda', role: 'SEKDA', regionCode: '14.03' };
const TX = { marker: 'the change transaction' } as unknown as EntityManager;

type Write =
  | { kind: 'event'; tx: EntityManager; envelope: EventEnvelope }
  | { kind: 'audit'; tx: EntityManager; entry: AuditEntry; alongside?: RidingStatement };
/** The outbox's statement, as handed to the audit trail to ride on its round trip. */
const ROWS: RidingStatement = { with: 'recorded AS (INSERT …)', select: "pg_notify($1, '')", params: ['channel'] };

function setUp() {
  const writes: Write[] = [];
  const outbox = {
    async recordMany<C extends EventContract>(
      tx: EntityManager,
      contract: C,
      drafts: EventDraft<C>[],
      write: (rows: RidingStatement, envelopes: EventEnvelope[]) => Promise<unknown>,
    ): Promise<EventEnvelope[]> {
      const envelopes = drafts.map((draft) => eventEnvelope(contract, draft, { correlationId: 'correlation' }));
      for (const envelope of envelopes) writes.push({ kind: 'event', tx, envelope });
      await write(ROWS, envelopes);
      return envelopes;
    },
  };
  const audit = {
    async record(tx: EntityManager, entry: AuditEntry, alongside?: RidingStatement): Promise<void> {
      writes.push({ kind: 'audit', tx, entry, alongside });
    },
  };
  const changes = new ChangeRecorder(outbox as unknown as OutboxService, audit as unknown as AuditTrail);
  return { changes, writes };
}

const appointmentId = randomUUID();
const announce = {
  contract: ActingAppointmentEndedV1,
  aggregateId: appointmentId,
  actor: ADMIN,
  payload: { appointmentId, validUntil: '2026-03-01T08:00:00.000Z' },
};
const audit = {
  action: 'acting-appointment.ended',
  entityType: 'acting-appointment',
  entityId: appointmentId,
  fromStatus: 'ACTIVE',
  toStatus: 'ENDED',
  before: { active: true },
  after: { active: false },
};

describe('ChangeRecorder', () => {
  it("records the event, then the audit entry with the event's actor, both in the change's transaction, the event's row riding on the audit's statement", async () => {
    const { changes, writes } = setUp();

    await changes.record(TX, { announce, audit });

    expect(writes.map((w) => w.kind)).toEqual(['event', 'audit']);
    expect(writes.every((w) => w.tx === TX)).toBe(true);
    const [event, entry] = writes;
    expect(event).toMatchObject({
      envelope: { type: ActingAppointmentEndedV1.type, aggregateId: appointmentId, actor: ADMIN, payload: announce.payload },
    });
    expect(entry).toEqual({ kind: 'audit', tx: TX, entry: { ...audit, actor: ADMIN }, alongside: ROWS });
  });

  it('audits a change the system announced (a null actor) under the system too', async () => {
    const { changes, writes } = setUp();

    await changes.record(TX, { announce: { ...announce, actor: null }, audit });

    expect(writes[1]).toMatchObject({ kind: 'audit', entry: { actor: null } });
  });

  it("records the audit entry under an actor given for it, not the event's", async () => {
    const { changes, writes } = setUp();

    await changes.record(TX, { announce, audit: { ...audit, actor: SEKDA } });

    expect(writes[0]).toMatchObject({ kind: 'event', envelope: { actor: ADMIN } });
    expect(writes[1]).toMatchObject({ kind: 'audit', entry: { actor: SEKDA } });
  });

  it('keeps an explicit null audit actor (the system) even when the event has one', async () => {
    const { changes, writes } = setUp();

    await changes.record(TX, { announce, audit: { ...audit, actor: null } });

    expect(writes[1]).toMatchObject({ kind: 'audit', entry: { actor: null } });
  });

  it('returns the envelope the outbox recorded', async () => {
    const { changes, writes } = setUp();

    const envelope = await changes.record(TX, { announce, audit });

    expect(writes[0]).toMatchObject({ kind: 'event' });
    expect(envelope).toBe((writes[0] as Extract<Write, { kind: 'event' }>).envelope);
  });

  it('writes no audit entry when the event cannot be recorded', async () => {
    const writes: AuditEntry[] = [];
    const failing = new ChangeRecorder(
      { recordMany: () => Promise.reject(new Error('outbox down')) } as unknown as OutboxService,
      { record: async (_tx: EntityManager, entry: AuditEntry) => writes.push(entry) } as unknown as AuditTrail,
    );

    await expect(failing.record(TX, { announce, audit })).rejects.toThrow('outbox down');
    expect(writes).toEqual([]);
  });
});
