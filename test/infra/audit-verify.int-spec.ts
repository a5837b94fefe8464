// docs/runbook.md, "Verify the audit trails": an auditor runs `npm run audit:verify` (the built CLI), keeps
// the heads it prints away from the database, and later finds any record changed or removed since.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AUDIT_TRAIL_MIGRATIONS, AuditTrail } from '@alur/audit';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';

const verifyCli = join(__dirname, '../../dist/libs/platform/src/cli/audit-verify.main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('runbook: verify the audit trails', () => {
  const isolation = createTestIsolation();
  const actor = { userId: 'u-bpkad', username: 'bpkad', role: 'BPKAD', regionCode: '14.03' };
  let db: DataSource;
  let trail: AuditTrail;
  const kept = join(mkdtempSync(join(tmpdir(), 'alur-audit-')), 'audit-heads.json');

  /** The CLI as an operator runs it, with the service's environment; its exit code and what it printed. */
  const verify = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [verifyCli, '--service', 'disbursements', ...args],
        { env: { ...process.env, ...isolation.env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  const record = (n: number) =>
    db.transaction((tx) =>
      trail.record(tx, {
        actor,
        action: 'budget-ceiling.amount-set',
        entityType: 'budget-ceiling',
        entityId: `KOTAKU/2026/${n}`,
        after: { n },
      }),
    );
  /** As a database superuser could, past the triggers that refuse it to everyone else. */
  const bypassingTriggers = async (sql: string, params: unknown[]) => {
    await db.query('ALTER TABLE audit_record DISABLE TRIGGER USER');
    try {
      return (await db.query(sql, params)) as unknown;
    } finally {
      await db.query('ALTER TABLE audit_record ENABLE TRIGGER USER');
    }
  };

  beforeAll(async () => {
    db = await openTestDatabase(isolation, 'disbursements', {
      migrations: AUDIT_TRAIL_MIGRATIONS,
      applicationName: 'alur-audit-verify-test',
    });
    trail = new AuditTrail(db);
    for (let n = 1; n <= 40; n++) await record(n);
  });

  afterAll(async () => {
    await db?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('says each service’s trail verifies, with its heads, and keeps them for later', async () => {
    const line = await verify();
    expect(line.code).toBe(0);
    expect(line.stdout).toMatch(/^disbursements +verifies +40 records in \d+ chains, heads [0-9a-f]{16}\n$/);

    const json = await verify('--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { services: Array<{ service: string; valid: boolean; checked: number; heads: unknown[] }> };
    expect(report.services).toEqual([expect.objectContaining({ service: 'disbursements', valid: true, checked: 40 })]);
    expect(report.services[0].heads).toEqual(await trail.heads());
    writeFileSync(kept, json.stdout);

    // Records written since leave the kept heads in place: they are still in the trail, further back.
    for (let n = 41; n <= 45; n++) await record(n);
    const later = await verify('--expect', kept);
    expect(later.code).toBe(0);
    expect(later.stdout).toMatch(/verifies +45 records/);
  });

  it('finds the newest records of a chain removed, which what is left cannot show', async () => {
    // One chain's head as kept, and everything of that chain from it on, removed.
    const { services } = JSON.parse(readFileSync(kept, 'utf8')) as { services: Array<{ heads: Array<{ chain: number; seq: number }> }> };
    const { chain, seq } = services[0].heads[0];
    await bypassingTriggers('DELETE FROM audit_record WHERE chain = $1 AND seq >= $2', [chain, seq]);

    // What is left still links up: only the kept heads show the loss.
    expect(await trail.verifyChain()).toMatchObject({ valid: true });
    const run = await verify('--expect', kept);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`disbursements HEADS GONE   1 head(s) of --expect no longer in the trail (chain ${chain} record ${seq})`);
  });

  it('refuses a kept file that is not a report, saying what in it is wrong', async () => {
    const damaged = join(mkdtempSync(join(tmpdir(), 'alur-audit-')), 'audit-heads.json');
    writeFileSync(damaged, JSON.stringify({ services: [{ service: 'disbursements', heads: [{ chain: 0, seq: 1, hash: 'x' }] }] }));
    const run = await verify('--expect', damaged);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--expect ${damaged}: services.0.heads.0.hash must be a record hash (64 hexadecimal digits)`);
  });

  it('finds a record whose content was changed, and names it', async () => {
    const [target] = (await db.query('SELECT seq::int AS seq, id FROM audit_record ORDER BY seq LIMIT 1 OFFSET 10')) as Array<{
      seq: number;
      id: string;
    }>;
    await bypassingTriggers(`UPDATE audit_record SET after = '{"n": 1000000000}' WHERE seq = $1`, [target.seq]);
    const run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `disbursements BROKEN       at record ${target.seq} (${target.id}): its content changed after it was written`,
    );
  });
});
