import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ReportApprovalStages, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { StageReportUseCase } from './use-cases/stage-report.use-case';

/** Read-only figures about the approval chain, asked for by the gateway's dashboard. */
@Controller()
export class ReportingRpcController {
  constructor(private readonly stageReport: StageReportUseCase) {}

  @AnswersRequest(ReportApprovalStages)
  stages(@Payload() request: RpcRequest<RequestOf<typeof ReportApprovalStages>>) {
    return this.stageReport.execute(actorOf(request));
  }
}
