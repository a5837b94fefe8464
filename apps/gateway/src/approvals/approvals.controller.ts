import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecideStage, ListInbox, RequestOf } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { NamedPerson } from '../users/official-names';
import { OfficialNames } from '../users/official-names.service';
import { ContractInput } from '../http/contract-input';

/** The officials' side of the approval chain; the approvals service checks role, region and acting appointments. */
@ApiTags('approvals')
@Controller('api/v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly names: OfficialNames,
    private readonly regions: RegionDirectory,
  ) {}

  @Get('inbox')
  @ApiOperation({ summary: 'Stages waiting for me (and for officials I act for), oldest first' })
  inbox(@ContractInput(ListInbox, { from: 'query' }) query: RequestOf<typeof ListInbox>) {
    return this.rpc.send(ListInbox, query);
  }

  @Post(':stageId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve, return (with a note) or reject (with a reason) an open stage; 409 if it is no longer open' })
  decide(@ContractInput(DecideStage, { from: 'body', params: ['stageId'] }) command: RequestOf<typeof DecideStage>) {
    return this.rpc.send(DecideStage, command);
  }

  @Get('proposals/:proposalId/stages')
  @ApiOperation({
    summary: 'Every stage of a proposal, with who decided (by name) and for whom they acted; an open stage the caller may decide carries `yourDecision` (with the official and region they would act for as Plt/Plh)',
  })
  async proposalStages(@Param('proposalId', new ParseUUIDPipe()) proposalId: string) {
    const stages = await this.rpc.send<StageAnswer[]>('approvals.proposal-stages', { proposalId });
    const deciders = await this.names.name(stages.map((stage) => stage.decidedBy));
    const actedFor = await this.names.name(stages.map((stage) => stage.yourDecision?.actingFor ?? null));
    return stages.map((stage, i) => {
      const actingFor = actedFor[i] as (NamedPerson & { regionCode: string }) | null;
      return {
        ...stage,
        decidedBy: deciders[i],
        ...(stage.yourDecision
          ? { yourDecision: { actingFor: actingFor ? { ...actingFor, regionName: this.regions.get(actingFor.regionCode)?.name ?? null } : null } }
          : {}),
      };
    });
  }
}

interface StageAnswer {
  decidedBy: NamedPerson | null;
  yourDecision?: { actingFor: (NamedPerson & { role: string; regionCode: string }) | null };
}
