import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { Roles } from '../auth/roles.decorator';
import { validationFailed } from '../http/validation';
import { OwnUploadsPipe } from '../uploads/own-uploads.pipe';
import { NamedPerson } from '../users/official-names';
import { OfficialNames } from '../users/official-names.service';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { ListProposalsQuery } from './dto/list-proposals.query';
import { ProposalActionDto } from './dto/proposal-action.dto';
import { UpdateProposalDto } from './dto/update-proposal.dto';
import { withRegionNames } from './proposal-region-names';

interface VersionedProposal {
  version: number;
}
interface ProposalAnswer extends VersionedProposal {
  villageCode: string;
  districtCode: string;
  timeline?: Array<{ actor: NamedPerson | null }>;
}
interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** `"3"` or `W/"3"` → 3. */
function versionFromIfMatch(header: string | undefined): number | undefined {
  const match = header ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * Proposals (usulan). The gateway checks the body and the role; the proposals service decides
 * region scope (404 outside the caller's region) and the domain rules (400, 409).
 */
@ApiTags('proposals')
@Controller('api/v1/proposals')
export class ProposalsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
    private readonly names: OfficialNames,
  ) {}

  @Post()
  @Roles('BKM')
  @ApiOperation({ summary: 'Start a draft proposal for the BKM’s village; the server computes the budget total and requested amount' })
  create(@Body(OwnUploadsPipe) body: CreateProposalDto) {
    return this.rpc.send('proposals.create', body);
  }

  @Get()
  @ApiOperation({ summary: 'Proposals within the caller’s region, newest change first, with their village’s and kecamatan’s names' })
  async list(@Query() query: ListProposalsQuery) {
    const page = await this.rpc.send<{ items: ProposalAnswer[] }>('proposals.list', query);
    return { ...page, items: page.items.map((p) => withRegionNames(p, this.regions)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One proposal with its status, current stage and timeline (who acted, by name); ETag carries its version' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) response: HeaderSink) {
    const proposal = await this.rpc.send<ProposalAnswer>('proposals.get', { id });
    response.setHeader('ETag', `"${proposal.version}"`);
    if (!proposal.timeline) return withRegionNames(proposal, this.regions);
    const actors = await this.names.name(proposal.timeline.map((entry) => entry.actor));
    return withRegionNames({ ...proposal, timeline: proposal.timeline.map((entry, i) => ({ ...entry, actor: actors[i] })) }, this.regions);
  }

  @Patch(':id')
  @Roles('BKM')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version last read (or send `version` in the body)' })
  @ApiOperation({ summary: 'Edit a DRAFT or RETURNED proposal; a stale version answers 409' })
  async update(
    @Param('id') id: string,
    @Body(OwnUploadsPipe) body: UpdateProposalDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const version = body.version ?? versionFromIfMatch(ifMatch);
    if (version === undefined) {
      throw validationFailed([{ field: 'version', reason: 'is required: send the version you last read in the body or as If-Match' }]);
    }
    const proposal = await this.rpc.send<VersionedProposal>('proposals.update', { ...body, id, version });
    response.setHeader('ETag', `"${proposal.version}"`);
    return proposal;
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('BKM')
  @ApiOperation({ summary: 'Submit a draft, or resubmit a returned proposal, after checking it against its programme' })
  submit(@Param('id') id: string, @Body() body: ProposalActionDto) {
    return this.rpc.send('proposals.submit', { ...body, id });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('BKM')
  @ApiOperation({ summary: 'Withdraw a proposal that is not yet decided; 409 if a decision ended its review first' })
  async withdraw(@Param('id') id: string, @Body() body: ProposalActionDto) {
    // Under review, the approvals service decides between this withdrawal and an official's decision.
    const proposal = await this.rpc.send<VersionedProposal & { status: string; submissionNumber: number }>('proposals.get', { id });
    let reviewWithdrawn: number | null = null;
    if (proposal.status === 'SUBMITTED' || proposal.status === 'IN_REVIEW') {
      const review = await this.rpc.send<{ submissionNumber: number | null }>('approvals.withdraw', {
        proposalId: id,
        submissionNumber: proposal.submissionNumber,
        reason: body.reason ?? null,
      });
      reviewWithdrawn = review.submissionNumber;
    }
    return this.rpc.send('proposals.withdraw', { ...body, id, reviewWithdrawn });
  }
}
