import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Actor, Role, StageStatus } from '@alur/contracts';
import { ApprovalStage, RegionScopeLevel } from './domain/approval-stage';

/** The `approval_stage` table; ApprovalStageRepository reads and writes it. */
@Entity('approval_stage')
export class ApprovalStageEntity implements ApprovalStage {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'proposal_id' }) proposalId: string;
  @Column('int', { name: 'submission_number' }) submissionNumber: number;
  @Column('int', { name: 'stage_order' }) stageOrder: number;
  @Column('int', { name: 'stage_count' }) stageCount: number;
  @Column('text') role: Role;
  @Column('text', { name: 'region_level' }) regionLevel: RegionScopeLevel;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text', { name: 'village_code' }) villageCode: string;
  @Column('text', { name: 'program_code' }) programCode: string;
  @Column('text') title: string;
  @Column('text') status: StageStatus;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('jsonb', { name: 'decided_by', nullable: true }) decidedBy: Actor | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('int') version: number;
}
