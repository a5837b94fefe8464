import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { openServiceDatabase, serviceDataSourceOptions } from './database-bootstrap';
import { entityRows } from './entity-rows';
import { rupiahColumn } from './rupiah-column';

@Entity('grant_plan')
class GrantPlanEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'village_code' }) villageCode: string;
  @Column('int', { name: 'plan_version' }) planVersion: number;
  @Column('bigint', { name: 'requested_amount', transformer: rupiahColumn }) requestedAmount: number;
  @Column('jsonb', { name: 'current_stage', nullable: true }) currentStage: { role: string; order: number } | null;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
}

@Entity('grant_step')
class GrantStepEntity {
  @PrimaryColumn('uuid', { name: 'plan_id' }) planId: string;
  @PrimaryColumn('int') position: number;
  @Column('text') role: string;
}

describe('entityRows', () => {
  const isolation = createTestIsolation();
  let dataSource: DataSource;
  const planId = '0b6f2a52-6a55-4d5e-9c43-1f0a3e1e8a01';
  const bare = '0b6f2a52-6a55-4d5e-9c43-1f0a3e1e8a02';

  beforeAll(async () => {
    dataSource = await openServiceDatabase(
      serviceDataSourceOptions({
        url: isolation.env.DATABASE_URL!,
        schema: `${isolation.env.DB_SCHEMA_PREFIX}entity_rows`,
        entities: [GrantPlanEntity, GrantStepEntity],
        migrations: [],
        applicationName: `alur-entity-rows-${isolation.id}`,
      }),
    );
    await dataSource.query(`CREATE TABLE grant_plan (id uuid PRIMARY KEY, village_code text NOT NULL, plan_version int NOT NULL,
      requested_amount bigint NOT NULL, current_stage jsonb, submitted_at timestamptz)`);
    await dataSource.query(
      'CREATE TABLE grant_step (plan_id uuid NOT NULL, position int NOT NULL, role text NOT NULL, PRIMARY KEY (plan_id, position))',
    );
    await dataSource.manager.insert(GrantPlanEntity, [
      {
        id: planId,
        villageCode: '14.03.09.1004',
        planVersion: 3,
        // Above 2^31: a bigint the driver hands over as text, read back as exact rupiah by the column's transformer.
        requestedAmount: 7_500_000_000,
        currentStage: { role: 'CAMAT', order: 2 },
        submittedAt: new Date('2026-03-12T07:30:00.123Z'),
      },
      { id: bare, villageCode: '14.03.09.1005', planVersion: 1, requestedAmount: 0, currentStage: null, submittedAt: null },
    ]);
    await dataSource.manager.insert(GrantStepEntity, [
      { planId, position: 1, role: 'LURAH' },
      { planId, position: 2, role: 'CAMAT' },
    ]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('reads an entity as TypeORM find reads it: the same class, values and types, nulls included', async () => {
    const plans = entityRows(dataSource.manager, GrantPlanEntity);
    const sql = plans.statement('by id', (columns) => `SELECT ${columns('g')} FROM grant_plan g WHERE g.id = $1`);
    for (const id of [planId, bare]) {
      const [row] = await dataSource.query(sql, [id]);
      const read = plans.hydrate(row, 'g');
      expect(read).toBeInstanceOf(GrantPlanEntity);
      expect(read).toStrictEqual(await dataSource.manager.findOneByOrFail(GrantPlanEntity, { id }));
    }
    const [full] = await dataSource.query(sql, [planId]);
    expect(plans.hydrate(full, 'g')).toMatchObject({ requestedAmount: 7_500_000_000, currentStage: { role: 'CAMAT', order: 2 } });
  });

  it('reads two entities from one joined row, each by its alias', async () => {
    const plans = entityRows(dataSource.manager, GrantPlanEntity);
    const steps = entityRows(dataSource.manager, GrantStepEntity);
    const rows = await dataSource.query(
      `SELECT ${plans.columns('p')}, ${steps.columns('s')} FROM grant_plan p JOIN grant_step s ON s.plan_id = p.id ORDER BY s.position`,
    );
    expect(rows.map((row: Record<string, unknown>) => [plans.hydrate(row, 'p').planVersion, steps.hydrate(row, 's')])).toStrictEqual([
      [3, Object.assign(new GrantStepEntity(), { planId, position: 1, role: 'LURAH' })],
      [3, Object.assign(new GrantStepEntity(), { planId, position: 2, role: 'CAMAT' })],
    ]);
  });

  it('writes each named statement once and gives the same text every time after', () => {
    const plans = entityRows(dataSource.manager, GrantPlanEntity);
    let made = 0;
    const make = (columns: (alias: string) => string) => {
      made++;
      return `SELECT ${columns('g')} FROM grant_plan g WHERE g.village_code = $1`;
    };
    const first = plans.statement('by village', make);
    expect(plans.statement('by village', make)).toBe(first);
    expect(entityRows(dataSource.manager, GrantPlanEntity).statement('by village', make)).toBe(first);
    expect(made).toBe(1);
    expect(first).toContain('g."requested_amount" AS "g.requestedAmount"');
  });
});
