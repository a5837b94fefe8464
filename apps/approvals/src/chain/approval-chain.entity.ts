import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApprovalStage, ChainStatus, ProposalCategory, ReminderSchedule } from '@alur/contracts';
import { rupiahColumn } from '@alur/database';
import { ApprovalChain } from './domain/approval-chain';

/** The `approval_chain` table; ApprovalChainRepository reads and writes it. */
@Entity('approval_chain')
export class ApprovalChainEntity implements ApprovalChain {
  @PrimaryColumn('uuid', { name: 'proposal_id' }) proposalId: string;
  @PrimaryColumn('int', { name: 'submission_number' }) submissionNumber: number;
  @Column('text', { name: 'program_code' }) programCode: string;
  @Column('int', { name: 'program_version' }) programVersion: number;
  @Column('text', { name: 'village_code' }) villageCode: string;
  @Column('text', { name: 'district_code' }) districtCode: string;
  @Column('text', { name: 'regency_code' }) regencyCode: string;
  @Column('text') title: string;
  @Column('text') category: ProposalCategory;
  @Column('bigint', { name: 'requested_amount', transformer: rupiahColumn }) requestedAmount: number;
  @Column('text', { name: 'bkm_user_id' }) bkmUserId: string;
  @Column('jsonb') stages: ApprovalStage[];
  @Column('jsonb', { name: 'reminder_schedule' }) reminderSchedule: ReminderSchedule;
  @Column('text') status: ChainStatus;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}
