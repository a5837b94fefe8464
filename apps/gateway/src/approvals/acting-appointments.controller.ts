import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  type ActingAppointmentView,
  type ActingAppointmentByUsernames,
  ActingAppointmentByUsernamesSchema,
  AppointActingOfficial,
  EndActingAppointment,
  ListActingAppointments,
  type OfficialRef,
  RequestOf,
  Uuid,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';
import { OfficialNames } from '../users/official-names.service';
import { ResolveAppointmentUsers } from './resolve-appointment-users.service';

/** Plt/Plh appointments: admins create and end them; the acting and the absent official both see theirs. */
@ApiTags('approvals')
@Controller('api/v1/approvals/acting-appointments')
export class ActingAppointmentsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly users: ResolveAppointmentUsers,
    private readonly names: OfficialNames,
  ) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Appoint a user to act for an official (role and region) for a period' })
  async create(
    @ContractInput(AppointActingOfficial, { from: 'body', schema: ActingAppointmentByUsernamesSchema }) body: ActingAppointmentByUsernames,
  ) {
    const { acting, actingFor } = await this.users.resolve(body.actingUsername, body.forUsername);
    return this.rpc.send(AppointActingOfficial, { acting, actingFor, validFrom: body.validFrom, validUntil: body.validUntil });
  }

  @Get()
  @ApiOperation({ summary: 'Admins: the appointments of their region; others: where they act or are acted for; each person by name' })
  async list(@ContractInput(ListActingAppointments, { from: 'path' }) request: RequestOf<typeof ListActingAppointments>) {
    return this.names.nameWithin(
      await this.rpc.send(ListActingAppointments, request),
      (a) => [a.acting, a.actingFor, a.createdBy],
      // Each named in the order given, none of them null.
      (a, [acting, actingFor, createdBy]) => ({
        ...a,
        acting: acting as OfficialRef,
        actingFor: actingFor as ActingAppointmentView['actingFor'],
        createdBy: createdBy as OfficialRef,
      }),
    );
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'End an appointment in force now (the official is back early); 409 for one not in force' })
  // The path names the appointment `id`, the service's request `appointmentId`.
  end(@ContractInput(EndActingAppointment, { from: 'path', params: ['id'], schema: z.strictObject({ id: Uuid }) }) params: { id: string }) {
    return this.rpc.send(EndActingAppointment, { appointmentId: params.id });
  }
}
