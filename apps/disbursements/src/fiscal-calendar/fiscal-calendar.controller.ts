import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ReportCarryOverUseCase } from './report-carry-over.use-case';
import { SetReleasesClosingUseCase } from './set-releases-closing.use-case';

/** The fiscal calendar: closing dates for releases and the carry-over (SiLPA), asked for by the gateway. */
@Controller()
export class FiscalCalendarController {
  constructor(
    private readonly setClosing: SetReleasesClosingUseCase,
    private readonly carryOver: ReportCarryOverUseCase,
  ) {}

  @MessagePattern('disbursements.fiscal-years.set-closing')
  set(@Payload() request: RpcRequest<unknown>) {
    return this.setClosing.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.fiscal-years.carry-over')
  report(@Payload() request: RpcRequest<unknown>) {
    return this.carryOver.execute(actorOf(request), request.data);
  }
}
