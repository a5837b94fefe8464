import { MigrationInterface, QueryRunner } from 'typeorm';

/** Fired timers of closed stages are pruned by when they were due (see approvalsRetention). */
export class AddStageTimerRetentionIndex1764500000000 implements MigrationInterface {
  name = 'AddStageTimerRetentionIndex1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX stage_timer_fire_at ON stage_timer (fire_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX stage_timer_fire_at');
  }
}
