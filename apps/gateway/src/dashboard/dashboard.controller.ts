import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ListFundsReport, REGENCY_OVERVIEW_ROLES, ReportApprovalStages } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { transparencyReport } from '../transparency/transparency-report';
import { DashboardView } from './dashboard-view';

/** Figures for regency officials, gathered from the approvals and disbursements services. Read-only. */
@ApiTags('dashboard')
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
  ) {}

  @Get()
  @Roles(...REGENCY_OVERVIEW_ROLES)
  @ApiOperation({
    summary: 'Proposals waiting and overdue per stage and kecamatan, median time to decide per stage (minutes), funds per kecamatan',
  })
  async dashboard(@CurrentActor() actor: Actor): Promise<DashboardView> {
    const [stages, funds] = await Promise.all([
      this.rpc.send(ReportApprovalStages, {}),
      this.rpc.send(ListFundsReport, { regionCode: actor.regionCode }),
    ]);
    const nameOf = (code: string) => this.regions.get(code)?.name ?? code;
    return {
      regencyCode: actor.regionCode,
      regencyName: this.regions.placeNameOf(actor.regionCode),
      perStage: stages.perStage,
      overdueByDistrict: stages.overdueByDistrict.map((d) => ({ ...d, name: nameOf(d.districtCode) })),
      fundsByDistrict: transparencyReport(funds.items, nameOf).districts.map((d) => ({
        districtCode: d.code,
        name: d.name,
        proposals: d.proposals,
        amount: d.amount,
        committed: d.committed,
        released: d.released,
      })),
    };
  }
}
