import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { Roles } from '../auth/roles.decorator';
import { withRegionNames } from '../proposals/proposal-region-names';
import { ListProgressReportsQuery } from './dto/list-progress-reports.query';
import { ReportParams } from './dto/report-params';
import { VerifyProgressReportDto } from './dto/verify-progress-report.dto';

/** Verification of progress reports on site by the dinas teknis (tim verifikasi). */
@ApiTags('disbursements')
@Controller('api/v1/progress-reports')
export class ProgressVerificationController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Progress reports within the caller’s region with their photos and figures, and their village’s and kecamatan’s names; `verificationStatus=PENDING` is a Verifikator’s queue',
  })
  async list(@Query() query: ListProgressReportsQuery) {
    const page = await this.rpc.send<{ items: Array<{ villageCode: string; districtCode: string }> }>('disbursements.progress-reports.list', query);
    return { ...page, items: page.items.map((report) => withRegionNames(report, this.regions)) };
  }

  @Post(':reportId/verification')
  @HttpCode(200)
  @Roles('VERIFIKATOR')
  @ApiOperation({ summary: 'Accept a pending report (it counts toward the next tranche) or send it back to the BKM with a note' })
  verify(@Param() params: ReportParams, @Body() body: VerifyProgressReportDto) {
    return this.rpc.send('disbursements.progress-reports.verify', { ...body, reportId: params.reportId });
  }
}
