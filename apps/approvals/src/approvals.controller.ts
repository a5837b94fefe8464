import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DecideStage, ListInbox } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { AppointActingOfficialCommand, AppointActingOfficialUseCase } from './acting/appoint-acting-official.use-case';
import { EndActingAppointmentUseCase } from './acting/end-acting-appointment.use-case';
import { ListActingAppointmentsUseCase } from './acting/list-acting-appointments.use-case';
import { WithdrawFromChainUseCase } from './chain/withdraw-from-chain.use-case';
import { DecideStageCommand, DecideStageUseCase } from './decisions/decide-stage.use-case';
import { InboxQuery } from './inbox/inbox-item';
import { ListInboxUseCase } from './inbox/list-inbox.use-case';
import { ListProposalStagesUseCase } from './stages/list-proposal-stages.use-case';
import { AddHolidayCommand, AddHolidayUseCase } from './working-days/add-holiday.use-case';
import { ListHolidaysUseCase } from './working-days/list-holidays.use-case';

/** The approvals service's answers to the gateway (`approvals.<op>` over NATS request/reply). */
@Controller()
export class ApprovalsController {
  constructor(
    private readonly inbox: ListInboxUseCase,
    private readonly decide: DecideStageUseCase,
    private readonly withdraw: WithdrawFromChainUseCase,
    private readonly proposalStages: ListProposalStagesUseCase,
    private readonly appoint: AppointActingOfficialUseCase,
    private readonly appointments: ListActingAppointmentsUseCase,
    private readonly endAppointment: EndActingAppointmentUseCase,
    private readonly addHoliday: AddHolidayUseCase,
    private readonly holidays: ListHolidaysUseCase,
  ) {}

  @AnswersRequest(ListInbox)
  listInbox(@Payload() request: RpcRequest<InboxQuery>) {
    return this.inbox.execute(actorOf(request), request.data);
  }

  @AnswersRequest(DecideStage)
  decideStage(@Payload() request: RpcRequest<DecideStageCommand>) {
    return this.decide.execute(actorOf(request), request.data);
  }

  /** The BKM withdraws a proposal under review: decided here against the officials' decisions. */
  @MessagePattern('approvals.withdraw')
  withdrawFromReview(@Payload() request: RpcRequest<unknown>) {
    return this.withdraw.execute(actorOf(request), request.data);
  }

  @MessagePattern('approvals.proposal-stages')
  listProposalStages(@Payload() request: RpcRequest<{ proposalId: string }>) {
    return this.proposalStages.execute(actorOf(request), request.data.proposalId);
  }

  @MessagePattern('approvals.acting-appointments.create')
  appointActingOfficial(@Payload() request: RpcRequest<AppointActingOfficialCommand>) {
    return this.appoint.execute(actorOf(request), request.data);
  }

  @MessagePattern('approvals.acting-appointments.list')
  listActingAppointments(@Payload() request: RpcRequest<unknown>) {
    return this.appointments.execute(actorOf(request));
  }

  @MessagePattern('approvals.acting-appointments.end')
  endActingAppointment(@Payload() request: RpcRequest<unknown>) {
    return this.endAppointment.execute(actorOf(request), request.data);
  }

  @MessagePattern('approvals.holidays.add')
  addWorkingCalendarHoliday(@Payload() request: RpcRequest<AddHolidayCommand>) {
    return this.addHoliday.execute(actorOf(request), request.data);
  }

  @MessagePattern('approvals.holidays.list')
  listHolidays(@Payload() request: RpcRequest<{ year?: number }>) {
    return this.holidays.execute(request.data ?? {});
  }
}
