import { ForbiddenError } from '../errors/forbidden.error';
import type { Actor } from '../envelope/event-envelope';
import type { Role } from './role';

/** Services check roles again, so that no caller other than the gateway can go around them. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role as Role)) throw new ForbiddenError(`Only ${roles.join(', ')} may do this`);
}
