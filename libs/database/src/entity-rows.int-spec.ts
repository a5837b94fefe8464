import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { openServiceDatabase, serviceDataSourceOptions } from './database-bootstrap';
import { entityRows } from './entity-rows';
import { runAlone, together } from './riding-statement';
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

  it('inserts entities as TypeORM reads them back, in one statement however many, an undefined property taking its default', async () => {
    const plans = entityRows(dataSource.manager, GrantPlanEntity);
    const written = [
      {
        id: '0b6f2a52-6a55-4d5e-9c43-1f0a3e1e8a11',
        villageCode: '14.03.09.1006',
        planVersion: 2,
        requestedAmount: 9_007_199_254_740_991,
        currentStage: { role: 'DINAS', order: 3 },
        submittedAt: new Date('2026-04-01T01:02:03.456Z'),
      },
      {
        id: '0b6f2a52-6a55-4d5e-9c43-1f0a3e1e8a12',
        villageCode: '14.03.09.1007',
        planVersion: 1,
        requestedAmount: 125_000,
        submittedAt: null,
      },
    ];
    const inserting = plans.inserting('plans_added', written);
    expect(inserting.with).toMatch(/^plans_added AS \(INSERT INTO "grant_plan" .* VALUES \(.*\), \(.*DEFAULT.*\)\)$/);
    await runAlone(dataSource.manager, inserting);
    for (const plan of written) {
      expect(await dataSource.manager.findOneByOrFail(GrantPlanEntity, { id: plan.id })).toStrictEqual(
        Object.assign(new GrantPlanEntity(), { currentStage: null, ...plan }),
      );
    }
  });

  it('changes only the columns given, riding with another write in one statement', async () => {
    const plans = entityRows(dataSource.manager, GrantPlanEntity);
    const steps = entityRows(dataSource.manager, GrantStepEntity);
    const before = await dataSource.manager.findOneByOrFail(GrantPlanEntity, { id: bare });
    const submittedAt = new Date('2026-05-05T05:05:05.005Z');
    await runAlone(
      dataSource.manager,
      together(
        plans.updating('plan_moved', bare, { planVersion: 2, currentStage: { role: 'LURAH', order: 1 }, submittedAt }),
        steps.inserting('step_added', [{ planId: bare, position: 1, role: 'LURAH' }]),
      ),
    );
    expect(await dataSource.manager.findOneByOrFail(GrantPlanEntity, { id: bare })).toStrictEqual(
      Object.assign(new GrantPlanEntity(), { ...before, planVersion: 2, currentStage: { role: 'LURAH', order: 1 }, submittedAt }),
    );
    expect(await dataSource.manager.findBy(GrantStepEntity, { planId: bare })).toStrictEqual([
      Object.assign(new GrantStepEntity(), { planId: bare, position: 1, role: 'LURAH' }),
    ]);
    expect(() => plans.updating('nothing', bare, {})).toThrow(/nothing to change/);
    expect(() => steps.updating('step_moved', bare, { role: 'CAMAT' })).toThrow(/primary key of one column/);
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
