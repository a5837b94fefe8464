import { Controller, Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ServiceName } from '@alur/config';
import { requireRole, SystemPing, SystemPong, SystemSpine, SystemSpineRequest } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest, SpineHealth } from '@alur/messaging';

const startedAt = new Date();

/**
 * A controller answering `<service>.system.ping`, the gateway's view of which services answer, and
 * `<service>.system.spine` (ADMIN), its view of each service's outbox, consumer and dead letters.
 */
export function systemPingController(service: ServiceName): Type<unknown> {
  @Controller()
  class SystemPingController {
    constructor(private readonly spineHealth: SpineHealth) {}

    @AnswersRequest(SystemPing(service))
    ping(): SystemPong {
      return { service, startedAt: startedAt.toISOString(), uptimeSeconds: Math.round(process.uptime()) };
    }

    @AnswersRequest(SystemSpineRequest(service))
    async spine(@Payload() request: RpcRequest<unknown>): Promise<SystemSpine> {
      requireRole(actorOf(request), 'ADMIN');
      return { service, ...(await this.spineHealth.figures()) };
    }
  }
  return SystemPingController;
}
