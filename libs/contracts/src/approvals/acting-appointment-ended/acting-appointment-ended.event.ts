import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';

/**
 * An admin ended a Plt/Plh before its time: the appointment now holds only until `validUntil` (the
 * moment it was ended), so the acting official neither decides nor is told in the other's place after
 * it. Aggregate: the appointment id.
 */
export const ActingAppointmentEndedV1 = defineEvent({
  context: 'approvals',
  name: 'acting-appointment-ended',
  version: 1,
  aggregateType: 'acting-appointment',
  schema: z.object({
    appointmentId: z.uuid(),
    validUntil: z.iso.datetime({ offset: true }),
  }),
});
export type ActingAppointmentEndedPayload = z.infer<typeof ActingAppointmentEndedV1.schema>;
