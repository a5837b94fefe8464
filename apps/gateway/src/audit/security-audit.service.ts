import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry, AuditTrail } from '@alur/audit';
import { Transactions } from '@alur/database';

/**
 * The gateway's security-relevant actions (logins, logouts, new users, uploads, queue-board
 * sessions) in its hash-chained audit trail (libs/audit owns its SQL): in the transaction of the
 * change when there is one, in a transaction of their own when the action changes nothing else (a login, a refusal).
 */
@Injectable()
export class SecurityAudit {
  constructor(
    private readonly transactions: Transactions,
    private readonly trail: AuditTrail,
  ) {}

  async record(entry: AuditEntry, tx?: EntityManager): Promise<void> {
    if (tx) {
      await this.trail.record(tx, entry);
      return;
    }
    await this.transactions.run((own) => this.trail.record(own, entry));
  }
}
