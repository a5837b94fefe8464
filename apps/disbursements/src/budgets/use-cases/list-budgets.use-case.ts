import { Injectable } from '@nestjs/common';
import { BaseEnv, InjectEnv } from '@alur/config';
import { Actor, AnswerOf, BUDGET_READING_ROLES, BudgetView, fiscalYearAt, ListBudgets, RequestOf, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { ProgrammeVersionRepository } from '../../programmes/programme-version.repository';
import { BudgetCeilingRepository } from '../budget-ceiling.repository';
import { defaultBudgetView, toBudgetView } from '../budget-view';
import { ceilingRegionsOf } from '../domain/ceiling-regions';

export type ListBudgetsRequest = RequestOf<typeof ListBudgets>;

const keyOf = (b: Pick<BudgetView, 'programCode' | 'fiscalYear' | 'regionCode'>) => `${b.programCode}|${b.fiscalYear}|${b.regionCode}`;

/**
 * Ceilings of the caller's kabupaten, for ADMIN and BPKAD: those set or committed against, and, so that
 * BPKAD can set a pagu before the first proposal of a region is approved, every other region open to a
 * programme of this fiscal year or later (or of the year asked for) at the programme's default.
 */
@Injectable()
export class ListBudgetsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly ceilings: BudgetCeilingRepository,
    private readonly programmes: ProgrammeVersionRepository,
    private readonly regions: RegionDirectory,
    @InjectEnv() private readonly env: BaseEnv,
  ) {}

  async execute(actor: Actor, filter: ListBudgetsRequest, now = new Date()): Promise<AnswerOf<typeof ListBudgets>> {
    requireRole(actor, ...BUDGET_READING_ROLES);
    const db = this.transactions.manager;
    const ceilings = await this.ceilings.listInRegency(db, actor.regionCode, {
      programCode: filter.programCode,
      fiscalYear: filter.year,
      regionCode: filter.regionCode,
    });
    const items = ceilings.map((ceiling) => toBudgetView(ceiling, this.regions.placeNameOf(ceiling.regionCode)));
    const listed = new Set(items.map(keyOf));
    const programmes = await this.programmes.latestPerYear(db, {
      programCode: filter.programCode,
      fiscalYear: filter.year,
      fromYear: fiscalYearAt(now, this.env.TIMEZONE),
    });
    const within = (code: string) => !filter.regionCode || code === filter.regionCode || code.startsWith(`${filter.regionCode}.`);
    for (const programme of programmes) {
      for (const region of ceilingRegionsOf(this.regions, actor.regionCode, programme.ceilingRegionLevel, programme.eligibleRegions)) {
        const key = { programCode: programme.code, fiscalYear: programme.fiscalYear, regionCode: region.code };
        if (within(region.code) && !listed.has(keyOf(key))) {
          items.push(defaultBudgetView(programme, region.code, this.regions.placeNameOf(region.code)));
        }
      }
    }
    // As the ceilings were listed: by programme, year and region code.
    return { items: items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)) };
  }
}
