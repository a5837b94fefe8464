import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Actor } from '@alur/contracts';

/** Where the JWT guard leaves the caller on the request. */
export const REQUEST_ACTOR = 'actor';

/** The logged-in caller of this request, as the JWT guard established it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<Record<string, unknown>>()[REQUEST_ACTOR] as Actor | undefined;
  // Only reachable on a @Public() route, where no one has logged in.
  if (!actor) throw new UnauthorizedException('Login required');
  return actor;
});
