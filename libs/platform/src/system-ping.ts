import { Controller, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ServiceName } from '@alur/config';

/** The answer to `<service>.system.ping`: proves that request/reply reaches the service. */
export interface SystemPong {
  service: ServiceName;
  startedAt: string;
  uptimeSeconds: number;
}

const startedAt = new Date();

/** A controller answering `<service>.system.ping`, the gateway's view of which services answer. */
export function systemPingController(service: ServiceName): Type<unknown> {
  @Controller()
  class SystemPingController {
    @MessagePattern(`${service}.system.ping`)
    ping(): SystemPong {
      return { service, startedAt: startedAt.toISOString(), uptimeSeconds: Math.round(process.uptime()) };
    }
  }
  return SystemPingController;
}
