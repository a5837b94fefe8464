import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ListProgressReportsUseCase } from './list-progress-reports.use-case';
import { ReportProgressUseCase } from './report-progress.use-case';
import { VerifyProgressReportUseCase } from './verify-progress-report.use-case';

/** Progress reports of the BKM and their verification on site, asked for by the gateway. */
@Controller()
export class ProgressReportsController {
  constructor(
    private readonly reportProgress: ReportProgressUseCase,
    private readonly listReports: ListProgressReportsUseCase,
    private readonly verifyReport: VerifyProgressReportUseCase,
  ) {}

  @MessagePattern('disbursements.progress-reports.create')
  create(@Payload() request: RpcRequest<unknown>) {
    return this.reportProgress.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.progress-reports.list')
  list(@Payload() request: RpcRequest<unknown>) {
    return this.listReports.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.progress-reports.of-proposal')
  ofProposal(@Payload() request: RpcRequest<unknown>) {
    return this.listReports.ofProposal(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.progress-reports.verify')
  verify(@Payload() request: RpcRequest<unknown>) {
    return this.verifyReport.execute(actorOf(request), request.data);
  }
}
