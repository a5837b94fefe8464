import { Role } from '@alur/contracts';
import { Language } from '../../messages/domain/notification-kind';
import { Audience, sameAudience } from './audience';

/** A user as the notifications service knows them (copied from the gateway's UserSaved events). */
export interface DirectoryUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  language: Language;
  email: string | null;
  phone: string | null;
  active: boolean;
}

/** A Plt/Plh appointment: `actingUserId` receives what `role` over `regionCode` would, within the period. */
export interface ActingAppointment {
  appointmentId: string;
  actingUserId: string;
  actingForUserId: string;
  role: Role;
  regionCode: string;
  validFrom: Date;
  validUntil: Date;
}

export interface Recipient {
  user: DirectoryUser;
  /** Set when the user receives this only as acting official for that role and region. */
  actingFor: Audience | null;
}

const inForce = (appointment: ActingAppointment, at: Date) => at >= appointment.validFrom && at < appointment.validUntil;

/** Whether anyone answers for the audience at `at`: an active holder, or an active official appointed to act for it. */
export function isAnswered(
  audience: Audience,
  users: readonly DirectoryUser[],
  appointments: readonly ActingAppointment[],
  at: Date,
): boolean {
  const active = (userId: string) => users.some((user) => user.userId === userId && user.active);
  return (
    users.some((user) => user.active && sameAudience(user, audience)) ||
    appointments.some((appointment) => sameAudience(appointment, audience) && inForce(appointment, at) && active(appointment.actingUserId))
  );
}

/**
 * Turns audiences into users: every active holder of the role over the region, and every active user
 * appointed to act for it at `at` (the moment of the event); an audience nobody answers for gives way to
 * its `orElse`. A user is told once even when they belong to an audience both in their own right and as
 * acting official. With `replaceAbsent` (reminders), an official someone acts for at `at` is left out:
 * the reminder is the acting one's.
 */
export function resolveRecipients(
  given: readonly Audience[],
  users: readonly DirectoryUser[],
  appointments: readonly ActingAppointment[],
  at: Date,
  options: { replaceAbsent?: boolean } = {},
): Recipient[] {
  const answering = (audience: Audience): Audience =>
    audience.orElse && !isAnswered(audience, users, appointments, at) ? answering(audience.orElse) : audience;
  const audiences = given.map(answering);
  const byId = new Map(users.map((user) => [user.userId, user]));
  const recipients = new Map<string, Recipient>();
  for (const audience of audiences) {
    for (const user of users) {
      if (user.active && sameAudience(user, audience)) recipients.set(user.userId, { user, actingFor: null });
    }
  }
  for (const audience of audiences) {
    for (const appointment of appointments) {
      if (!sameAudience(appointment, audience) || !inForce(appointment, at)) continue;
      const acting = byId.get(appointment.actingUserId);
      if (!acting?.active) continue;
      const absent = appointment.actingForUserId;
      if (options.replaceAbsent && absent !== acting.userId && recipients.get(absent)?.actingFor === null) recipients.delete(absent);
      if (!recipients.has(acting.userId)) {
        recipients.set(acting.userId, { user: acting, actingFor: { role: appointment.role, regionCode: appointment.regionCode } });
      }
    }
  }
  return [...recipients.values()];
}
