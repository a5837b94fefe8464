import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, NotFoundError, RequestOf, requireRole, SetReleasesClosing } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { FiscalCalendar } from '../fiscal-calendar.service';
import { FiscalYearClosingRepository } from '../fiscal-year-closing.repository';
import { releasesClosingView } from '../releases-closing.view';

/** BPKAD sets (or moves) the date its kabupaten's fiscal year closes for releases. Audited. */
@Injectable()
export class SetReleasesClosingUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly closings: FiscalYearClosingRepository,
    private readonly regions: RegionDirectory,
    private readonly calendar: FiscalCalendar,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof SetReleasesClosing>): Promise<AnswerOf<typeof SetReleasesClosing>> {
    requireRole(actor, 'BPKAD');
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    return this.transactions.run(async (tx) => {
      const before = await this.calendar.closingOf(tx, regencyCode, request.fiscalYear);
      await this.closings.set(tx, regencyCode, request.fiscalYear, new Date(request.releasesCloseAt), actor);
      const after = await this.calendar.closingOf(tx, regencyCode, request.fiscalYear);
      await this.audit.record(tx, {
        actor,
        action: 'fiscal-year.releases-closing-set',
        entityType: 'fiscal-year',
        entityId: `${regencyCode}/${request.fiscalYear}`,
        before: { releasesCloseAt: before.releasesCloseAt.toISOString(), isDefault: before.isDefault },
        after: { releasesCloseAt: after.releasesCloseAt.toISOString() },
      });
      return releasesClosingView(after);
    });
  }
}
