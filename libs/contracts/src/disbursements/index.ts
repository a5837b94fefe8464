export * from './disbursement-ref.schema';
export * from './budget-committed/budget-committed.event';
export * from './proposal-awaiting-budget/proposal-awaiting-budget.event';
export * from './tranche-ready/tranche-ready.event';
export * from './tranche-released/tranche-released.event';
export * from './progress-reported/progress-reported.event';
export * from './proposal-completed/proposal-completed.event';
export * from './progress-photo.schema';
