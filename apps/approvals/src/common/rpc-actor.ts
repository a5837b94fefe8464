import { ForbiddenException } from '@nestjs/common';
import { Actor, ActorSchema, Role } from '@alur/contracts';
import { RpcRequest } from '@alur/messaging';

/** The caller of a request; every approvals operation is made on someone's behalf. */
export function actorOf(request: RpcRequest<unknown>): Actor {
  const actor = ActorSchema.safeParse(request.meta?.actor);
  if (!actor.success) throw new ForbiddenException('No caller on the request');
  return actor.data;
}

/** The service checks roles again, so that no caller other than the gateway can go around them. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role as Role)) throw new ForbiddenException(`The role ${actor.role} may not do this`);
}
