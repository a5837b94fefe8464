import { Injectable } from '@nestjs/common';
import {
  ActingAppointmentEndedV1,
  Actor,
  ConflictError,
  EndActingAppointment,
  NotFoundError,
  RequestOf,
  requireRole,
  RefusalCode,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentRepository } from '../acting-appointment.repository';
import { ActingAppointmentView, toAppointmentView } from '../acting-appointment.view';

/**
 * An admin ends a Plt/Plh in force now (the absent official is back early): it holds until this moment.
 * One that has not begun or is already over is refused with 409 (`appointment_not_in_force`).
 * ActingAppointmentEnded commits with the change, so the notifications service stops telling the Plt.
 */
@Injectable()
export class EndActingAppointmentUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly appointments: ActingAppointmentRepository,
    private readonly regions: RegionDirectory,
    private readonly changes: ChangeRecorder,
  ) {}

  async execute(admin: Actor, { appointmentId }: RequestOf<typeof EndActingAppointment>, now = new Date()): Promise<ActingAppointmentView> {
    requireRole(admin, 'ADMIN');
    const ended = await this.transactions.run(async (tx) => {
      const appointment = await this.appointments.lock(tx, appointmentId);
      // Another region's appointment does not exist for this admin.
      if (!appointment || !this.regions.covers(admin.regionCode, appointment.regionCode))
        throw new NotFoundError(`No acting appointment ${appointmentId}`);
      const before = toAppointmentView(appointment, now);
      if (!before.active) {
        throw new ConflictError('Only an appointment in force can be ended', { code: RefusalCode.AppointmentNotInForce });
      }
      appointment.validUntil = now;
      await this.appointments.endAt(tx, appointment.id, now);
      const after = toAppointmentView(appointment, now);
      await this.changes.record(tx, {
        announce: {
          contract: ActingAppointmentEndedV1,
          aggregateId: appointment.id,
          actor: admin,
          payload: { appointmentId: appointment.id, validUntil: now.toISOString() },
        },
        audit: { action: 'acting-appointment.ended', entityType: 'acting-appointment', entityId: appointment.id, before, after },
      });
      return after;
    });
    return ended;
  }
}
