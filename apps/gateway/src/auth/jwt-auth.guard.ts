import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { Actor } from '@alur/contracts';
import { CLS_ACTOR } from '@alur/observability';
import { AccessTokens } from './access-tokens.service';
import { REQUEST_ACTOR } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';

/** Routes of the shared libraries that cannot carry @Public(): the load balancer's health probe. */
const OPEN_PATHS = new Set(['/health']);

interface HttpRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  [REQUEST_ACTOR]?: Actor;
}

/**
 * Every route needs a valid access token of an account that still stands behind it (active, same
 * role and region, not logged out) unless marked @Public(). The caller becomes the request's actor,
 * and is put in the request context so that RpcClient asserts it to the services.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly cls: ClsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic || OPEN_PATHS.has(request.path)) return true;

    const actor = await this.tokens.actorOf(bearerToken(request));
    request[REQUEST_ACTOR] = actor;
    this.cls.set(CLS_ACTOR, actor);
    return true;
  }
}

function bearerToken(request: HttpRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new UnauthorizedException('Login required: send Authorization: Bearer <access token>');
  return match[1];
}
