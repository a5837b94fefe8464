import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { ActingRpcController } from './acting.rpc-controller';
import { AppointActingOfficialUseCase } from './use-cases/appoint-acting-official.use-case';
import { EndActingAppointmentUseCase } from './use-cases/end-acting-appointment.use-case';
import { ListActingAppointmentsUseCase } from './use-cases/list-acting-appointments.use-case';

/** Acting appointments: who decides in an official's place, where and until when. */
@Module({
  imports: [AuditModule, RegionsModule, ApprovalsPersistenceModule],
  controllers: [ActingRpcController],
  providers: [AppointActingOfficialUseCase, ListActingAppointmentsUseCase, EndActingAppointmentUseCase],
})
export class ActingModule {}
