import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, ListBudgets, RequestOf, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { BudgetCeilingRepository } from '../budget-ceiling.repository';
import { toBudgetView } from '../budget-view';

export type ListBudgetsRequest = RequestOf<typeof ListBudgets>;

/** Ceilings of the caller's kabupaten, for ADMIN and BPKAD. */
@Injectable()
export class ListBudgetsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly ceilings: BudgetCeilingRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, filter: ListBudgetsRequest): Promise<AnswerOf<typeof ListBudgets>> {
    requireRole(actor, 'ADMIN', 'BPKAD');
    const ceilings = await this.ceilings.listInRegency(this.transactions.manager, actor.regionCode, {
      programCode: filter.programCode,
      fiscalYear: filter.year,
      regionCode: filter.regionCode,
    });
    return { items: ceilings.map((ceiling) => toBudgetView(ceiling, this.regions.get(ceiling.regionCode)?.name ?? null)) };
  }
}
