import type { Actor, OfficialRef } from '@alur/contracts';

/** A person as an answer names them: who they are, not the role and region they acted in (the gateway adds their name). */
export function officialRef(actor: Actor): OfficialRef {
  return { userId: actor.userId, username: actor.username };
}
