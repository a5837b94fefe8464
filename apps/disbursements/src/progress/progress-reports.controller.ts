import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ReportProgressUseCase } from './report-progress.use-case';

/** Progress reports of the BKM, asked for by the gateway. */
@Controller()
export class ProgressReportsController {
  constructor(private readonly reportProgress: ReportProgressUseCase) {}

  @MessagePattern('disbursements.progress-reports.create')
  create(@Payload() request: RpcRequest<unknown>) {
    return this.reportProgress.execute(actorOf(request), request.data);
  }
}
