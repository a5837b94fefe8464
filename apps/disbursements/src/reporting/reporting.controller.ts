import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcRequest } from '@alur/messaging';
import { ListFundsReportUseCase } from './list-funds-report.use-case';
import { ListPublicProgressUseCase } from './list-public-progress.use-case';

/** Read-only figures for the transparency page and the dashboard, asked for by the gateway. */
@Controller()
export class ReportingController {
  constructor(
    private readonly fundsReport: ListFundsReportUseCase,
    private readonly publicProgress: ListPublicProgressUseCase,
  ) {}

  @MessagePattern('disbursements.reporting.funds')
  funds(@Payload() request: RpcRequest<unknown>) {
    return this.fundsReport.execute(request.data);
  }

  @MessagePattern('disbursements.reporting.public-progress')
  progress(@Payload() request: RpcRequest<unknown>) {
    return this.publicProgress.ofProposal(request.data);
  }

  @MessagePattern('disbursements.reporting.public-photo')
  photo(@Payload() request: RpcRequest<unknown>) {
    return this.publicProgress.isPublicPhoto(request.data);
  }
}
