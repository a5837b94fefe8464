import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indonesian national holidays (libur nasional) of 2026, SKB 3 Menteri No. 1497/2/5 of 2025. */
export const NATIONAL_HOLIDAYS_2026: ReadonlyArray<readonly [string, string]> = [
  ['2026-01-01', 'Tahun Baru 2026 Masehi'],
  ['2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'],
  ['2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'],
  ['2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'],
  ['2026-03-21', 'Idul Fitri 1447 Hijriah'],
  ['2026-03-22', 'Idul Fitri 1447 Hijriah'],
  ['2026-04-03', 'Wafat Yesus Kristus'],
  ['2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'],
  ['2026-05-01', 'Hari Buruh Internasional'],
  ['2026-05-14', 'Kenaikan Yesus Kristus'],
  ['2026-05-27', 'Idul Adha 1447 Hijriah'],
  ['2026-05-31', 'Hari Raya Waisak 2570 BE'],
  ['2026-06-01', 'Hari Lahir Pancasila'],
  ['2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah'],
  ['2026-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'],
  ['2026-08-25', 'Maulid Nabi Muhammad SAW'],
  ['2026-12-25', 'Kelahiran Yesus Kristus'],
];

/** The approvals service's tables: chains, stages and their timers, acting appointments and the working calendar. */
export class CreateApprovalsTables1764100000000 implements MigrationInterface {
  name = 'CreateApprovalsTables1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_chain (
        proposal_id        uuid NOT NULL,
        submission_number  int NOT NULL,
        program_code       text NOT NULL,
        program_version    int NOT NULL,
        village_code       text NOT NULL,
        district_code      text NOT NULL,
        regency_code       text NOT NULL,
        title              text NOT NULL,
        category           text NOT NULL,
        requested_amount   bigint NOT NULL,
        bkm_user_id        text NOT NULL,
        -- the chain and reminder schedule of the programme version it was submitted under
        stages             jsonb NOT NULL,
        reminder_schedule  jsonb NOT NULL,
        status             text NOT NULL CHECK (status IN ('IN_REVIEW', 'APPROVED', 'RETURNED', 'REJECTED', 'WITHDRAWN')),
        submitted_at       timestamptz NOT NULL,
        closed_at          timestamptz,
        PRIMARY KEY (proposal_id, submission_number)
      )`);
    await q.query(`
      CREATE TABLE approval_stage (
        id                 uuid PRIMARY KEY,
        proposal_id        uuid NOT NULL,
        submission_number  int NOT NULL,
        stage_order        int NOT NULL,
        stage_count        int NOT NULL,
        role               text NOT NULL,
        region_level       text NOT NULL,
        region_code        text NOT NULL,
        village_code       text NOT NULL,
        program_code       text NOT NULL,
        title              text NOT NULL,
        status             text NOT NULL CHECK (status IN ('OPEN', 'APPROVED', 'RETURNED', 'REJECTED', 'CANCELLED')),
        opened_at          timestamptz NOT NULL,
        due_at             timestamptz NOT NULL,
        decided_at         timestamptz,
        decided_by         jsonb,
        note               text,
        version            int NOT NULL DEFAULT 1,
        FOREIGN KEY (proposal_id, submission_number) REFERENCES approval_chain (proposal_id, submission_number),
        UNIQUE (proposal_id, submission_number, stage_order)
      )`);
    await q.query(`CREATE UNIQUE INDEX approval_stage_one_open_per_proposal ON approval_stage (proposal_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX approval_stage_inbox ON approval_stage (role, region_code, opened_at) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE stage_timer (
        stage_id    uuid NOT NULL REFERENCES approval_stage (id),
        kind        text NOT NULL CHECK (kind IN ('REMINDER_BEFORE', 'DEADLINE', 'REMINDER_AFTER')),
        -- bumped when a stage's timers are planned again, so the new BullMQ job ids differ from the old
        generation  int NOT NULL DEFAULT 1,
        fire_at     timestamptz NOT NULL,
        fired_at    timestamptz,
        PRIMARY KEY (stage_id, kind, generation)
      )`);
    await q.query(`CREATE INDEX stage_timer_unfired ON stage_timer (fire_at) WHERE fired_at IS NULL`);
    await q.query(`
      CREATE TABLE acting_appointment (
        id               uuid PRIMARY KEY,
        acting_user_id   text NOT NULL,
        acting_username  text NOT NULL,
        for_user_id      text NOT NULL,
        for_username     text NOT NULL,
        role             text NOT NULL,
        region_code      text NOT NULL,
        valid_from       timestamptz NOT NULL,
        valid_until      timestamptz NOT NULL CHECK (valid_until > valid_from),
        created_by       jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX acting_appointment_acting_user ON acting_appointment (acting_user_id, valid_until)`);
    await q.query(`CREATE INDEX acting_appointment_for_user ON acting_appointment (for_user_id, valid_until)`);
    await q.query(`
      CREATE TABLE working_calendar_holiday (
        holiday_date  date PRIMARY KEY,
        name          text NOT NULL,
        created_by    jsonb,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    const values = NATIONAL_HOLIDAYS_2026.map((_, i) => `($${i * 2 + 1}::date, $${i * 2 + 2})`).join(', ');
    await q.query(`INSERT INTO working_calendar_holiday (holiday_date, name) VALUES ${values}`, NATIONAL_HOLIDAYS_2026.flat());
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['working_calendar_holiday', 'acting_appointment', 'stage_timer', 'approval_stage', 'approval_chain']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
