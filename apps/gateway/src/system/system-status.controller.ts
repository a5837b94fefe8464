import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { RpcClient } from '@alur/messaging';
import { SystemPing } from '@alur/contracts';
import { Public } from '../auth/public.decorator';
import { ContractInput } from '../http/contract-input';

export const DOMAIN_SERVICES = ['proposals', 'approvals', 'disbursements', 'notifications'] as const;

/** `/system/ping/:service`: one of the domain services. */
const PingPath = z.strictObject({ service: z.enum(DOMAIN_SERVICES) });

/** Public like /health: it tells only which services answer, for operators and the load balancer. */
@Public()
@Controller('api/v1/system')
export class SystemStatusController {
  constructor(private readonly rpc: RpcClient) {}

  /** Asks each domain service over NATS request/reply; a service that does not answer shows why. */
  @Get('status')
  async status() {
    const answers = await Promise.all(
      DOMAIN_SERVICES.map(async (service) => {
        try {
          return { ...(await this.rpc.send(SystemPing(service), {}, { timeoutMs: 2000 })), up: true };
        } catch (error) {
          return { service, up: false, reason: (error as Error).message };
        }
      }),
    );
    return { services: answers };
  }

  /** One service's answer; a 503 when it is not running and a 504 when it does not answer in time. */
  @Get('ping/:service')
  ping(@ContractInput(null, { from: 'path', params: ['service'], schema: PingPath }) { service }: z.infer<typeof PingPath>) {
    return this.rpc.send(SystemPing(service), {});
  }
}
