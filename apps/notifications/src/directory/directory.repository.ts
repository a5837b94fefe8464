import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { NOTIFICATION_LANGUAGES, ROLES, UserSavedPayload, UserSavedV1 } from '@alur/contracts';
import { hasPendingEventsOf } from '@alur/messaging';
import { jsonField, queryRows, RidingStatement } from '@alur/database';
import { StoredPreferences } from '../preferences/domain/notification-preferences';
import { StoredChannels } from '../preferences/preferences.repository';
import { Audience } from '../recipients/domain/audience';
import { ActingAppointment, DirectoryUser } from '../recipients/domain/recipient-resolver';

const UserColumns = z.object({
  user_id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  region_code: z.string(),
  language: z.enum(NOTIFICATION_LANGUAGES),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});

const userOf = (row: z.output<typeof UserColumns>): DirectoryUser => ({
  userId: row.user_id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  regionCode: row.region_code,
  language: row.language,
  email: row.email,
  phone: row.phone,
  active: row.active,
});

/** A `recipient` row, checked, as a DirectoryUser. */
const UserRow = UserColumns.transform(userOf);

/** An `acting_appointment` row (or its JSON, where the dates are strings), checked, as an ActingAppointment. */
const AppointmentRow = z
  .object({
    appointment_id: z.string(),
    acting_user_id: z.string(),
    acting_for_user_id: z.string(),
    role: z.enum(ROLES),
    region_code: z.string(),
    valid_from: z.coerce.date(),
    valid_until: z.coerce.date(),
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

/**
 * A `recipient` row with the user's stored preferences beside it (null where they never changed
 * any) and, on every row alike, the appointments the query found.
 */
const CandidateRow = UserColumns.extend({
  preferred_language: z.enum(NOTIFICATION_LANGUAGES).nullable(),
  preferred_digest: z.boolean().nullable(),
  preferred_channels: jsonField(StoredChannels).nullable(),
  appointments: z.array(AppointmentRow).nullable(),
  proposal_title: z.string().nullable().optional(),
  programme_name: z.string().nullable().optional(),
});

/** Users who may receive a notification, their stored preferences, and the acting appointments that concern them. */
export interface Candidates {
  users: DirectoryUser[];
  appointments: ActingAppointment[];
  /** Only of users who changed theirs. */
  preferences: Map<string, StoredPreferences>;
  /** The title of the proposal asked about (`titleOf`), when the service knows it and the query found anyone. */
  title?: string | null;
  /** The name of the programme asked about (`programmeOf`), likewise. */
  programmeName?: string | null;
}

/** What a query for candidates also reads, in the same statement: a proposal's title, a programme's name. */
export interface CandidateLookups {
  /** A proposal id. */
  titleOf?: string;
  /** A programme code. */
  programmeOf?: string;
}

function candidatesOf(rows: Array<z.output<typeof CandidateRow>>): Candidates {
  const preferences = new Map<string, StoredPreferences>();
  for (const row of rows) {
    if (row.preferred_digest === null) continue;
    preferences.set(row.user_id, {
      language: row.preferred_language,
      digest: row.preferred_digest,
      channels: row.preferred_channels ?? {},
    });
  }
  const first = rows[0];
  return {
    users: rows.map(userOf),
    appointments: first?.appointments ?? [],
    preferences,
    title: first?.proposal_title ?? null,
    programmeName: first?.programme_name ?? null,
  };
}

/** The select-list columns that read the lookups beside the candidates, their parameters numbered from `n`; none without any. */
function lookupColumns(lookups: CandidateLookups, n: number): { columns: string; params: string[] } {
  const reads: Array<[string | undefined, (param: string) => string]> = [
    [lookups.titleOf, (param) => `(SELECT title FROM proposal_summary WHERE proposal_id = ${param}) AS proposal_title`],
    [lookups.programmeOf, (param) => `(SELECT name FROM programme_name WHERE code = ${param}) AS programme_name`],
  ];
  const wanted = reads.filter((read): read is [string, (param: string) => string] => read[0] !== undefined);
  return {
    columns: wanted.map(([, column], i) => `, ${column(`$${n + i}`)}`).join(''),
    params: wanted.map(([value]) => value),
  };
}

/** The columns of a candidate (recipient `r`, preference `p`) but its appointments. */
const CANDIDATE_COLUMNS = 'r.*, p.language AS preferred_language, p.digest AS preferred_digest, p.channels AS preferred_channels';

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

/** A proposal waiting for a post, with how many wait in all (`count(*) OVER ()`, a bigint pg hands over as text). */
const AwaitingRow = z.object({ title: z.string(), village_code: z.string(), total: z.coerce.number().int() });

/** The service's copy of who is who (from UserSaved), who acts for whom, what it knows of each proposal, and each programme's name. */
@Injectable()
export class DirectoryRepository {
  /**
   * Whether UserSaved events are stored here and not yet handled: the directory is then behind the
   * stream, and a role and region that resolve to nobody may only not have arrived yet.
   */
  usersStillArriving(tx: EntityManager): Promise<boolean> {
    return hasPendingEventsOf(tx, UserSavedV1.aggregateType);
  }

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

  /**
   * Everyone who could be in the audiences (the holders of each role and region, and the users appointed
   * to act for them), with their preferences: one statement, as this runs for nearly every event. The
   * appointments come back only with users: one whose acting official is not in the directory reaches nobody.
   * `lookups` read a proposal's title and a programme's name in the same statement.
   */
  async candidatesFor(tx: EntityManager, audiences: readonly Audience[], lookups: CandidateLookups = {}): Promise<Candidates> {
    if (audiences.length === 0) return { users: [], appointments: [], preferences: new Map() };
    const also = lookupColumns(lookups, 3);
    const rows = await queryRows(
      tx,
      CandidateRow,
      `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) AS w (role, region_code)),
       appointed AS (
         SELECT a.* FROM acting_appointment a JOIN wanted w ON a.role = w.role AND a.region_code = w.region_code
       ),
       found AS (
         SELECT r.* FROM recipient r JOIN wanted w ON r.role = w.role AND r.region_code = w.region_code
         UNION SELECT r.* FROM recipient r JOIN appointed a ON r.user_id = a.acting_user_id
       )
       SELECT ${CANDIDATE_COLUMNS}, (SELECT json_agg(appointed) FROM appointed) AS appointments${also.columns}
         FROM found r LEFT JOIN preference p ON p.user_id = r.user_id`,
      [audiences.map((a) => a.role), audiences.map((a) => a.regionCode), ...also.params],
    );
    return candidatesOf(rows);
  }

  /** The named users the directory holds (the others are missing from `users`), with their preferences; `lookups` as candidatesFor's. */
  async namedUsers(tx: EntityManager, userIds: readonly string[], lookups: CandidateLookups = {}): Promise<Candidates> {
    const also = lookupColumns(lookups, 2);
    const rows = await queryRows(
      tx,
      CandidateRow,
      `SELECT ${CANDIDATE_COLUMNS}, NULL::json AS appointments${also.columns}
         FROM recipient r LEFT JOIN preference p ON p.user_id = r.user_id WHERE r.user_id = ANY($1::text[])`,
      [userIds, ...also.params],
    );
    return candidatesOf(rows);
  }

  /**
   * Remembers a proposal's title (disbursement events do not carry it) and, when one has opened, the stage
   * now waiting for a decision. A stage opens five times in a proposal's life, so this rides on the event's
   * notifications (NotifyRecipientsUseCase), which never read it.
   */
  rememberingProposal(proposalId: string, title: string, villageCode: string, openStage?: Audience): RidingStatement {
    const keepsStage = openStage === undefined;
    return {
      with: `remembered AS (
        INSERT INTO proposal_summary (proposal_id, title, village_code, open_stage_role, open_stage_region) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (proposal_id) DO UPDATE SET title = EXCLUDED.title, updated_at = now()${
          keepsStage ? '' : ', open_stage_role = EXCLUDED.open_stage_role, open_stage_region = EXCLUDED.open_stage_region'
        })`,
      select: 'NULL',
      params: [proposalId, title, villageCode, openStage?.role ?? null, openStage?.regionCode ?? null],
    };
  }

  /** The stage now waiting for a decision (null once decided), so that its officials hear of a withdrawal; rides as rememberingProposal does. */
  settingOpenStage(proposalId: string, stage: Audience | null): RidingStatement {
    return {
      with: 'stage_set AS (UPDATE proposal_summary SET open_stage_role = $2, open_stage_region = $3, updated_at = now() WHERE proposal_id = $1)',
      select: 'NULL',
      params: [proposalId, stage?.role ?? null, stage?.regionCode ?? null],
    };
  }

  /**
   * The proposals whose open stage waits for `post`, longest waiting first: `limit` of them and how many in
   * all. Read when a Plt is appointed (rarely), so a scan of the summaries is fine.
   */
  async proposalsAwaiting(
    tx: EntityManager,
    post: Audience,
    limit: number,
  ): Promise<{ count: number; items: Array<{ title: string; villageCode: string }> }> {
    const rows = await queryRows(
      tx,
      AwaitingRow,
      `SELECT title, village_code, count(*) OVER () AS total FROM proposal_summary
        WHERE open_stage_role = $1 AND open_stage_region = $2 ORDER BY updated_at, proposal_id LIMIT $3`,
      [post.role, post.regionCode, limit],
    );
    return { count: rows[0]?.total ?? 0, items: rows.map(({ title, village_code }) => ({ title, villageCode: village_code })) };
  }

  /** Keeps the name of a programme's latest version: a version published late (or an event redelivered) changes nothing. */
  async saveProgrammeName(tx: EntityManager, programme: { code: string; version: number; name: string }): Promise<void> {
    await tx.query(
      `INSERT INTO programme_name (code, version, name) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, updated_at = now()
       WHERE programme_name.version < EXCLUDED.version`,
      [programme.code, programme.version, programme.name],
    );
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
