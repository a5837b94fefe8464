import { z } from 'zod';
import { ROLES } from '../../identity/role';
import { defineEvent } from '../../envelope/event-contract';

/**
 * An admin appointed a Plt/Plh: `acting` may decide in place of `actingFor` (that role and region)
 * from `validFrom` until `validUntil`, and receives what that official would. Aggregate: the appointment id.
 */
export const ActingAppointmentMadeV1 = defineEvent({
  context: 'approvals',
  name: 'acting-appointment-made',
  version: 1,
  aggregateType: 'acting-appointment',
  schema: z.object({
    appointmentId: z.uuid(),
    acting: z.object({ userId: z.string().min(1), username: z.string().min(1) }),
    actingFor: z.object({ userId: z.string().min(1), username: z.string().min(1) }),
    role: z.enum(ROLES),
    regionCode: z.string().min(1),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }),
  }),
});
export type ActingAppointmentMadePayload = z.infer<typeof ActingAppointmentMadeV1.schema>;
