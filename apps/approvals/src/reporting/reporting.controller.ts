import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { StageReportUseCase } from './stage-report.use-case';

/** Read-only figures about the approval chain, asked for by the gateway's dashboard. */
@Controller()
export class ReportingController {
  constructor(private readonly stageReport: StageReportUseCase) {}

  @MessagePattern('approvals.reporting.stages')
  stages(@Payload() request: RpcRequest<unknown>) {
    return this.stageReport.execute(actorOf(request));
  }
}
