import { ForbiddenException } from '@nestjs/common';
import { Actor, Role } from '@alur/contracts';
import { RpcRequest } from '@alur/messaging';

/** The caller of a request; every disbursements operation is made on someone's behalf. */
export function callerOf(request: RpcRequest<unknown>): Actor {
  const actor = request.meta?.actor;
  if (!actor) throw new ForbiddenException('No caller on the request');
  return actor;
}

/** The service checks roles again, so that no caller other than the gateway can go around them. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role as Role)) {
    throw new ForbiddenException(`Only ${roles.join(', ')} may do this`);
  }
}
