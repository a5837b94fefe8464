import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditChainHead, AuditTrail } from '@alur/audit';
import { BaseEnv, baseEnvSchema, parseEnv, SERVICE_PORTS, ServiceName } from '@alur/config';
import {
  AuditIntegrityReport,
  auditReportSound,
  AuditVerificationRequest,
  AuditVerificationRequestSchema,
  ServiceAuditIntegrity,
  uncheckedAudit,
} from '@alur/contracts';
import { openServiceSchema } from './service-schema';

const usage = `Verifies the services' audit trails: every record's hash and its link to the one before.

  npm run audit:verify                                 every service, a line each
  npm run audit:verify -- --service disbursements      one service (--service may be given again)
  npm run audit:verify -- --json > audit-heads.json    the same as JSON, with each chain's newest record (its head)
  npm run audit:verify -- --expect audit-heads.json    also checks that the heads read then are still there
                                                       (a file the console's Keutuhan jejak audit wrote serves too)

What is left after the newest records of a chain were removed still verifies: keep the JSON (or the
fingerprints the lines print) away from the database, and check against it later with --expect.
Exits 1 when a trail does not verify or a head is missing.`;

async function auditOf(service: ServiceName, env: BaseEnv, expected: AuditChainHead[]): Promise<ServiceAuditIntegrity> {
  const dataSource = await openServiceSchema(env, service, 'alur-audit-verify');
  try {
    return { service, ...(await new AuditTrail(dataSource).integrity(expected)) };
  } finally {
    await dataSource.destroy();
  }
}

/** The report an earlier run wrote (`--json`, or the console's download): each service's heads, checked for shape. */
function expectedHeads(path: string): AuditVerificationRequest['expected'] {
  const parsed = AuditVerificationRequestSchema.shape.expected.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--expect ${path}: ${issue.path.join('.') || 'the file'} ${issue.message}`);
  }
  return parsed.data;
}

const REASONS: Record<string, string> = {
  'content-changed': 'its content changed after it was written',
  'chain-broken': 'it does not link to the record before it (one was removed or inserted)',
};

function lineOf(audit: ServiceAuditIntegrity): string {
  const name = audit.service.padEnd(14);
  if (audit.error) return `${name}NOT CHECKED  ${audit.error}`;
  if (!audit.valid) {
    const broken = audit.firstBroken!;
    return `${name}BROKEN       at record ${broken.seq} (${broken.id}): ${REASONS[broken.reason] ?? broken.reason}; ${audit.checked} records before it verify`;
  }
  if (audit.missingHeads.length > 0) {
    const where = audit.missingHeads.map((h) => `chain ${h.chain} record ${h.seq}`).join(', ');
    return `${name}HEADS GONE   ${audit.missingHeads.length} head(s) of --expect no longer in the trail (${where}): records were removed`;
  }
  return `${name}verifies     ${audit.checked} records in ${audit.heads.length} chains, heads ${audit.fingerprint}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      service: { type: 'string', multiple: true },
      expect: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(usage);
  const known = Object.keys(SERVICE_PORTS) as ServiceName[];
  const services = (values.service ?? known) as ServiceName[];
  const unknown = services.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`--service must be one of ${known.join(', ')} (not ${unknown.join(', ')})`);
  const expected = values.expect ? expectedHeads(values.expect) : undefined;

  const env = parseEnv(baseEnvSchema);
  const report: AuditIntegrityReport = { checkedAt: new Date().toISOString(), services: [] };
  for (const service of services) {
    const heads = expected?.services.find((s) => s.service === service)?.heads ?? [];
    try {
      report.services.push(await auditOf(service, env, heads));
    } catch (error) {
      report.services.push(uncheckedAudit(service, (error as Error).message));
    }
  }
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else for (const audit of report.services) console.log(lineOf(audit));
  process.exitCode = auditReportSound(report) ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(`audit:verify: ${error.message}\n\n${usage}`);
  process.exit(2);
});
