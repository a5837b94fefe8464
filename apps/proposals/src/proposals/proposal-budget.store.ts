import { EntityManager } from 'typeorm';
import { BudgetItemInput, BudgetLine, hundredthsToQuantity } from './domain/budget';
import { ProposalBudgetItemEntity } from './proposal-budget-item.entity';

/** A proposal's RAB lines are replaced as a whole: the BKM edits the plan, not single cells. */
export async function replaceBudgetLines(tx: EntityManager, proposalId: string, lines: BudgetLine[]): Promise<void> {
  await tx.delete(ProposalBudgetItemEntity, { proposalId });
  if (lines.length === 0) return;
  await tx.insert(
    ProposalBudgetItemEntity,
    lines.map((line, position) => ({ proposalId, position, ...line })),
  );
}

export function budgetLinesOf(manager: EntityManager, proposalId: string): Promise<ProposalBudgetItemEntity[]> {
  return manager.find(ProposalBudgetItemEntity, { where: { proposalId }, order: { position: 'ASC' } });
}

/** Stored lines back in the shape the BKM wrote them, for recomputing and checking. */
export function asBudgetInput(items: ProposalBudgetItemEntity[]): BudgetItemInput[] {
  return items.map((item) => ({
    description: item.description,
    quantity: hundredthsToQuantity(item.quantityHundredths),
    unit: item.unit,
    unitPrice: item.unitPrice,
  }));
}
