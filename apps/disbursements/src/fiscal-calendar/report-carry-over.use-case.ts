import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, CarryOverItem, NotFoundError, ReportCarryOver, RequestOf } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { TrancheStatus } from '../disbursements/disbursement-row';
import { FiscalCalendar } from './fiscal-calendar.service';
import { releasesClosingView } from './releases-closing.view';

export type { CarryOverItem };
export type CarryOverReport = AnswerOf<typeof ReportCarryOver>;

/**
 * The carry-over (SiLPA) of a fiscal year in the caller's kabupaten: every committed tranche of a
 * disbursement still being funded that was not released, with totals per programme.
 */
@Injectable()
export class ReportCarryOverUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof ReportCarryOver>): Promise<CarryOverReport> {
    requireRole(actor, 'BPKAD', 'ADMIN');
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    const closing = await this.calendar.closingOf(this.dataSource.manager, regencyCode, request.fiscalYear);
    const params: unknown[] = [regencyCode, request.fiscalYear];
    const byProgramme = request.programCode ? `AND d.program_code = $${params.push(request.programCode)}` : '';
    const rows = (await this.dataSource.query(
      `SELECT d.proposal_id, d.id AS disbursement_id, d.title, d.program_code, d.village_code, d.district_code, t.number, t.status, t.amount
         FROM disbursement d JOIN tranche t ON t.disbursement_id = d.id
        WHERE d.regency_code = $1 AND d.fiscal_year = $2 AND d.status = 'FUNDING' AND t.status IN ('LOCKED', 'READY', 'PREPARED') ${byProgramme}
        ORDER BY d.program_code, d.district_code, d.village_code, d.approved_at, t.number`,
      params,
    )) as Array<{
      proposal_id: string;
      disbursement_id: string;
      title: string;
      program_code: string;
      village_code: string;
      district_code: string;
      number: number;
      status: TrancheStatus;
      amount: string;
    }>;
    const items: CarryOverItem[] = rows.map((row) => ({
      proposalId: row.proposal_id,
      disbursementId: row.disbursement_id,
      title: row.title,
      programCode: row.program_code,
      villageCode: row.village_code,
      districtCode: row.district_code,
      trancheNumber: row.number,
      trancheStatus: row.status,
      amount: rupiahOf(row.amount),
    }));
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
