import { Column, Entity, PrimaryColumn } from 'typeorm';
import { rupiahColumn } from '@alur/database';

/** One line of a proposal's RAB; the quantity is kept in hundredths of a unit so that no float is stored. */
@Entity('proposal_budget_item')
export class ProposalBudgetItemEntity {
  @PrimaryColumn('uuid', { name: 'proposal_id' }) proposalId: string;
  @PrimaryColumn('int') position: number;
  @Column('text') description: string;
  @Column('bigint', { name: 'quantity_hundredths', transformer: rupiahColumn }) quantityHundredths: number;
  @Column('text') unit: string;
  @Column('bigint', { name: 'unit_price', transformer: rupiahColumn }) unitPrice: number;
  @Column('bigint', { transformer: rupiahColumn }) amount: number;
}
