import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Actor, Role } from '@alur/contracts';

/**
 * A Plt/Plh: `actingUserId` may decide, from `validFrom` until (not including) `validUntil`, the
 * stages of `role` over `regionCode` that belong to the official `forUserId`.
 */
@Entity('acting_appointment')
export class ActingAppointmentEntity {
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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
