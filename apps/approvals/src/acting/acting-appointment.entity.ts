import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Actor, Role } from '@alur/contracts';
import { ActingAppointment } from './domain/acting-appointment';

/** The `acting_appointment` table; ActingAppointmentRepository reads and writes it. */
@Entity('acting_appointment')
export class ActingAppointmentEntity implements ActingAppointment {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'acting_user_id' }) actingUserId: string;
  @Column('text', { name: 'acting_username' }) actingUsername: string;
  @Column('text', { name: 'for_user_id' }) forUserId: string;
  @Column('text', { name: 'for_username' }) forUsername: string;
  @Column('text') role: Role;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('timestamptz', { name: 'valid_from' }) validFrom: Date;
  @Column('timestamptz', { name: 'valid_until' }) validUntil: Date;
  @Column('jsonb', { name: 'created_by' }) createdBy: Actor;
  /** Orders appointments of the same start; set by the database. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
