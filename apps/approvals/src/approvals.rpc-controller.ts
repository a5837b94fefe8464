import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddHoliday,
  AppointActingOfficial,
  DecideStage,
  EndActingAppointment,
  ListActingAppointments,
  ListHolidays,
  ListInbox,
  ListProposalStages,
  RequestOf,
  WithdrawFromReview,
} from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { AppointActingOfficialUseCase } from './acting/appoint-acting-official.use-case';
import { EndActingAppointmentUseCase } from './acting/end-acting-appointment.use-case';
import { ListActingAppointmentsUseCase } from './acting/list-acting-appointments.use-case';
import { WithdrawFromChainUseCase } from './chain/withdraw-from-chain.use-case';
import { DecideStageCommand, DecideStageUseCase } from './decisions/decide-stage.use-case';
import { InboxQuery } from './inbox/inbox-item';
import { ListInboxUseCase } from './inbox/list-inbox.use-case';
import { ListProposalStagesUseCase } from './stages/list-proposal-stages.use-case';
import { AddHolidayUseCase } from './working-days/add-holiday.use-case';
import { ListHolidaysUseCase } from './working-days/list-holidays.use-case';

/** The approvals service's answers to the gateway (`approvals.<op>` over NATS request/reply). */
@Controller()
export class ApprovalsRpcController {
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
  @AnswersRequest(WithdrawFromReview)
  withdrawFromReview(@Payload() request: RpcRequest<RequestOf<typeof WithdrawFromReview>>) {
    return this.withdraw.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListProposalStages)
  listProposalStages(@Payload() request: RpcRequest<RequestOf<typeof ListProposalStages>>) {
    return this.proposalStages.execute(actorOf(request), request.data.proposalId);
  }

  @AnswersRequest(AppointActingOfficial)
  appointActingOfficial(@Payload() request: RpcRequest<RequestOf<typeof AppointActingOfficial>>) {
    return this.appoint.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListActingAppointments)
  listActingAppointments(@Payload() request: RpcRequest<RequestOf<typeof ListActingAppointments>>) {
    return this.appointments.execute(actorOf(request));
  }

  @AnswersRequest(EndActingAppointment)
  endActingAppointment(@Payload() request: RpcRequest<RequestOf<typeof EndActingAppointment>>) {
    return this.endAppointment.execute(actorOf(request), request.data);
  }

  @AnswersRequest(AddHoliday)
  addWorkingCalendarHoliday(@Payload() request: RpcRequest<RequestOf<typeof AddHoliday>>) {
    return this.addHoliday.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListHolidays)
  listHolidays(@Payload() request: RpcRequest<RequestOf<typeof ListHolidays>>) {
    return this.holidays.execute(request.data);
  }
}
