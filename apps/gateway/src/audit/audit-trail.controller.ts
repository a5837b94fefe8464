import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuditTrail } from '@alur/audit';
import { AuditTrailHttpQuerySchema, AuditTrailPage, AuditTrailPageSchema, auditTrailRequest } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';

/**
 * The audit trail of one service, for an administrator (and, through them, an inspector): who changed
 * what, when, from what to what. A domain service's trail is asked for over NATS; the gateway's own (users,
 * logins, uploads) is read here. Reading changes nothing, so it is not itself recorded.
 */
@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('ADMIN')
export class AuditTrailController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly trail: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'A page of one service’s audit trail, newest first, narrowed by action (or its start ending in a dot), entity, who acted and when; `nextBefore` pages back',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(AuditTrailPageSchema, 'output') })
  page(
    @ContractInput(null, { from: 'query', schema: AuditTrailHttpQuerySchema })
    { context, ...query }: z.output<typeof AuditTrailHttpQuerySchema>,
  ): Promise<AuditTrailPage> {
    if (context === 'gateway') return this.trail.page(query);
    return this.rpc.send(auditTrailRequest(context), query);
  }
}
