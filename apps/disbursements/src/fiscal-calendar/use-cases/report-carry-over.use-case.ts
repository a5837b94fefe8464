import { Injectable } from '@nestjs/common';
import {
  Actor,
  AnswerOf,
  BUDGET_READING_ROLES,
  CarryOverItem,
  NotFoundError,
  ReportCarryOver,
  RequestOf,
  requireRole,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { ReportingRepository } from '../../reporting/reporting.repository';
import { FiscalCalendar } from '../fiscal-calendar.service';
import { releasesClosingView } from '../releases-closing.view';

export type { CarryOverItem };
export type CarryOverReport = AnswerOf<typeof ReportCarryOver>;

/**
 * The carry-over (SiLPA) of a fiscal year in the caller's kabupaten: every committed tranche of a
 * disbursement still being funded that was not released, with totals per programme.
 */
@Injectable()
export class ReportCarryOverUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly reporting: ReportingRepository,
    private readonly regions: RegionDirectory,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof ReportCarryOver>): Promise<CarryOverReport> {
    requireRole(actor, ...BUDGET_READING_ROLES);
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    const closing = await this.calendar.closingOf(this.transactions.manager, regencyCode, request.fiscalYear);
    const items = await this.reporting.carryOver(this.transactions.manager, regencyCode, request.fiscalYear, request.programCode);
    const programmes = new Map<string, { programCode: string; amount: number; tranches: number }>();
    for (const item of items) {
      const entry = programmes.get(item.programCode) ?? { programCode: item.programCode, amount: 0, tranches: 0 };
      entry.amount += item.amount;
      entry.tranches += 1;
      programmes.set(item.programCode, entry);
    }
    return {
      ...releasesClosingView(closing),
      total: items.reduce((sum, item) => sum + item.amount, 0),
      byProgramme: [...programmes.values()],
      items,
    };
  }
}
