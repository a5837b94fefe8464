import type { ActingAppointmentView } from '@alur/contracts';
import { ActingAppointment, inForceAt } from './domain/acting-appointment';

/** An appointment as the API shows it (the contracts' ActingAppointmentView), with whether it is in force now. */
export type { ActingAppointmentView };

export function toAppointmentView(a: ActingAppointment, now = new Date()): ActingAppointmentView {
  return {
    id: a.id,
    acting: { userId: a.actingUserId, username: a.actingUsername },
    actingFor: { userId: a.forUserId, username: a.forUsername, role: a.role, regionCode: a.regionCode },
    validFrom: a.validFrom.toISOString(),
    validUntil: a.validUntil.toISOString(),
    active: inForceAt(a, now),
    createdBy: { userId: a.createdBy.userId, username: a.createdBy.username },
  };
}
