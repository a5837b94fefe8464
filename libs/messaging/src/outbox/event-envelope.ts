import { randomUUID } from 'node:crypto';
import type { Actor, EventContract, EventEnvelope, PayloadOf } from '@alur/contracts';
import type { EventDraft } from './outbox.service';

/** What the request or event being handled says of an event it causes: who acted, and which correlation it belongs to. */
export interface EventContext {
  actor?: Actor;
  correlationId?: string;
}

/**
 * An event as the outbox records it: the draft's payload checked against its contract (a producer never
 * publishes what its own contract would reject), a new id and time, and the actor and correlation of
 * the context where the draft names none (no actor at all: the system's, null).
 */
export function eventEnvelope<C extends EventContract>(
  contract: C,
  draft: EventDraft<C>,
  context: EventContext = {},
): EventEnvelope<PayloadOf<C>> {
  const payload = contract.schema.parse(draft.payload) as PayloadOf<C>;
  return {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt: new Date().toISOString(),
    aggregateType: contract.aggregateType,
    aggregateId: draft.aggregateId,
    actor: draft.actor !== undefined ? draft.actor : (context.actor ?? null),
    correlationId: context.correlationId ?? randomUUID(),
    payload,
  };
}
