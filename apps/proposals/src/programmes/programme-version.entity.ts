import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ApprovalStage, EligibleRegions, ProposalCategory, ReminderSchedule, RequiredDocument, Tranche } from '@alur/contracts';
import { rupiahColumn } from '@alur/database';
import type { ProgrammeVersion, ProgrammeVersionStatus } from './domain/programme-version';

/** One version of a programme; a PUBLISHED version never changes (a trigger guards it too). */
@Entity('programme_version')
export class ProgrammeVersionEntity implements ProgrammeVersion {
  @PrimaryColumn('text') code: string;
  @PrimaryColumn('int') version: number;
  @Column('text') status: ProgrammeVersionStatus;
  @Column('text') name: string;
  @Column('int', { name: 'fiscal_year' }) fiscalYear: number;
  @Column('jsonb', { name: 'eligible_regions' }) eligibleRegions: EligibleRegions;
  @Column('bigint', { name: 'max_requested_amount', transformer: rupiahColumn }) maxRequestedAmount: number;
  @Column('int', { name: 'min_self_help_share_bp' }) minSelfHelpShareBp: number;
  @Column('jsonb') categories: ProposalCategory[];
  @Column('jsonb', { name: 'approval_chain' }) approvalChain: ApprovalStage[];
  @Column('jsonb', { name: 'reminder_schedule' }) reminderSchedule: ReminderSchedule;
  @Column('jsonb', { name: 'tranche_plan' }) tranchePlan: Tranche[];
  @Column('text', { name: 'ceiling_region_level' }) ceilingRegionLevel: 'village' | 'district' | 'regency';
  @Column('bigint', { name: 'ceiling_amount', transformer: rupiahColumn }) ceilingAmount: number;
  @Column('jsonb', { name: 'required_documents' }) requiredDocuments: RequiredDocument[];
  @Column('boolean', { name: 'progress_photos_required' }) progressPhotosRequired: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('text', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('text', { name: 'published_by', nullable: true }) publishedBy: string | null;
}
