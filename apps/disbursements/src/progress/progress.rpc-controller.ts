import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListProgressReports, ListProposalProgressReports, ReportProgress, RequestOf, VerifyProgressReport } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { ListProgressReportsUseCase } from './use-cases/list-progress-reports.use-case';
import { ReportProgressUseCase } from './use-cases/report-progress.use-case';
import { VerifyProgressReportUseCase } from './use-cases/verify-progress-report.use-case';

/** Progress reports of the BKM and their verification on site, asked for by the gateway. */
@Controller()
export class ProgressRpcController {
  constructor(
    private readonly reportProgress: ReportProgressUseCase,
    private readonly listReports: ListProgressReportsUseCase,
    private readonly verifyReport: VerifyProgressReportUseCase,
  ) {}

  @AnswersRequest(ReportProgress)
  create(@Payload() request: RpcRequest<RequestOf<typeof ReportProgress>>) {
    return this.reportProgress.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListProgressReports)
  list(@Payload() request: RpcRequest<RequestOf<typeof ListProgressReports>>) {
    return this.listReports.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListProposalProgressReports)
  ofProposal(@Payload() request: RpcRequest<RequestOf<typeof ListProposalProgressReports>>) {
    return this.listReports.ofProposal(actorOf(request), request.data);
  }

  @AnswersRequest(VerifyProgressReport)
  verify(@Payload() request: RpcRequest<RequestOf<typeof VerifyProgressReport>>) {
    return this.verifyReport.execute(actorOf(request), request.data);
  }
}
