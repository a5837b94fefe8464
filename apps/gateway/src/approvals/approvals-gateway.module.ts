import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { ActingAppointmentsController } from './acting-appointments.controller';
import { ApprovalsController } from './approvals.controller';
import { HolidaysController } from './holidays.controller';
import { QueueBoardSessionController } from './queue-board-session.controller';
import { QueueBoard } from './queue-board.service';
import { ResolveAppointmentUsers } from './resolve-appointment-users.service';

/** The HTTP face of the approvals service, and the operators' view of its queues (Bull Board). */
@Module({
  imports: [AuthModule, UsersModule, RegionsModule],
  controllers: [ApprovalsController, ActingAppointmentsController, HolidaysController, QueueBoardSessionController],
  providers: [ResolveAppointmentUsers, QueueBoard],
})
export class ApprovalsGatewayModule {}
