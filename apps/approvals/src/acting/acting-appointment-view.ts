import type { ActingAppointmentView } from '@alur/contracts';
import { ActingAppointmentEntity } from './acting-appointment.entity';

/** An appointment as the API shows it (the contracts' ActingAppointmentView), with whether it is in force now. */
export type { ActingAppointmentView };

export function toAppointmentView(a: ActingAppointmentEntity, now = new Date()): ActingAppointmentView {
  return {
    id: a.id,
    acting: { userId: a.actingUserId, username: a.actingUsername },
    actingFor: { userId: a.forUserId, username: a.forUsername, role: a.role, regionCode: a.regionCode },
    validFrom: a.validFrom.toISOString(),
    validUntil: a.validUntil.toISOString(),
    active: a.validFrom.getTime() <= now.getTime() && now.getTime() < a.validUntil.getTime(),
    createdBy: { userId: a.createdBy.userId, username: a.createdBy.username },
  };
}
