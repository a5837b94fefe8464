import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, AnswerOf, NotFoundError, RequestOf, SetReleasesClosing } from '@alur/contracts';
import { requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { FiscalCalendar } from './fiscal-calendar.service';
import { releasesClosingView } from './releases-closing.view';

/** BPKAD sets (or moves) the date its kabupaten's fiscal year closes for releases. Audited. */
@Injectable()
export class SetReleasesClosingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly calendar: FiscalCalendar,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof SetReleasesClosing>): Promise<AnswerOf<typeof SetReleasesClosing>> {
    requireRole(actor, 'BPKAD');
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.calendar.closingOf(tx, regencyCode, request.fiscalYear);
      await tx.query(
        `INSERT INTO fiscal_year_closing (regency_code, fiscal_year, releases_close_at, set_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (regency_code, fiscal_year) DO UPDATE SET releases_close_at = EXCLUDED.releases_close_at, set_by = EXCLUDED.set_by, updated_at = now()`,
        [regencyCode, request.fiscalYear, new Date(request.releasesCloseAt), JSON.stringify(actor)],
      );
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
