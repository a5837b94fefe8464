import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Actor, ApprovalStageRef, Role, StageStatus } from '@alur/contracts';

export { STAGE_STATUSES, type StageStatus } from '@alur/contracts';
export type RegionScopeLevel = ApprovalStageRef['regionLevel'];

/** One step of a chain, waiting for (or decided by) the official of `role` over `regionCode`. */
@Entity('approval_stage')
export class ApprovalStageEntity {
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
  /** Who decided, with `actingFor` when a Plt/Plh decided in the official's place. */
  @Column('jsonb', { name: 'decided_by', nullable: true }) decidedBy: Actor | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('int') version: number;
}

/** What every approval event says about a stage. */
export function stageRefOf(stage: ApprovalStageEntity): ApprovalStageRef {
  return {
    stageId: stage.id,
    proposalId: stage.proposalId,
    submissionNumber: stage.submissionNumber,
    stageOrder: stage.stageOrder,
    stageCount: stage.stageCount,
    role: stage.role,
    regionLevel: stage.regionLevel,
    regionCode: stage.regionCode,
    villageCode: stage.villageCode,
    programCode: stage.programCode,
    title: stage.title,
  };
}
