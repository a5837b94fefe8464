import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ActingAppointmentViewSchema } from './acting-appointment-view.schema';

/** Admins: the appointments of their region; anyone else: those where they act or are acted for. Newest first. */
export const ListActingAppointments = defineRequest('approvals.acting-appointments.list', {
  request: z.strictObject({}),
  answer: z.array(ActingAppointmentViewSchema),
});
