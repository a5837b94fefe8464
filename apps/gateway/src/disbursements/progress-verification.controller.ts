import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListProgressReports, RequestOf, VerifyProgressReport } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';
import { withRegionNames } from '../proposals/proposal-region-names';
import { OfficialNames } from '../users/official-names.service';
import { withNamedReporters } from './named-officials';

/** Verification of progress reports on site by the dinas teknis (tim verifikasi). */
@ApiTags('disbursements')
@Controller('api/v1/progress-reports')
export class ProgressVerificationController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
    private readonly names: OfficialNames,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Progress reports within the caller’s region with their photos and figures, who reported and verified each (by name), and their village’s and kecamatan’s names; `verificationStatus=PENDING` is a Verifikator’s queue, the report waiting longest first',
  })
  async list(@ContractInput(ListProgressReports, { from: 'query', ownAnswer: true }) query: RequestOf<typeof ListProgressReports>) {
    const page = await this.rpc.send(ListProgressReports, query);
    const named = await withNamedReporters(this.names, page.items);
    return { ...page, items: named.map((report) => withRegionNames(report, this.regions)) };
  }

  @Post(':reportId/verification')
  @HttpCode(200)
  @Roles('VERIFIKATOR')
  @ApiOperation({ summary: 'Accept a pending report (it counts toward the next tranche) or send it back to the BKM with a note' })
  verify(@ContractInput(VerifyProgressReport, { from: 'body', params: ['reportId'] }) command: RequestOf<typeof VerifyProgressReport>) {
    return this.rpc.send(VerifyProgressReport, command);
  }
}
