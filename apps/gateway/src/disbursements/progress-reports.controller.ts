import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { OwnUploadsPipe } from '../uploads/own-uploads.pipe';
import { PhotoCaptures } from '../uploads/photo-captures.service';
import { ProposalParams } from './dto/proposal-params';
import { ReportProgressDto } from './dto/report-progress.dto';

/** Progress reports of a funded proposal, by its BKM. */
@ApiTags('disbursements')
@Controller('api/v1/proposals/:id/progress-reports')
export class ProgressReportsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly captures: PhotoCaptures,
  ) {}

  @Post()
  @Roles('BKM')
  @ApiOperation({
    summary:
      'Report physical progress and money spent (never less than before, never more than released plus swadaya); once a Verifikator accepts it, meeting the next tranche’s threshold makes it READY, and 100% is the final report (LPJ)',
  })
  async create(@Param() params: ProposalParams, @Body(OwnUploadsPipe) body: ReportProgressDto) {
    return this.rpc.send('disbursements.progress-reports.create', { ...(await this.captures.attachTo(body)), proposalId: params.id });
  }

  @Get()
  @ApiOperation({ summary: 'The proposal’s progress reports, newest first, with their verification (PENDING, ACCEPTED, SENT_BACK and the note); 404 for a proposal the caller does not see funded' })
  list(@Param() params: ProposalParams) {
    return this.rpc.send('disbursements.progress-reports.of-proposal', { proposalId: params.id });
  }
}
