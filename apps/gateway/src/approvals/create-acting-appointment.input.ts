import { z } from 'zod';
import { actingMoment, checkActingPeriod } from '@alur/contracts';

/** A username as a client types it (the gateway looks it up lower-cased); usernames are at most 64 characters. */
const username = (field: string) => z.string().regex(/^\S+$/, { message: `${field} must be a username` }).max(64);

/**
 * What an admin sends to appoint a Plt/Plh: the two usernames and the period. The gateway resolves the
 * usernames to users and sends the approvals service its request (AppointActingOfficial) with them.
 */
export const CreateActingAppointmentInput = z
  .strictObject({
    actingUsername: username('actingUsername').meta({ description: 'Who acts (Plt/Plh)', example: 'lurah.14.03.09.1005' }),
    forUsername: username('forUsername').meta({
      description: 'The official they act for; the appointment covers this official’s role and region',
      example: 'lurah.14.03.09.1004',
    }),
    validFrom: actingMoment('validFrom').meta({ example: '2026-03-02T00:00:00+07:00' }),
    validUntil: actingMoment('validUntil').meta({ description: 'The first moment the appointment no longer holds', example: '2026-03-16T00:00:00+07:00' }),
  })
  .superRefine(checkActingPeriod);
export type CreateActingAppointmentInput = z.output<typeof CreateActingAppointmentInput>;
