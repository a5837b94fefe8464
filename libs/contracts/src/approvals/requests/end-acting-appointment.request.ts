import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { ActingAppointmentViewSchema } from './acting-appointment-view.schema';

/** An admin ends an appointment in force now (the official is back early); 409 for one not in force. */
export const EndActingAppointment = defineRequest('approvals.acting-appointments.end', {
  request: z.strictObject({ appointmentId: Uuid }),
  answer: ActingAppointmentViewSchema,
});
