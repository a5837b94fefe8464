import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { AuditTrail } from '@alur/audit';
import {
  AUDIT_CSV_MAX_RECORDS,
  AUDIT_MAX_PAGE_SIZE,
  AuditContext,
  AuditRecordView,
  AuditTrailCsvQuerySchema,
  AuditTrailHttpQuerySchema,
  AuditTrailPage,
  AuditTrailPageSchema,
  AuditTrailQuery,
  auditTrailRequest,
  RefusalCode,
  UnprocessableError,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';
import { auditTrailCsv } from './audit-trail-csv';

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
    return this.read(context, query);
  }

  @Get('csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `Every record of one service’s audit trail the same filters match, newest first, as CSV for an inspector’s working papers; more than ${AUDIT_CSV_MAX_RECORDS} answer 422 AUDIT_EXPORT_TOO_LARGE`,
  })
  async csv(
    @ContractInput(null, { from: 'query', schema: AuditTrailCsvQuerySchema })
    { context, ...filters }: z.output<typeof AuditTrailCsvQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const records: AuditRecordView[] = [];
    let before: number | undefined;
    do {
      const page = await this.read(context, { ...filters, before, pageSize: AUDIT_MAX_PAGE_SIZE });
      records.push(...page.items);
      // Refused rather than cut short: a file that silently ends early would mislead its reader.
      if (records.length > AUDIT_CSV_MAX_RECORDS) {
        throw new UnprocessableError(`More than ${AUDIT_CSV_MAX_RECORDS} records match: narrow the filters (time, action)`, {
          code: RefusalCode.AuditExportTooLarge,
        });
      }
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="jejak-audit-${context}.csv"`);
    return auditTrailCsv(records);
  }

  private read(context: AuditContext, query: AuditTrailQuery): Promise<AuditTrailPage> {
    if (context === 'gateway') return this.trail.page(query);
    return this.rpc.send(auditTrailRequest(context), query);
  }
}
