import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { CreateActingAppointmentDto } from './create-acting-appointment.dto';
import { ResolveAppointmentUsers } from './resolve-appointment-users.service';

/** Plt/Plh appointments: admins create and end them; the acting and the absent official both see theirs. */
@ApiTags('approvals')
@Controller('api/v1/approvals/acting-appointments')
export class ActingAppointmentsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly users: ResolveAppointmentUsers,
  ) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Appoint a user to act for an official (role and region) for a period' })
  async create(@Body() body: CreateActingAppointmentDto) {
    const { acting, actingFor } = await this.users.resolve(body.actingUsername, body.forUsername);
    return this.rpc.send('approvals.acting-appointments.create', { acting, actingFor, validFrom: body.validFrom, validUntil: body.validUntil });
  }

  @Get()
  @ApiOperation({ summary: 'Admins: the appointments of their region; others: where they act or are acted for' })
  list() {
    return this.rpc.send('approvals.acting-appointments.list', {});
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'End an appointment in force now (the official is back early); 409 for one not in force' })
  end(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.rpc.send('approvals.acting-appointments.end', { appointmentId: id });
  }
}
