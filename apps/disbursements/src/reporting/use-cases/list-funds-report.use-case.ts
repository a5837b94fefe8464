import { Injectable } from '@nestjs/common';
import { AnswerOf, ListFundsReport, RequestOf } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ReportingRepository } from '../reporting.repository';

/**
 * Every finally approved proposal with what is committed, released and built, for the public
 * transparency page (no caller needed: it is public information about public money) and the
 * regency dashboard. Read-only.
 */
@Injectable()
export class ListFundsReportUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly reporting: ReportingRepository,
  ) {}

  async execute(filter: RequestOf<typeof ListFundsReport>): Promise<AnswerOf<typeof ListFundsReport>> {
    return { items: await this.reporting.fundsReport(this.transactions.manager, filter) };
  }
}
