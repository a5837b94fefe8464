import { Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BUDGET_READING_ROLES, ReportCarryOver, RequestOf, SetReleasesClosing } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';
import { withRegionNames } from '../proposals/proposal-region-names';

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
  @ApiOperation({
    summary:
      'Set when the fiscal year closes for releases (BPKAD); a release after it is refused with 409. Without one, the year closes at its end',
  })
  setClosing(@ContractInput(SetReleasesClosing, { from: 'body', params: ['fiscalYear'] }) command: RequestOf<typeof SetReleasesClosing>) {
    return this.rpc.send(SetReleasesClosing, command);
  }

  @Get(':fiscalYear/carry-over')
  @Roles(...BUDGET_READING_ROLES)
  @ApiOperation({
    summary:
      'The closing date and the carry-over (SiLPA): every committed tranche of the year not released (with its village’s and kecamatan’s names), with totals per programme',
  })
  async carryOver(
    @ContractInput(ReportCarryOver, { from: 'query', params: ['fiscalYear'], ownAnswer: true }) query: RequestOf<typeof ReportCarryOver>,
  ) {
    const report = await this.rpc.send(ReportCarryOver, query);
    return { ...report, items: report.items.map((item) => withRegionNames(item, this.regions)) };
  }
}
