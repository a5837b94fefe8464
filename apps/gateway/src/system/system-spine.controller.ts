import { Controller, Get } from '@nestjs/common';
import { RpcClient } from '@alur/messaging';
import { SystemSpineRequest } from '@alur/contracts';
import { Roles } from '../auth/roles.decorator';
import { DOMAIN_SERVICES } from './system-status.controller';

/**
 * Administrators' view of the event spine of every domain service: outbox backlog, consumer lag, dead
 * letters and the aggregates parked behind them. A service that does not answer shows why.
 */
@Controller('api/v1/system')
@Roles('ADMIN')
export class SystemSpineController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('spine')
  async spine() {
    const services = await Promise.all(
      DOMAIN_SERVICES.map(async (service) => {
        try {
          return await this.rpc.send(SystemSpineRequest(service), {}, { timeoutMs: 5000 });
        } catch (error) {
          return { service, state: 'unknown', reasons: [(error as Error).message] };
        }
      }),
    );
    return { services };
  }
}
