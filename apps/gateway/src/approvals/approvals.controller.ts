import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DecideStage,
  ListInbox,
  ListProposalStages,
  type NamedOfficial,
  type NamedProposalStage,
  NamedProposalStagesSchema,
  RequestOf,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { OfficialNames } from '../users/official-names.service';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';

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
  @ApiOperation({ summary: 'Stages waiting for me (and for officials I act for, by name), oldest first' })
  async inbox(@ContractInput(ListInbox, { from: 'query' }) query: RequestOf<typeof ListInbox>) {
    const page = await this.rpc.send(ListInbox, query);
    // Looked up only for a page with a stage decided as Plt/Plh.
    const items = await this.names.nameWithin(
      page.items,
      (item) => [item.actingFor],
      (item, [actingFor]) => ({ ...item, actingFor }),
    );
    return { ...page, items };
  }

  @Post(':stageId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve, return (with a note) or reject (with a reason) an open stage; 409 if it is no longer open' })
  decide(@ContractInput(DecideStage, { from: 'body', params: ['stageId'] }) command: RequestOf<typeof DecideStage>) {
    return this.rpc.send(DecideStage, command);
  }

  @Get('proposals/:proposalId/stages')
  @ApiOperation({
    summary:
      'Every stage of a proposal, with who decided (by name) and for whom they acted; an open stage the caller may decide carries `yourDecision` (with the official and region they would act for as Plt/Plh)',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(NamedProposalStagesSchema, 'output') })
  async proposalStages(
    @ContractInput(ListProposalStages, { from: 'path', params: ['proposalId'], ownAnswer: true })
    request: RequestOf<typeof ListProposalStages>,
  ): Promise<NamedProposalStage[]> {
    const stages = await this.rpc.send(ListProposalStages, request);
    const deciders = await this.names.name(stages.map((stage) => stage.decidedBy));
    const actedFor = await this.names.name(stages.map((stage) => stage.yourDecision?.actingFor ?? null));
    // The names service answers the people it was given, each with a displayName.
    return stages.map(({ yourDecision, ...stage }, i): NamedProposalStage => {
      const actingFor = actedFor[i] as NamedOfficial | null;
      return {
        ...stage,
        decidedBy: deciders[i] as NamedProposalStage['decidedBy'],
        ...(yourDecision
          ? {
              yourDecision: {
                actingFor: actingFor ? { ...actingFor, regionName: this.regions.get(actingFor.regionCode)?.name ?? null } : null,
              },
            }
          : {}),
      };
    });
  }
}
