import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditTrail } from '@alur/audit';

/**
 * The gateway's security-relevant actions (logins, logouts, new users, uploads, queue-board
 * sessions) in its hash-chained audit trail: in the transaction of the change when there is one,
 * in a transaction of their own when the action changes nothing else (a login, a refusal).
 */
@Injectable()
export class SecurityAudit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {}

  async record(entry: AuditEntry, tx?: EntityManager): Promise<void> {
    if (tx) {
      await this.trail.record(tx, entry);
      return;
    }
    await this.dataSource.transaction((own) => this.trail.record(own, entry));
  }
}
