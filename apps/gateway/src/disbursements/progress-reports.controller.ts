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
import { ReportProgressInput } from './http-inputs';

/** Progress reports of a funded proposal, by its BKM. */
@ApiTags('disbursements')
@Controller('api/v1/proposals/:id/progress-reports')
export class ProgressReportsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly ownUploads: OwnUploadsPipe,
    private readonly captures: PhotoCaptures,
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
      'The proposal’s progress reports, newest first, with their verification (PENDING, ACCEPTED, SENT_BACK and the note); 404 for a proposal the caller does not see funded',
  })
  list(@ContractInput(ListProposalProgressReports, { from: 'path', params: ['id'], schema: IdPath }) params: IdPath) {
    return this.rpc.send(ListProposalProgressReports, { proposalId: params.id });
  }
}
