import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role, UserLanguage } from '@alur/contracts';

/** A person who logs in to Alur, with the one role and region their authority is scoped to. */
@Entity({ name: 'user_account' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored in lower case; login compares in lower case too. */
  @Column({ type: 'text', unique: true })
  username: string;

  /** argon2id, in the PHC string format that carries its own salt and parameters. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  /** Kemendagri code of the village, kecamatan or kabupaten the role acts on. */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', default: 'id' })
  language: UserLanguage;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Raised by logout: access tokens carry the version they were issued under and die with it. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
