import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { isUuid } from '../common/is-uuid';
import { ApprovalStageEntity } from './approval-stage.entity';
import { StageView, toStageView } from './stage-view';

/** Every stage of a proposal, all submissions, in order: who decided what, when, and for whom. */
@Injectable()
export class ListProposalStagesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, proposalId: string): Promise<StageView[]> {
    const notFound = new NotFoundException('Proposal not found');
    if (!isUuid(proposalId)) throw notFound;
    const stages = await this.dataSource.manager.find(ApprovalStageEntity, {
      where: { proposalId },
      order: { submissionNumber: 'ASC', stageOrder: 'ASC' },
    });
    if (stages.length === 0 || !this.regions.covers(actor.regionCode, stages[0].villageCode)) throw notFound;
    const now = new Date();
    return stages.map((stage) => toStageView(stage, now));
  }
}
