import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ListProposalProgressReports, ReportProgress } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';
import { OwnUploadsPipe } from '../uploads/own-uploads.pipe';
import { PhotoCaptures } from '../uploads/photo-captures.service';
import { IdPath } from '../http/id-path';
import { OfficialNames } from '../users/official-names.service';
import { ReportProgressInput } from './http-inputs';
import { withNamedReporters } from './named-officials';

/** Progress reports of a funded proposal, by its BKM. */
@ApiTags('disbursements')
@Controller('api/v1/proposals/:id/progress-reports')
export class ProgressReportsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly ownUploads: OwnUploadsPipe,
    private readonly captures: PhotoCaptures,
    private readonly names: OfficialNames,
  ) {}

  @Post()
  @Roles('BKM')
  @ApiOperation({
    summary:
      'Report physical progress and money spent (never less than before, never more than released plus swadaya); once a Verifikator accepts it, meeting the next tranche’s threshold makes it READY, and 100% is the final report (LPJ)',
  })
  async create(
    @ContractInput(ReportProgress, { from: 'body', params: ['id'], schema: ReportProgressInput })
    input: z.output<typeof ReportProgressInput>,
  ) {
    // Once the shape is valid: every uploaded photo must be the caller's village's own, and its EXIF capture is the gateway's to add.
    const { id, ...report } = await this.ownUploads.transform(input);
    return this.rpc.send(ReportProgress, { ...(await this.captures.attachTo(report)), proposalId: id });
  }

  @Get()
  @ApiOperation({
    summary:
      'The proposal’s progress reports, newest first, with their verification (PENDING, ACCEPTED, SENT_BACK and the note) and who reported and verified each (by name); 404 for a proposal the caller does not see funded',
  })
  async list(@ContractInput(ListProposalProgressReports, { from: 'path', params: ['id'], schema: IdPath }) params: IdPath) {
    const page = await this.rpc.send(ListProposalProgressReports, { proposalId: params.id });
    return { ...page, items: await withNamedReporters(this.names, page.items) };
  }
}
