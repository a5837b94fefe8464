import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { AuthModule } from '../auth/auth.module';
import { GatewayPersistenceModule } from '../database/gateway-persistence.module';
import { UsersModule } from '../users/users.module';
import { ActingAppointmentsController } from './acting-appointments.controller';
import { ApprovalsController } from './approvals.controller';
import { HolidaysController } from './holidays.controller';
import { ResolveAppointmentUsers } from './resolve-appointment-users.service';

/** The HTTP face of the approvals service. */
@Module({
  imports: [AuthModule, UsersModule, RegionsModule, GatewayPersistenceModule],
  controllers: [ApprovalsController, ActingAppointmentsController, HolidaysController],
  providers: [ResolveAppointmentUsers],
})
export class ApprovalsGatewayModule {}
