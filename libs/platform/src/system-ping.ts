import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ServiceName } from '@alur/config';
import { actorOf, RpcRequest, requireRole, SpineFigures, SpineHealth } from '@alur/messaging';

/** The answer to `<service>.system.ping`: proves that request/reply reaches the service. */
export interface SystemPong {
  service: ServiceName;
  startedAt: string;
  uptimeSeconds: number;
}

/** The answer to `<service>.system.spine`: the service's event spine in figures, for administrators. */
export interface SystemSpine extends SpineFigures {
  service: ServiceName;
}

const startedAt = new Date();

/**
 * A controller answering `<service>.system.ping`, the gateway's view of which services answer, and
 * `<service>.system.spine` (ADMIN), its view of each service's outbox, consumer and dead letters.
 */
export function systemPingController(service: ServiceName): Type<unknown> {
  @Controller()
  class SystemPingController {
    constructor(private readonly spineHealth: SpineHealth) {}

    @MessagePattern(`${service}.system.ping`)
    ping(): SystemPong {
      return { service, startedAt: startedAt.toISOString(), uptimeSeconds: Math.round(process.uptime()) };
    }

    @MessagePattern(`${service}.system.spine`)
    async spine(@Payload() request: RpcRequest<unknown>): Promise<SystemSpine> {
      requireRole(actorOf(request), 'ADMIN');
      return { service, ...(await this.spineHealth.figures()) };
    }
  }
  return SystemPingController;
}
