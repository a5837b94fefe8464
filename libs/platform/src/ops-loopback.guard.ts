import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';

/** Operator routes of the shared libraries (dead letters): replaying an event is not for the network. */
const OPS_PATH_PREFIX = '/ops/';
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A domain service answers /ops/ only to a caller on its own machine (or container), whatever
 * interface it listens on (HTTP_HOST is 0.0.0.0 in containers). The peer address of the socket is
 * used, never a forwarded header. The gateway's /ops/ is for ADMIN instead (its RolesGuard).
 */
@Injectable()
export class OpsLoopbackGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ path: string; socket?: { remoteAddress?: string } }>();
    if (!request.path.toLowerCase().startsWith(OPS_PATH_PREFIX)) return true;
    if (!LOOPBACK.test(request.socket?.remoteAddress ?? ''))
      throw new ForbiddenException('Operator routes answer only on this machine (loopback)');
    return true;
  }
}
