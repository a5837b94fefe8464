import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { Roles } from '../auth/roles.decorator';
import { withRegionNames } from '../proposals/proposal-region-names';
import { CarryOverQuery } from './dto/carry-over.query';
import { FiscalYearParams } from './dto/fiscal-year-params';
import { SetReleasesClosingDto } from './dto/set-releases-closing.dto';

/** The fiscal calendar of the caller's kabupaten: when a year closes for releases, and what carries over. */
@ApiTags('disbursements')
@Controller('api/v1/fiscal-years')
export class FiscalYearsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
  ) {}

  @Put(':fiscalYear/closing')
  @Roles('BPKAD')
  @ApiOperation({ summary: 'Set when the fiscal year closes for releases (BPKAD); a release after it is refused with 409. Without one, the year closes at its end' })
  setClosing(@Param() params: FiscalYearParams, @Body() body: SetReleasesClosingDto) {
    return this.rpc.send('disbursements.fiscal-years.set-closing', { fiscalYear: params.fiscalYear, releasesCloseAt: body.releasesCloseAt });
  }

  @Get(':fiscalYear/carry-over')
  @Roles('BPKAD', 'ADMIN')
  @ApiOperation({
    summary: 'The closing date and the carry-over (SiLPA): every committed tranche of the year not released (with its village’s and kecamatan’s names), with totals per programme',
  })
  async carryOver(@Param() params: FiscalYearParams, @Query() query: CarryOverQuery) {
    const report = await this.rpc.send<{ items: Array<{ villageCode: string; districtCode: string }> }>('disbursements.fiscal-years.carry-over', {
      fiscalYear: params.fiscalYear,
      ...query,
    });
    return { ...report, items: report.items.map((item) => withRegionNames(item, this.regions)) };
  }
}
