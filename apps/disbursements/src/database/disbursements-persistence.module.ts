import { Module } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { BudgetCeilingRepository } from '../budgets/budget-ceiling.repository';
import { DisbursementRepository } from '../disbursements/disbursement.repository';
import { FiscalYearClosingRepository } from '../fiscal-calendar/fiscal-year-closing.repository';
import { ProgrammeVersionRepository } from '../programmes/programme-version.repository';
import { ProgressReportRepository } from '../progress/progress-report.repository';
import { ProposalSubmissionRepository } from '../proposal-submissions/proposal-submission.repository';
import { ReportingRepository } from '../reporting/reporting.repository';
import { TrancheRepository } from '../tranches/tranche.repository';

const REPOSITORIES = [
  Transactions,
  BudgetCeilingRepository,
  DisbursementRepository,
  TrancheRepository,
  ProgressReportRepository,
  ProposalSubmissionRepository,
  ProgrammeVersionRepository,
  FiscalYearClosingRepository,
  ReportingRepository,
];

/** The service's repositories (each owns its tables' SQL) and its transactions, for every feature module here. */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class DisbursementsPersistenceModule {}
