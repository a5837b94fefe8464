import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ListProgressReportsQuery } from './dto/list-progress-reports.query';
import { ReportParams } from './dto/report-params';
import { VerifyProgressReportDto } from './dto/verify-progress-report.dto';

/** Verification of progress reports on site by the dinas teknis (tim verifikasi). */
@ApiTags('disbursements')
@Controller('api/v1/progress-reports')
export class ProgressVerificationController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Progress reports within the caller’s region with their photos and figures; `verificationStatus=PENDING` is a Verifikator’s queue' })
  list(@Query() query: ListProgressReportsQuery) {
    return this.rpc.send('disbursements.progress-reports.list', query);
  }

  @Post(':reportId/verification')
  @HttpCode(200)
  @Roles('VERIFIKATOR')
  @ApiOperation({ summary: 'Accept a pending report (it counts toward the next tranche) or send it back to the BKM with a note' })
  verify(@Param() params: ReportParams, @Body() body: VerifyProgressReportDto) {
    return this.rpc.send('disbursements.progress-reports.verify', { ...body, reportId: params.reportId });
  }
}
