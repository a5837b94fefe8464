import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcRequest } from '@alur/messaging';
import { ListFundsReportUseCase } from './list-funds-report.use-case';

/** Read-only figures for the transparency page and the dashboard, asked for by the gateway. */
@Controller()
export class ReportingController {
  constructor(private readonly fundsReport: ListFundsReportUseCase) {}

  @MessagePattern('disbursements.reporting.funds')
  funds(@Payload() request: RpcRequest<unknown>) {
    return this.fundsReport.execute(request.data);
  }
}
