import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventContract, EventEnvelope, PayloadOf } from '@alur/contracts';

export const HANDLE_EVENT = Symbol('HANDLE_EVENT');

/** What a handler receives: the validated event, and the transaction its inbox record commits in. */
export type EventHandlerFn<C extends EventContract> = (event: EventEnvelope<PayloadOf<C>>, tx: EntityManager) => Promise<void>;

/**
 * Marks a method as the handler of one event contract. The method's writes must go through `tx`:
 * they commit together with the inbox record, so a redelivered event has no second effect.
 */
export const HandleEvent = (contract: EventContract): MethodDecorator => SetMetadata(HANDLE_EVENT, contract);
