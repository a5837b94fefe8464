import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { actingMoment, ActingAppointmentViewSchema, AppointedUserSchema, checkActingPeriod } from './acting-appointment-view.schema';

/**
 * An admin appoints a Plt/Plh: `acting` decides the stages of `actingFor`'s role and region from
 * `validFrom` until (not including) `validUntil`. The gateway looks both users up by username and
 * sends what it found; the service checks roles, regions and the longest period allowed.
 */
export const AppointActingOfficial = defineRequest('approvals.acting-appointments.create', {
  request: z
    .strictObject({
      acting: AppointedUserSchema,
      actingFor: AppointedUserSchema,
      validFrom: actingMoment('validFrom'),
      validUntil: actingMoment('validUntil'),
    })
    .superRefine(checkActingPeriod),
  answer: ActingAppointmentViewSchema,
});
