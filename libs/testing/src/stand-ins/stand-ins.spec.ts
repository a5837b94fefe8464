import { randomUUID } from 'node:crypto';
import { ActingAppointmentEndedV1, ConflictError } from '@alur/contracts';
import { InMemoryTransactions } from './in-memory-transactions';
import { RecordingAuditTrail } from './recording-audit-trail';
import { RecordingOutbox } from './recording-outbox';
import { refusalOf } from './refusal-of';

// The shared stand-ins keep the promises the use cases' tests rely on: a transaction is all-or-nothing
// for the stores it is given, the outbox checks each event against its contract, and a refusal is
// answered as the gateway answers it.

const ended = () => ({ aggregateId: randomUUID(), payload: { appointmentId: randomUUID(), validUntil: '2026-03-01T08:00:00.000Z' } });
const audited = { actor: null, action: 'acting-appointment.ended', entityType: 'acting-appointment', entityId: 'a-1' };

describe('the shared stand-ins', () => {
  it('keep what a transaction recorded when it commits, and put back the stores they were given when it throws', async () => {
    const [outbox, audit] = [new RecordingOutbox(), new RecordingAuditTrail()];
    const transactions = new InMemoryTransactions(outbox, audit);
    const kept = ended();
    await transactions.run(async (tx) => {
      await outbox.record(tx, ActingAppointmentEndedV1, kept);
      await audit.record(tx, audited);
    });

    const failing = transactions.run(async (tx) => {
      await outbox.recordMany(tx, ActingAppointmentEndedV1, [ended(), ended()]);
      await audit.record(tx, audited);
      throw new Error('the change failed');
    });

    await expect(failing).rejects.toThrow('the change failed');
    expect(outbox.events).toEqual([
      expect.objectContaining({ type: ActingAppointmentEndedV1.type, aggregateId: kept.aggregateId, actor: null }),
    ]);
    expect(audit.entries).toEqual([audited]);
    expect(audit.records).toEqual([expect.objectContaining({ seq: 1, action: audited.action, fromStatus: null, toStatus: null })]);
  });

  it('keep what a failed transaction did to stores they were not given', async () => {
    const outbox = new RecordingOutbox();
    const failing = new InMemoryTransactions().run(async (tx) => {
      await outbox.record(tx, ActingAppointmentEndedV1, ended());
      throw new Error('the change failed');
    });

    await expect(failing).rejects.toThrow('the change failed');
    expect(outbox.events).toHaveLength(1);
  });

  it('refuse an event its contract rejects, as the real outbox does', async () => {
    const outbox = new RecordingOutbox();
    const draft = { aggregateId: 'a-1', payload: { appointmentId: 'not-a-uuid', validUntil: '2026-03-01T08:00:00.000Z' } };

    await expect(outbox.record({} as never, ActingAppointmentEndedV1, draft)).rejects.toThrow(/Invalid UUID/);
    expect(outbox.events).toEqual([]);
  });

  it('answer a refusal as the caller gets it, and fail the test when there was none', async () => {
    const refused = await refusalOf(Promise.reject(new ConflictError('This stage is already REJECTED')));

    expect(refused).toEqual({
      error: expect.any(ConflictError),
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'This stage is already REJECTED' },
    });
    await expect(refusalOf(Promise.resolve({ ok: true }))).rejects.toThrow('Expected a refusal, but the use case answered {"ok":true}');
    await expect(refusalOf(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
