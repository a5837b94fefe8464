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

/** A username as a client types it (the gateway looks it up lower-cased); usernames are at most 64 characters. */
const typedUsername = (field: string) =>
  z
    .string()
    .regex(/^\S+$/, { message: `${field} must be a username` })
    .max(64);

/**
 * What an admin sends the gateway (`POST /api/v1/approvals/acting-appointments`) to appoint a Plt/Plh:
 * the two usernames and the period. The gateway resolves the usernames to users and sends the approvals
 * service its request (AppointActingOfficial) with them.
 */
export const ActingAppointmentByUsernamesSchema = z
  .strictObject({
    actingUsername: typedUsername('actingUsername').meta({ description: 'Who acts (Plt/Plh)', example: 'lurah.14.03.09.1005' }),
    forUsername: typedUsername('forUsername').meta({
      description: 'The official they act for; the appointment covers this official’s role and region',
      example: 'lurah.14.03.09.1004',
    }),
    validFrom: actingMoment('validFrom').meta({ example: '2026-03-02T00:00:00+07:00' }),
    validUntil: actingMoment('validUntil').meta({
      description: 'The first moment the appointment no longer holds',
      example: '2026-03-16T00:00:00+07:00',
    }),
  })
  .superRefine(checkActingPeriod);
export type ActingAppointmentByUsernames = z.output<typeof ActingAppointmentByUsernamesSchema>;
