import { ForbiddenException } from '@nestjs/common';
import { Actor, Role } from '@alur/contracts';
import { RpcRequest } from '@alur/messaging';

/** The caller of a request: every notifications operation is someone's own inbox or preferences. */
export function actorOf(request: RpcRequest<unknown>): Actor {
  const actor = request?.meta?.actor;
  if (!actor) throw new ForbiddenException('No caller on the request');
  return actor;
}

/** Checked here as well as in the gateway, so that no other caller can go around it. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role as Role)) throw new ForbiddenException(`The role ${actor.role} may not do this`);
}
