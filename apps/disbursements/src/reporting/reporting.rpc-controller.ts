import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CheckPublicPhoto, ListFundsReport, ListPublicProgress, RequestOf } from '@alur/contracts';
import { AnswersRequest, RpcRequest } from '@alur/messaging';
import { ListFundsReportUseCase } from './use-cases/list-funds-report.use-case';
import { ListPublicProgressUseCase } from './use-cases/list-public-progress.use-case';

/** Read-only figures for the transparency page and the dashboard, asked for by the gateway. */
@Controller()
export class ReportingRpcController {
  constructor(
    private readonly fundsReport: ListFundsReportUseCase,
    private readonly publicProgress: ListPublicProgressUseCase,
  ) {}

  @AnswersRequest(ListFundsReport)
  funds(@Payload() request: RpcRequest<RequestOf<typeof ListFundsReport>>) {
    return this.fundsReport.execute(request.data);
  }

  @AnswersRequest(ListPublicProgress)
  progress(@Payload() request: RpcRequest<RequestOf<typeof ListPublicProgress>>) {
    return this.publicProgress.ofProposal(request.data);
  }

  @AnswersRequest(CheckPublicPhoto)
  photo(@Payload() request: RpcRequest<RequestOf<typeof CheckPublicPhoto>>) {
    return this.publicProgress.isPublicPhoto(request.data);
  }
}
