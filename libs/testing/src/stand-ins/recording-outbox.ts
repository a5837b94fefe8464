import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, PayloadOf } from '@alur/contracts';
import type { RidingStatement } from '@alur/database';
import { eventEnvelope, type EventDraft, type OutboxService } from '@alur/messaging';
import type { Rollbackable } from './in-memory-transactions';

/**
 * The outbox, kept in a list: the events a use case announced, each made into its envelope as the real
 * outbox makes it (eventEnvelope: the payload checked against its contract). There is no request
 * context here, so an event announced without an actor is the system's (null).
 */
export class RecordingOutbox implements Pick<OutboxService, 'record' | 'recordMany'>, Rollbackable {
  events: Array<EventEnvelope<unknown>> = [];

  snapshot(): () => void {
    const events = [...this.events];
    return () => {
      this.events = events;
    };
  }

  async record<C extends EventContract>(tx: EntityManager, contract: C, draft: EventDraft<C>): Promise<EventEnvelope<PayloadOf<C>>> {
    const [envelope] = await this.recordMany(tx, contract, [draft]);
    return envelope;
  }

  /** As the real one, `write` (ChangeRecorder's audit record) runs once the envelopes are made; there is no statement to carry. */
  async recordMany<C extends EventContract>(
    _tx: EntityManager,
    contract: C,
    drafts: Array<EventDraft<C>>,
    write?: (rows: RidingStatement, envelopes: Array<EventEnvelope<PayloadOf<C>>>) => Promise<unknown>,
  ): Promise<Array<EventEnvelope<PayloadOf<C>>>> {
    const envelopes = drafts.map((draft) => eventEnvelope(contract, draft));
    await write?.({ with: '', select: '', params: [] }, envelopes);
    this.events.push(...envelopes);
    return envelopes;
  }

  /** What was announced about one aggregate, oldest first. */
  of(aggregateId: string): Array<EventEnvelope<unknown>> {
    return this.events.filter((event) => event.aggregateId === aggregateId);
  }

  /** The events of one type, oldest first. */
  ofType(contract: EventContract): Array<EventEnvelope<unknown>> {
    return this.events.filter((event) => event.type === contract.type);
  }
}
