import type { Actor, Role } from '@alur/contracts';

/**
 * A Plt/Plh: `actingUserId` may decide, from `validFrom` until (not including) `validUntil`, the
 * stages of `role` over `regionCode` that belong to the official `forUserId`.
 */
export interface ActingAppointment {
  id: string;
  actingUserId: string;
  actingUsername: string;
  forUserId: string;
  forUsername: string;
  role: Role;
  regionCode: string;
  validFrom: Date;
  validUntil: Date;
  createdBy: Actor;
}

/** Whether the appointment is in force at `at`: from `validFrom`, until (not including) `validUntil`. */
export function inForceAt(appointment: Pick<ActingAppointment, 'validFrom' | 'validUntil'>, at: Date): boolean {
  return appointment.validFrom.getTime() <= at.getTime() && at.getTime() < appointment.validUntil.getTime();
}
