import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor } from '@alur/contracts';
import { InboundDeadLetter, InboundEventStore } from '../consumer/inbound-event.store';
import { InboundEventProcessor, ReplayFailedError } from '../consumer/inbound-event-processor.service';

export type DeadLetter = InboundDeadLetter;

/** Who acts on a dead letter: the ADMIN the gateway let through, or (on a domain service's loopback-only port) an operator on its machine. */
export interface DeadLetterOperator {
  actor: Actor | null;
  /** The address the request came from. */
  address: string | null;
}

/** The audit trail's entity for a dead letter; its id is the dead letter's number in this service. */
export const DEAD_LETTER_ENTITY = 'dead-letter';

/**
 * Events this service could not handle, kept for an operator: each parks its aggregate (the later events
 * of it wait, counted in `heldBehind`) until it is replayed, in stream order, or explicitly skipped.
 * Every replay (and failed replay) and skip is in the service's audit trail, with who asked from where.
 */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly store: InboundEventStore,
    private readonly processor: InboundEventProcessor,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  list(options: { includeResolved?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    return this.store.deadLetters(options);
  }

  get(id: string): Promise<DeadLetter | undefined> {
    return this.store.deadLetter(id);
  }

  /** Handles it again now; throws ReplayFailedError with the reason if it still cannot be handled. */
  async replay(letter: DeadLetter, operator: DeadLetterOperator): Promise<void> {
    try {
      await this.processor.replay(letter.id, (tx) => this.record(tx, 'dead-letter.replayed', letter, operator));
    } catch (error) {
      if (error instanceof ReplayFailedError) {
        await this.dataSource.transaction((tx) => this.record(tx, 'dead-letter.replay-failed', letter, operator, error.message));
      }
      throw error;
    }
  }

  /** Gives it up on purpose, so that the events held behind it go on. */
  async skip(letter: DeadLetter, operator: DeadLetterOperator): Promise<boolean> {
    const skipped = await this.dataSource.transaction(async (tx) => {
      if (!(await this.store.skip(letter.id, tx))) return false;
      await this.record(tx, 'dead-letter.skipped', letter, operator);
      return true;
    });
    if (skipped) this.processor.wake();
    return skipped;
  }

  private record(tx: EntityManager, action: string, letter: DeadLetter, operator: DeadLetterOperator, failure?: string) {
    return this.audit.record(tx, {
      actor: operator.actor,
      action,
      entityType: DEAD_LETTER_ENTITY,
      entityId: letter.id,
      fromStatus: 'dead',
      toStatus: action === 'dead-letter.replayed' ? 'replayed' : action === 'dead-letter.skipped' ? 'skipped' : 'dead',
      after: {
        eventId: letter.eventId,
        subject: letter.subject,
        aggregateKey: letter.aggregateKey,
        reason: letter.reason,
        address: operator.address,
        ...(failure ? { failure } : {}),
      },
    });
  }
}
