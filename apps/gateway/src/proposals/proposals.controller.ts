import { Controller, Get, Headers, HttpCode, Patch, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BaseEnv, InjectEnv } from '@alur/config';
import {
  Actor,
  CreateProposal,
  GetProposal,
  InvalidInputError,
  ListProposals,
  ListProposalsExportQuerySchema,
  PROPOSAL_EXPORT_MAX_ROWS,
  PROPOSAL_LIST_MAX_PAGE_SIZE,
  RefusalCode,
  RequestOf,
  SubmitProposal,
  UpdateProposal,
  WithdrawFromReview,
  WithdrawProposal,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { SecurityAudit } from '../audit/security-audit.service';
import { ContractInput } from '../http/contract-input';
import { ExportFormat } from '../http/csv';
import { everyItem, ExportOptions } from '../http/every-item';
import { spreadsheetAnswer, XLSX_CONTENT_TYPE } from '../http/export-table';
import { OwnUploadsPipe } from '../uploads/own-uploads.pipe';
import { OfficialNames } from '../users/official-names.service';
import { proposalListCsv, proposalListFileName, proposalListXlsx } from './proposal-list-file';
import { withRegionNames } from './proposal-region-names';

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** An edit as a client sends it: the version may come as If-Match instead of in the body. */
const UpdateProposalInput = UpdateProposal.request.extend({ version: UpdateProposal.request.shape.version.optional() });
type UpdateProposalInput = z.output<typeof UpdateProposalInput>;

/** A withdrawal as a client sends it: whether a review was closed for it is the gateway's to find out. */
const WithdrawProposalInput = WithdrawProposal.request.omit({ reviewWithdrawn: true });
type WithdrawProposalInput = z.output<typeof WithdrawProposalInput>;

/** The proposals' file: the list paged at its largest page, up to PROPOSAL_EXPORT_MAX_ROWS. */
const PROPOSAL_EXPORT: ExportOptions = {
  maxRows: PROPOSAL_EXPORT_MAX_ROWS,
  pageSize: PROPOSAL_LIST_MAX_PAGE_SIZE,
  tooLarge: RefusalCode.ProposalExportTooLarge,
  items: 'proposals',
  narrowBy: 'status, region, programme or text',
};

/** `"3"`, `W/"3"` or a read's `"3.7"` → 3. */
function versionFromIfMatch(header: string | undefined): number | undefined {
  const match = header ? /^(?:W\/)?"?(\d+)(?:\.\d+)?"?$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * A read's ETag: the version, and the timeline's length when it is shown. Another service's word that
 * changes no field (a stage overdue, a withdrawal's echo) adds an entry without a new version; with the
 * version alone, a browser revalidating its copy was told 304 and showed the history without it.
 */
function etagOfRead(proposal: { version: number; timeline?: readonly unknown[] }): string {
  return proposal.timeline ? `"${proposal.version}.${proposal.timeline.length}"` : `"${proposal.version}"`;
}

/**
 * Proposals (usulan). The gateway checks the request (its contract) and the role; the proposals
 * service decides region scope (404 outside the caller's region) and the domain rules (400, 409).
 */
@ApiTags('proposals')
@Controller('api/v1/proposals')
export class ProposalsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
    private readonly names: OfficialNames,
    private readonly ownUploads: OwnUploadsPipe,
    private readonly audit: SecurityAudit,
    @InjectEnv() private readonly env: BaseEnv,
  ) {}

  @Post()
  @Roles('BKM')
  @ApiOperation({ summary: 'Start a draft proposal for the BKM’s village; the server computes the budget total and requested amount' })
  async create(@ContractInput(CreateProposal, { from: 'body' }) command: RequestOf<typeof CreateProposal>) {
    await this.ownUploads.transform(command);
    return this.rpc.send(CreateProposal, command);
  }

  @Get()
  @ApiOperation({ summary: 'Proposals within the caller’s region, newest change first, with their village’s and kecamatan’s names' })
  async list(@ContractInput(ListProposals, { from: 'query', ownAnswer: true }) query: RequestOf<typeof ListProposals>) {
    const page = await this.rpc.send(ListProposals, query);
    return { ...page, items: page.items.map((p) => withRegionNames(p, this.regions)) };
  }

  // Declared before `:id`, which would otherwise take `csv` for a proposal's id.
  @Get('csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `Every proposal the list’s filters match within the caller’s region, newest change first, as CSV for an inspector’s working papers; more than ${PROPOSAL_EXPORT_MAX_ROWS} answer 422 PROPOSAL_EXPORT_TOO_LARGE`,
  })
  async csv(
    @ContractInput(null, { from: 'query', schema: ListProposalsExportQuerySchema })
    filters: z.output<typeof ListProposalsExportQuerySchema>,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<string> {
    const proposals = await this.exportedRows(filters, actor, 'csv');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${proposalListFileName(new Date(), this.env.TIMEZONE, 'csv')}"`);
    return proposalListCsv(proposals);
  }

  @Get('xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({
    summary: `The same proposals as the CSV, as a spreadsheet (.xlsx) that opens as it is in an Excel set to Indonesian: amounts as numbers, times in the regency’s zone, and a sheet saying when, for whom and with which filters it was made`,
  })
  async xlsx(
    @ContractInput(null, { from: 'query', schema: ListProposalsExportQuerySchema })
    filters: z.output<typeof ListProposalsExportQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const request = { filters, madeAt: new Date(), madeBy: actor.username, timeZone: this.env.TIMEZONE, regions: this.regions };
    const file = await proposalListXlsx(await this.exportedRows(filters, actor, 'xlsx'), request);
    return spreadsheetAnswer(file, proposalListFileName(request.madeAt, request.timeZone, 'xlsx'));
  }

  /** Every proposal the filters match within the caller's region, with its region's names: a file's rows, its download recorded. */
  private async exportedRows(filters: z.output<typeof ListProposalsExportQuerySchema>, actor: Actor, format: ExportFormat) {
    const proposals = await everyItem((page, pageSize) => this.rpc.send(ListProposals, { ...filters, page, pageSize }), PROPOSAL_EXPORT);
    await this.audit.exported(actor, { route: `/api/v1/proposals/${format}`, filters, rows: proposals.length });
    return proposals.map((p) => withRegionNames(p, this.regions));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One proposal with its status, current stage and timeline (who acted, by name); ETag carries its version and timeline length',
  })
  async get(
    @ContractInput(GetProposal, { from: 'path', params: ['id'], ownAnswer: true }) request: RequestOf<typeof GetProposal>,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const proposal = await this.rpc.send(GetProposal, request);
    response.setHeader('ETag', etagOfRead(proposal));
    if (!proposal.timeline) return withRegionNames(proposal, this.regions);
    const actors = await this.names.name(proposal.timeline.map((entry) => entry.actor));
    return withRegionNames({ ...proposal, timeline: proposal.timeline.map((entry, i) => ({ ...entry, actor: actors[i] })) }, this.regions);
  }

  @Patch(':id')
  @Roles('BKM')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag of the last read, or its version (or send `version` in the body)',
  })
  @ApiOperation({ summary: 'Edit a DRAFT or RETURNED proposal; a stale version answers 409' })
  async update(
    @ContractInput(UpdateProposal, { from: 'body', params: ['id'], schema: UpdateProposalInput }) input: UpdateProposalInput,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    await this.ownUploads.transform(input);
    const version = input.version ?? versionFromIfMatch(ifMatch);
    if (version === undefined) {
      throw new InvalidInputError([
        { field: 'version', reason: 'is required: send the version you last read in the body or as If-Match', code: 'required' },
      ]);
    }
    const proposal = await this.rpc.send(UpdateProposal, { ...input, version });
    response.setHeader('ETag', `"${proposal.version}"`);
    return proposal;
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('BKM')
  @ApiOperation({ summary: 'Submit a draft, or resubmit a returned proposal, after checking it against its programme' })
  submit(@ContractInput(SubmitProposal, { from: 'body', params: ['id'] }) command: RequestOf<typeof SubmitProposal>) {
    return this.rpc.send(SubmitProposal, command);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('BKM')
  @ApiOperation({ summary: 'Withdraw a proposal that is not yet decided; 409 if a decision ended its review first' })
  async withdraw(
    @ContractInput(WithdrawProposal, { from: 'body', params: ['id'], schema: WithdrawProposalInput }) input: WithdrawProposalInput,
  ) {
    // Under review, the approvals service decides between this withdrawal and an official's decision.
    const proposal = await this.rpc.send(GetProposal, { id: input.id });
    let reviewWithdrawn: number | null = null;
    if (proposal.status === 'SUBMITTED' || proposal.status === 'IN_REVIEW') {
      const review = await this.rpc.send(WithdrawFromReview, {
        proposalId: input.id,
        submissionNumber: proposal.submissionNumber,
        reason: input.reason ?? null,
      });
      reviewWithdrawn = review.submissionNumber;
    }
    return this.rpc.send(WithdrawProposal, { ...input, reviewWithdrawn });
  }
}
