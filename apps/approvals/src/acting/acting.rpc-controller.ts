import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AppointActingOfficial, EndActingAppointment, ListActingAppointments, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { AppointActingOfficialUseCase } from './use-cases/appoint-acting-official.use-case';
import { EndActingAppointmentUseCase } from './use-cases/end-acting-appointment.use-case';
import { ListActingAppointmentsUseCase } from './use-cases/list-acting-appointments.use-case';

/** Acting officials (Plt./Plh.): appointing them, listing and ending their appointments. */
@Controller()
export class ActingRpcController {
  constructor(
    private readonly appoint: AppointActingOfficialUseCase,
    private readonly appointments: ListActingAppointmentsUseCase,
    private readonly endAppointment: EndActingAppointmentUseCase,
  ) {}

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
}
