import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry, AuditTrail } from '@alur/audit';
import { Actor } from '@alur/contracts';
import { Transactions } from '@alur/database';

/** A file of the region's data that someone downloaded: its route, the filters that narrowed it, and its lines. */
export interface DownloadedExport {
  /** The route that made it, its placeholders kept: `/api/v1/proposals/xlsx`, `/api/v1/audit/proposals/{proposalId}/csv`. */
  route: string;
  filters: Readonly<Record<string, unknown>>;
  rows: number;
}

/**
 * The gateway's security-relevant actions (logins, logouts, new users, uploads, queue-board
 * sessions, downloads of data as files) in its hash-chained audit trail (libs/audit owns its SQL): in the transaction of the
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

  /**
   * A download of data as a file (the proposals, the tranches with their accounts, an audit trail, the evaluation):
   * a disclosure of what a page shows a screen at a time, recorded before the file is answered, so that no file
   * leaves without its record. The public report's files are anyone's and are not recorded.
   */
  exported(actor: Actor, file: DownloadedExport): Promise<void> {
    return this.record({
      actor,
      action: 'export.downloaded',
      entityType: 'export',
      entityId: file.route,
      after: { filters: file.filters, rows: file.rows },
    });
  }
}
