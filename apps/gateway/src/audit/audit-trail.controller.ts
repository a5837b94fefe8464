import { Controller, Get, HttpCode, HttpException, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { AuditTrail } from '@alur/audit';
import {
  Actor,
  AUDIT_CONTEXTS,
  AUDIT_CSV_MAX_RECORDS,
  AUDIT_MAX_PAGE_SIZE,
  AuditChainHead,
  auditIntegrityRequest,
  AuditIntegrityReport,
  AuditIntegrityReportSchema,
  AUDIT_READING_ROLES,
  AuditContext,
  AuditRecordView,
  AuditTrailCsvQuerySchema,
  AuditTrailHttpQuerySchema,
  AuditTrailPage,
  AuditTrailPageSchema,
  AuditTrailQuery,
  auditTrailRequest,
  AuditVerificationRequestSchema,
  NotFoundError,
  PROPOSAL_AUDIT_CONTEXTS,
  ProposalAuditRecord,
  ProposalAuditTrail,
  ProposalAuditTrailSchema,
  RefusalCode,
  ServiceAuditIntegrity,
  uncheckedAudit,
  UnprocessableError,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { OfficialNames } from '../users/official-names.service';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';
import { auditTrailCsv, proposalAuditTrailCsv } from './audit-trail-csv';
import { SecurityAudit } from './security-audit.service';

type AuditTrailNarrowing = Omit<AuditTrailQuery, 'before' | 'pageSize'>;

const ProposalPathSchema = z.strictObject({ proposalId: z.uuid({ message: 'must be a proposal id (a UUID)' }) });

/**
 * How long a service may take to re-hash its trail: far longer than a read's, since it reads every record (a
 * regency's year is a few thousand per service, checked within a second; a province's, far more).
 */
const VERIFY_TIMEOUT_MS = 60_000;

/** A service that did not answer (503) or not in time (504): its records are missing, not refused. */
const unanswered = (error: unknown) =>
  error instanceof HttpException && [HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT].includes(error.getStatus());

/**
 * The audit trail of one service, for an administrator and the inspectorate (AUDIT_READING_ROLES): who changed
 * what, when, from what to what. A domain service's trail is asked for over NATS; the gateway's own (users,
 * logins, uploads) is read here. Reading changes nothing, so it is not itself recorded.
 */
@ApiTags('audit')
@Controller('api/v1/audit')
@Roles(...AUDIT_READING_ROLES)
export class AuditTrailController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly trail: AuditTrail,
    private readonly names: OfficialNames,
    private readonly audit: SecurityAudit,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'A page of one service’s audit trail, newest first, narrowed by action (or its start ending in a dot), entity, who acted and when; `nextBefore` pages back',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(AuditTrailPageSchema, 'output') })
  async page(
    @ContractInput(null, { from: 'query', schema: AuditTrailHttpQuerySchema })
    { context, ...query }: z.output<typeof AuditTrailHttpQuerySchema>,
  ): Promise<AuditTrailPage> {
    const page = await this.read(context, query);
    return { ...page, items: await this.named(page.items) };
  }

  @Get('csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `Every record of one service’s audit trail the same filters match, newest first, as CSV for an inspector’s working papers; more than ${AUDIT_CSV_MAX_RECORDS} answer 422 AUDIT_EXPORT_TOO_LARGE`,
  })
  async csv(
    @ContractInput(null, { from: 'query', schema: AuditTrailCsvQuerySchema })
    { context, ...filters }: z.output<typeof AuditTrailCsvQuerySchema>,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const records = await this.named(await this.everyRecord(context, filters));
    await this.audit.exported(actor, { route: '/api/v1/audit/csv', filters: { context, ...filters }, rows: records.length });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="jejak-audit-${context}.csv"`);
    return auditTrailCsv(records);
  }

  @Get('proposals/:proposalId')
  @ApiOperation({
    summary:
      'Every record every service keeps about one proposal (its drafts and submissions, each stage, its disbursement, tranches and message retries), oldest first; `unavailable` names a service that did not answer',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(ProposalAuditTrailSchema, 'output') })
  async proposal(
    @ContractInput(null, { from: 'path', params: ['proposalId'], schema: ProposalPathSchema })
    { proposalId }: z.output<typeof ProposalPathSchema>,
  ): Promise<ProposalAuditTrail> {
    const { records, unavailable } = await this.proposalRecords(proposalId, { partial: true });
    return { proposalId, items: await this.named(records), unavailable };
  }

  @Get('proposals/:proposalId/csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `The same records as CSV, with the service keeping each; 503 when a service does not answer (a file must not silently miss records), 422 AUDIT_EXPORT_TOO_LARGE beyond ${AUDIT_CSV_MAX_RECORDS}`,
  })
  async proposalCsv(
    @ContractInput(null, { from: 'path', params: ['proposalId'], schema: ProposalPathSchema })
    { proposalId }: z.output<typeof ProposalPathSchema>,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { records } = await this.proposalRecords(proposalId, { partial: false });
    const named = await this.named(records);
    await this.audit.exported(actor, { route: '/api/v1/audit/proposals/{proposalId}/csv', filters: { proposalId }, rows: named.length });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="jejak-audit-usulan-${proposalId.slice(0, 8)}.csv"`);
    return proposalAuditTrailCsv(named);
  }

  @Post('verification')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verifies every service’s trail now: each record’s hash and link to the one before, and each chain’s newest record (its head, with a fingerprint); given an earlier report as `expected`, also which of its heads are gone (records removed). A service that does not answer is reported with `error`',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(AuditIntegrityReportSchema, 'output') })
  async verify(
    @ContractInput(null, { from: 'body', schema: AuditVerificationRequestSchema })
    { expected }: z.output<typeof AuditVerificationRequestSchema>,
  ): Promise<AuditIntegrityReport> {
    const checkedAt = new Date().toISOString();
    const services = await Promise.all(
      AUDIT_CONTEXTS.map((service) => this.integrityOf(service, expected?.services.find((s) => s.service === service)?.heads ?? [])),
    );
    return { checkedAt, services };
  }

  private async integrityOf(service: AuditContext, expectedHeads: AuditChainHead[]): Promise<ServiceAuditIntegrity> {
    try {
      if (service === 'gateway') return { service, ...(await this.trail.integrity(expectedHeads)) };
      return { service, ...(await this.rpc.send(auditIntegrityRequest(service), { expectedHeads }, { timeoutMs: VERIFY_TIMEOUT_MS })) };
    } catch (error) {
      // Reported, not thrown: the other services' verdicts stand, and this one is plainly not checked.
      if (!unanswered(error)) throw error;
      return uncheckedAudit(service, 'did not answer');
    }
  }

  /**
   * Each service's records about the proposal, asked at once, merged oldest first (in the services' order where the
   * clock ties). `partial`: a service that does not answer is named in `unavailable` instead of failing the read.
   * A proposal's creation is always recorded by the proposals service, so its answering with none means there is
   * no such proposal.
   */
  private async proposalRecords(
    proposalId: string,
    { partial }: { partial: boolean },
  ): Promise<{ records: ProposalAuditRecord[]; unavailable: AuditContext[] }> {
    const answers = await Promise.all(
      PROPOSAL_AUDIT_CONTEXTS.map((context) =>
        this.everyRecord(context, { proposalId }).catch((error: unknown) => {
          if (partial && unanswered(error)) return undefined;
          throw error;
        }),
      ),
    );
    if (answers[PROPOSAL_AUDIT_CONTEXTS.indexOf('proposals')]?.length === 0) throw new NotFoundError(`No proposal ${proposalId}`);
    const records = PROPOSAL_AUDIT_CONTEXTS.flatMap((context, i) =>
      [...(answers[i] ?? [])].reverse().map((record) => ({ ...record, context })),
    );
    if (records.length > AUDIT_CSV_MAX_RECORDS) throw tooLarge();
    return {
      records: records.sort((x, y) => x.occurredAt.localeCompare(y.occurredAt)),
      unavailable: PROPOSAL_AUDIT_CONTEXTS.filter((_, i) => answers[i] === undefined),
    };
  }

  /** Every record of one service's trail the filters match, newest first, paged through; refused beyond the export's limit. */
  private async everyRecord(context: AuditContext, filters: AuditTrailNarrowing): Promise<AuditRecordView[]> {
    const records: AuditRecordView[] = [];
    let before: number | undefined;
    do {
      const page = await this.read(context, { ...filters, before, pageSize: AUDIT_MAX_PAGE_SIZE });
      records.push(...page.items);
      // Refused rather than cut short: a file that silently ends early would mislead its reader.
      if (records.length > AUDIT_CSV_MAX_RECORDS) throw tooLarge();
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);
    return records;
  }

  /** The records with each actor's name beside their username, in one lookup. */
  private named<R extends AuditRecordView>(records: R[]): Promise<R[]> {
    return this.names.nameWithin(
      records,
      (record) => [record.actor],
      (record, [actor]) => ({ ...record, actor }),
    );
  }

  private read(context: AuditContext, query: AuditTrailQuery): Promise<AuditTrailPage> {
    if (context === 'gateway') return this.trail.page(query);
    return this.rpc.send(auditTrailRequest(context), query);
  }
}

function tooLarge(): UnprocessableError {
  return new UnprocessableError(
    `More than ${AUDIT_CSV_MAX_RECORDS} records match: read them a service at a time, narrowed by time or action`,
    {
      code: RefusalCode.AuditExportTooLarge,
    },
  );
}
