import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ReportCarryOver, RequestOf, SetReleasesClosing } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { ReportCarryOverUseCase } from './use-cases/report-carry-over.use-case';
import { SetReleasesClosingUseCase } from './use-cases/set-releases-closing.use-case';

/** The fiscal calendar: closing dates for releases and the carry-over (SiLPA), asked for by the gateway. */
@Controller()
export class FiscalCalendarRpcController {
  constructor(
    private readonly setClosing: SetReleasesClosingUseCase,
    private readonly carryOver: ReportCarryOverUseCase,
  ) {}

  @AnswersRequest(SetReleasesClosing)
  set(@Payload() request: RpcRequest<RequestOf<typeof SetReleasesClosing>>) {
    return this.setClosing.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ReportCarryOver)
  report(@Payload() request: RpcRequest<RequestOf<typeof ReportCarryOver>>) {
    return this.carryOver.execute(actorOf(request), request.data);
  }
}
