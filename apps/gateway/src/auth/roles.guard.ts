import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, Role } from '@alur/contracts';
import { REQUEST_ACTOR } from './current-actor.decorator';
import { ROLES_KEY } from './roles.decorator';

/**
 * The operator routes of the shared messaging library (dead letters) are for administrators only.
 * Express matches routes regardless of letter case, so the prefix is compared in lower case too.
 */
const ADMIN_PATH_PREFIX = '/ops/';

/** Runs after JwtAuthGuard: a logged-in caller whose role the route does not name gets 403. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ path: string; [REQUEST_ACTOR]?: Actor }>();
    const roles =
      this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ??
      (request.path.toLowerCase().startsWith(ADMIN_PATH_PREFIX) ? (['ADMIN'] as Role[]) : undefined);
    if (!roles) return true;
    const actor = request[REQUEST_ACTOR];
    // A @Public() route that also names roles still needs someone logged in to check.
    if (!actor || !roles.includes(actor.role as Role)) {
      throw new ForbiddenException(`Only ${roles.join(', ')} may do this`);
    }
    return true;
  }
}
