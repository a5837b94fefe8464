import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Actor } from '@alur/contracts';
import { FlatJson } from './domain/flat-json';

/** One thing that happened to a proposal, from its own changes or from another service's event. */
@Entity('proposal_timeline_entry')
export class ProposalTimelineEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'proposal_id' }) proposalId: string;
  @Column('text', { name: 'source_event_id' }) sourceEventId: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('text') kind: string;
  @Column('jsonb', { nullable: true }) actor: Actor | null;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status', nullable: true }) toStatus: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('jsonb', { nullable: true }) details: FlatJson | null;
}
