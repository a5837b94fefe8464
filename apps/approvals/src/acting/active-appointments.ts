import { EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
import { ActingAppointmentEntity } from './acting-appointment.entity';

/** The appointments under which `userId` acts for someone at `at`: valid from `validFrom`, until (not including) `validUntil`. */
export function activeAppointmentsOf(manager: EntityManager, userId: string, at: Date): Promise<ActingAppointmentEntity[]> {
  return manager.findBy(ActingAppointmentEntity, {
    actingUserId: userId,
    validFrom: LessThanOrEqual(at),
    validUntil: MoreThan(at),
  });
}
