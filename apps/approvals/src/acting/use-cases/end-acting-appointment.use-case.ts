import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { ActingAppointmentEndedV1, Actor, ConflictError, EndActingAppointment, NotFoundError, RequestOf } from '@alur/contracts';
import { OutboxService, requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentEntity } from '../acting-appointment.entity';
import { ActingAppointmentView, toAppointmentView } from '../acting-appointment-view';

/**
 * An admin ends a Plt/Plh in force now (the absent official is back early): it holds until this moment.
 * One that has not begun or is already over is refused with 409 (`appointment_not_in_force`).
 * ActingAppointmentEnded commits with the change, so the notifications service stops telling the Plt.
 */
@Injectable()
export class EndActingAppointmentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async execute(admin: Actor, { appointmentId }: RequestOf<typeof EndActingAppointment>, now = new Date()): Promise<ActingAppointmentView> {
    requireRole(admin, 'ADMIN');
    const ended = await this.dataSource.transaction(async (tx) => {
      const appointment = await tx.findOne(ActingAppointmentEntity, { where: { id: appointmentId }, lock: { mode: 'pessimistic_write' } });
      // Another region's appointment does not exist for this admin.
      if (!appointment || !this.regions.covers(admin.regionCode, appointment.regionCode))
        throw new NotFoundError(`No acting appointment ${appointmentId}`);
      const before = toAppointmentView(appointment, now);
      if (!before.active) {
        throw new ConflictError('Only an appointment in force can be ended', { code: 'appointment_not_in_force' });
      }
      appointment.validUntil = now;
      await tx.update(ActingAppointmentEntity, { id: appointment.id }, { validUntil: now });
      await this.outbox.record(tx, ActingAppointmentEndedV1, {
        aggregateId: appointment.id,
        actor: admin,
        payload: { appointmentId: appointment.id, validUntil: now.toISOString() },
      });
      const after = toAppointmentView(appointment, now);
      await this.audit.record(tx, {
        actor: admin,
        action: 'acting-appointment.ended',
        entityType: 'acting-appointment',
        entityId: appointment.id,
        before,
        after,
      });
      return after;
    });
    return ended;
  }
}
