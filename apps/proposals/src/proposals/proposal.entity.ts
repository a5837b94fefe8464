import type { BankAccount, ProposalCategory, ProposalDocument } from '@alur/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FlatJson } from './domain/flat-json';
import { rupiahColumn } from '@alur/database';
import type { Proposal } from './domain/proposal';
import { ProposalStatus } from './domain/proposal-status';

/** A proposal (usulan) of a BKM for its village; the budget figures are always the server's own. */
@Entity('proposal')
export class ProposalEntity implements Proposal {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'program_code' }) programCode: string;
  @Column('int', { name: 'program_version' }) programVersion: number;
  @Column('text', { name: 'village_code' }) villageCode: string;
  @Column('text', { name: 'district_code' }) districtCode: string;
  @Column('text', { name: 'regency_code' }) regencyCode: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) category: ProposalCategory | null;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { name: 'executor_group', nullable: true }) executorGroup: string | null;
  @Column('int', { nullable: true }) households: number | null;
  @Column('int', { name: 'poor_households', nullable: true }) poorHouseholds: number | null;
  @Column('bigint', { name: 'budget_total', transformer: rupiahColumn }) budgetTotal: number;
  @Column('bigint', { name: 'self_help_amount', transformer: rupiahColumn }) selfHelpAmount: number;
  @Column('bigint', { name: 'requested_amount', transformer: rupiahColumn }) requestedAmount: number;
  @Column('int', { name: 'self_help_share_bp' }) selfHelpShareBp: number;
  @Column('text') status: ProposalStatus;
  @Column('int') version: number;
  @Column('int', { name: 'submission_number' }) submissionNumber: number;
  @Column('jsonb', { name: 'current_stage', nullable: true }) currentStage: FlatJson | null;
  @Column('jsonb') documents: ProposalDocument[];
  @Column('jsonb', { name: 'payee_account', nullable: true }) payeeAccount: BankAccount | null;
  @Column('text', { name: 'bkm_user_id' }) bkmUserId: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
}
