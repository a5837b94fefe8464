import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry, AuditTrail } from '@alur/audit';
import { EventContract, EventEnvelope, PayloadOf } from '@alur/contracts';
import { RidingStatement, together } from '@alur/database';
import { EventDraft, OutboxService } from './outbox.service';

/** A committed change as the rest of the system must hear of it, and as the audit trail keeps it. */
export interface RecordedChange<C extends EventContract> {
  /** The event that announces it, through the outbox. */
  announce: EventDraft<C> & { contract: C };
  /** Its audit entry; the actor is the announcement's unless given. */
  audit: Omit<AuditEntry, 'actor'> & { actor?: AuditEntry['actor'] };
  /**
   * The change itself, to ride on the record's round trip: writes nothing before the record reads, to rows
   * the transaction has locked already (a lock first taken there would come after the audit chain's head,
   * where other transactions take it before).
   */
  alongside?: RidingStatement;
}

/**
 * "Record the change's event and its audit entry" in one call, in the change's own transaction: both
 * are written with the change or not at all, and no use case can announce a change it forgot to audit.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async record<C extends EventContract>(tx: EntityManager, change: RecordedChange<C>): Promise<EventEnvelope<PayloadOf<C>>> {
    const { contract, ...draft } = change.announce;
    const { actor, ...entry } = change.audit;
    // The event's row (and the change, if given) rides on the audit record's round trip: one statement per change.
    const [event] = await this.outbox.recordMany(tx, contract, [draft], (rows, [envelope]) =>
      this.audit.record(
        tx,
        { ...entry, actor: actor !== undefined ? actor : envelope.actor },
        change.alongside ? together(rows, change.alongside) : rows,
      ),
    );
    return event;
  }
}
