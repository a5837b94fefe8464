import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash';

const record = {
  id: '7b0f0c36-4f0e-4d7e-9a43-0c9d2b1f5a11',
  occurredAt: '2026-02-03T04:05:06.789Z',
  actor: { userId: 'u1', username: 'bkm.14.03.09.1004', role: 'BKM', regionCode: '14.03.09.1004' },
  action: 'proposal.created',
  entityType: 'proposal',
  entityId: 'p1',
  fromStatus: null,
  toStatus: 'DRAFT',
  before: null,
  after: { title: 'Jalan lingkungan', budgetTotal: 150_000_000 },
  prevHash: GENESIS_HASH,
};

describe('audit hashing', () => {
  it('does not depend on key order, as jsonb does not keep it', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(auditHash({ ...record, after: { budgetTotal: 150_000_000, title: 'Jalan lingkungan' } })).toBe(auditHash(record));
  });

  it('changes when any content or the previous link changes', () => {
    const original = auditHash(record);
    expect(auditHash({ ...record, after: { title: 'Jalan lingkungan', budgetTotal: 150_000_001 } })).not.toBe(original);
    expect(auditHash({ ...record, actor: { ...record.actor, actingFor: { ...record.actor, userId: 'u2' } } })).not.toBe(original);
    expect(auditHash({ ...record, prevHash: 'f'.repeat(64) })).not.toBe(original);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
  });
});
