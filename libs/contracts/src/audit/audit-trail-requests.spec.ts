import { z } from 'zod';
import { AuditTrailHttpQuerySchema, auditTrailRequest, AuditTrailQuerySchema } from './audit-trail-requests';

/** What the 400 would name: each refused field. */
const refused = (result: { error?: z.ZodError }) =>
  (result.error?.issues ?? []).map((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.join() : issue.path.join('.')));

describe('the audit trail’s request', () => {
  it('is one pattern per service, made by one factory', () => {
    expect(auditTrailRequest('approvals').pattern).toBe('approvals.audit.list');
    expect(auditTrailRequest('disbursements').request).toBe(AuditTrailQuerySchema);
  });

  it('reads a query string: fifty a page unless asked, the cursor as a number, and parses its own output alike', () => {
    const asked = AuditTrailQuerySchema.parse({ action: 'proposal.', actor: 'admin', before: '120', from: '2026-03-01T00:00:00+07:00' });
    expect(asked).toEqual({ action: 'proposal.', actor: 'admin', before: 120, from: '2026-03-01T00:00:00+07:00', pageSize: 50 });
    expect(AuditTrailQuerySchema.parse(asked)).toEqual(asked);
  });

  it('takes every entity type the services write, the gateway’s with an underscore among them', () => {
    for (const entityType of ['proposal', 'approval-stage', 'working-calendar-holiday', 'user_account', 'uploaded_file'])
      expect(AuditTrailQuerySchema.parse({ entityType })).toMatchObject({ entityType });
    expect(refused(AuditTrailQuerySchema.safeParse({ entityType: 'User Account' }))).toEqual(['entityType']);
  });

  it('refuses, naming the field, a bad action, a page over a hundred, a cursor of 0, a time without offset, an end before the start, an unknown filter', () => {
    expect(refused(AuditTrailQuerySchema.safeParse({ action: 'proposal.%' }))).toEqual(['action']);
    expect(refused(AuditTrailQuerySchema.safeParse({ action: 'Proposal.Submitted' }))).toEqual(['action']);
    expect(refused(AuditTrailQuerySchema.safeParse({ pageSize: '101' }))).toEqual(['pageSize']);
    expect(refused(AuditTrailQuerySchema.safeParse({ before: '0' }))).toEqual(['before']);
    expect(refused(AuditTrailQuerySchema.safeParse({ from: '2026-03-01T00:00' }))).toEqual(['from']);
    expect(refused(AuditTrailQuerySchema.safeParse({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }))).toEqual(['to']);
    expect(refused(AuditTrailQuerySchema.safeParse({ user: 'admin' }))).toEqual(['user']);
  });

  it('takes at the gateway which service’s trail to read, and nothing else', () => {
    expect(AuditTrailHttpQuerySchema.parse({ context: 'gateway' })).toEqual({ context: 'gateway', pageSize: 50 });
    expect(refused(AuditTrailHttpQuerySchema.safeParse({ context: 'identity' }))).toEqual(['context']);
    expect(refused(AuditTrailHttpQuerySchema.safeParse({}))).toEqual(['context']);
  });
});
