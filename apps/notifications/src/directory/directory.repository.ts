import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { NOTIFICATION_LANGUAGES, ROLES, UserSavedPayload } from '@alur/contracts';
import { queryRows } from '@alur/database';
import { Audience } from '../recipients/domain/audience';
import { ActingAppointment, DirectoryUser } from '../recipients/domain/recipient-resolver';

/** A `recipient` row, checked, as a DirectoryUser. */
const UserRow = z
  .object({
    user_id: z.string(),
    username: z.string(),
    display_name: z.string(),
    role: z.enum(ROLES),
    region_code: z.string(),
    language: z.enum(NOTIFICATION_LANGUAGES),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
  })
  .transform((row): DirectoryUser => ({
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    language: row.language,
    email: row.email,
    phone: row.phone,
    active: row.active,
  }));

/** An `acting_appointment` row, checked, as an ActingAppointment. */
const AppointmentRow = z
  .object({
    appointment_id: z.string(),
    acting_user_id: z.string(),
    acting_for_user_id: z.string(),
    role: z.enum(ROLES),
    region_code: z.string(),
    valid_from: z.date(),
    valid_until: z.date(),
  })
  .transform((row): ActingAppointment => ({
    appointmentId: row.appointment_id,
    actingUserId: row.acting_user_id,
    actingForUserId: row.acting_for_user_id,
    role: row.role,
    regionCode: row.region_code,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  }));

/** What the service knows of a proposal: its title, and the stage waiting for a decision (null once decided). */
export interface ProposalSummary {
  title: string;
  openStage: Audience | null;
}

/** A `proposal_summary` row, checked, as a ProposalSummary. */
const ProposalRow = z
  .object({ title: z.string(), open_stage_role: z.enum(ROLES).nullable(), open_stage_region: z.string().nullable() })
  .transform((row): ProposalSummary => ({
    title: row.title,
    openStage: row.open_stage_role ? { role: row.open_stage_role, regionCode: row.open_stage_region! } : null,
  }));

/** The service's copy of who is who (from UserSaved), who acts for whom, and what it knows of each proposal. */
@Injectable()
export class DirectoryRepository {
  async saveUser(tx: EntityManager, user: UserSavedPayload): Promise<void> {
    await tx.query(
      `INSERT INTO recipient (user_id, username, display_name, role, region_code, language, email, phone, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, role = EXCLUDED.role,
         region_code = EXCLUDED.region_code, language = EXCLUDED.language, email = EXCLUDED.email, phone = EXCLUDED.phone,
         active = EXCLUDED.active, updated_at = now()`,
      [user.userId, user.username, user.displayName, user.role, user.regionCode, user.language, user.email, user.phone, user.active],
    );
  }

  async saveAppointment(tx: EntityManager, appointment: ActingAppointment): Promise<void> {
    await tx.query(
      `INSERT INTO acting_appointment (appointment_id, acting_user_id, acting_for_user_id, role, region_code, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (appointment_id) DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until`,
      [
        appointment.appointmentId,
        appointment.actingUserId,
        appointment.actingForUserId,
        appointment.role,
        appointment.regionCode,
        appointment.validFrom,
        appointment.validUntil,
      ],
    );
  }

  /** An appointment ended early holds only until then; one never recorded here has nothing to end. */
  async endAppointment(tx: EntityManager, appointmentId: string, validUntil: string): Promise<void> {
    await tx.query('UPDATE acting_appointment SET valid_until = $2 WHERE appointment_id = $1 AND valid_until > $2 AND valid_from < $2', [
      appointmentId,
      validUntil,
    ]);
  }

  async findUser(tx: EntityManager, userId: string): Promise<DirectoryUser | null> {
    const [user] = await queryRows(tx, UserRow, 'SELECT * FROM recipient WHERE user_id = $1', [userId]);
    return user ?? null;
  }

  /** Everyone who could be in the audiences: the holders of each role and region, and the users appointed to act for them. */
  async candidatesFor(
    tx: EntityManager,
    audiences: readonly Audience[],
  ): Promise<{ users: DirectoryUser[]; appointments: ActingAppointment[] }> {
    if (audiences.length === 0) return { users: [], appointments: [] };
    const roles = audiences.map((a) => a.role);
    const regions = audiences.map((a) => a.regionCode);
    const appointments = await queryRows(
      tx,
      AppointmentRow,
      `SELECT a.* FROM acting_appointment a JOIN unnest($1::text[], $2::text[]) AS x(role, region_code)
         ON a.role = x.role AND a.region_code = x.region_code`,
      [roles, regions],
    );
    const users = await queryRows(
      tx,
      UserRow,
      `SELECT r.* FROM recipient r JOIN unnest($1::text[], $2::text[]) AS x(role, region_code)
         ON r.role = x.role AND r.region_code = x.region_code
       UNION SELECT r.* FROM recipient r WHERE r.user_id = ANY($3::text[])`,
      [roles, regions, appointments.map((a) => a.actingUserId)],
    );
    return { users, appointments };
  }

  /** Remembers a proposal's title (disbursement events do not carry it). */
  async rememberProposal(tx: EntityManager, proposalId: string, title: string, villageCode: string): Promise<void> {
    await tx.query(
      `INSERT INTO proposal_summary (proposal_id, title, village_code) VALUES ($1, $2, $3)
       ON CONFLICT (proposal_id) DO UPDATE SET title = EXCLUDED.title, updated_at = now()`,
      [proposalId, title, villageCode],
    );
  }

  /** The stage now waiting for a decision (null once decided), so that its officials hear of a withdrawal. */
  async setOpenStage(tx: EntityManager, proposalId: string, stage: Audience | null): Promise<void> {
    await tx.query('UPDATE proposal_summary SET open_stage_role = $2, open_stage_region = $3, updated_at = now() WHERE proposal_id = $1', [
      proposalId,
      stage?.role ?? null,
      stage?.regionCode ?? null,
    ]);
  }

  async proposal(tx: EntityManager, proposalId: string): Promise<ProposalSummary | null> {
    const [proposal] = await queryRows(
      tx,
      ProposalRow,
      'SELECT title, open_stage_role, open_stage_region FROM proposal_summary WHERE proposal_id = $1',
      [proposalId],
    );
    return proposal ?? null;
  }
}
