import { Actor, ActorSchema, ForbiddenError } from '@alur/contracts';
import type { RpcRequest } from './rpc-client';

/** The caller of a request: every operation of a domain service is made on someone's behalf. */
export function actorOf(request: RpcRequest<unknown> | undefined): Actor {
  const actor = ActorSchema.safeParse(request?.meta?.actor);
  if (!actor.success) throw new ForbiddenError('No caller on the request');
  return actor.data;
}
