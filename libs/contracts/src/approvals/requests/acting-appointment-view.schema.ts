import { z } from 'zod';
import { ROLES } from '../../identity/role';
import { RegionCode, Uuid } from '../../requests/request-fields';
import { RefusalCode } from '../../errors/refusal-code';
import { OfficialRefSchema } from '../../identity/official-ref.schema';

/** A Plt/Plh appointment as the API shows it, with whether it is in force now. */
export const ActingAppointmentViewSchema = z.object({
  id: z.string(),
  acting: OfficialRefSchema,
  actingFor: OfficialRefSchema.extend({ role: z.string(), regionCode: z.string() }),
  validFrom: z.iso.datetime(),
  /** The first moment the appointment no longer holds. */
  validUntil: z.iso.datetime(),
  active: z.boolean(),
  createdBy: OfficialRefSchema,
});
export type ActingAppointmentView = z.infer<typeof ActingAppointmentViewSchema>;

/** A moment with its offset (`2026-03-02T00:00:00+07:00` or `…Z`): a time without one would be read in the server's zone. */
export const actingMoment = (field: 'validFrom' | 'validUntil') =>
  z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 date and time` });

/** One user of an appointment, as the gateway found them by username. */
export const AppointedUserSchema = z.strictObject({
  userId: Uuid,
  username: z.string().min(1).max(64),
  role: z.enum(ROLES),
  regionCode: RegionCode,
});
export type AppointedUser = z.infer<typeof AppointedUserSchema>;

/** The period's own rule, checked wherever a period is read: it ends after it begins. */
export function checkActingPeriod(period: { validFrom: string; validUntil: string }, ctx: z.RefinementCtx): void {
  if (new Date(period.validUntil).getTime() <= new Date(period.validFrom).getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['validUntil'],
      message: 'validUntil must be after validFrom',
      params: { code: RefusalCode.NotAfterStart },
    });
  }
}
