import type { Actor } from '../envelope/event-envelope';

/**
 * The people behind an actor: the user, and the official a Plt/Plh acts for. Separation-of-duty
 * rules (nobody decides two stages of a submission, a decider never releases its money) compare these.
 */
export function peopleBehind(actor: Pick<Actor, 'userId' | 'actingFor'>): string[] {
  return actor.actingFor ? [actor.userId, actor.actingFor.userId] : [actor.userId];
}
