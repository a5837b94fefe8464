import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, PayloadOf } from '@alur/contracts';
import type { EventDraft, OutboxService } from '@alur/messaging';
import type { Rollbackable } from './in-memory-transactions';

/**
 * The outbox, kept in a list: the events a use case announced, each checked against its contract as
 * the real outbox checks it, and answered with its envelope as the real outbox answers. There is no
 * request context here, so an event announced without an actor is the system's (null).
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

  async recordMany<C extends EventContract>(
    _tx: EntityManager,
    contract: C,
    drafts: ReadonlyArray<EventDraft<C>>,
  ): Promise<Array<EventEnvelope<PayloadOf<C>>>> {
    const envelopes = drafts.map((draft): EventEnvelope<PayloadOf<C>> => ({
      id: randomUUID(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      aggregateType: contract.aggregateType,
      aggregateId: draft.aggregateId,
      actor: draft.actor ?? null,
      correlationId: randomUUID(),
      payload: contract.schema.parse(draft.payload) as PayloadOf<C>,
    }));
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
