import type { AuditRecordView, ProposalAuditRecord } from '@alur/contracts';
import { csvWithBom } from '../http/csv';

const HEADER = [
  'seq',
  'waktu_utc',
  'pelaku',
  'nama_pelaku',
  'peran_pelaku',
  'atas_nama',
  'nama_atas_nama',
  'tindakan',
  'jenis_objek',
  'id_objek',
  'status_sebelum',
  'status_sesudah',
  'sebelum_json',
  'sesudah_json',
];

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Audit records as UTF-8 CSV with a BOM, one line per record in the order given (newest first), for an
 * inspector's working papers: the time in UTC as stored, who acted (and for whom, as Plt/Plh), each by username
 * and by the name their account carries, what, on which object, and the record's before and after as JSON,
 * exactly as kept.
 */
export function auditTrailCsv(records: readonly AuditRecordView[]): string {
  return csvWithBom(HEADER, records.map(cellsOf));
}

/** A proposal's records across services, in the order given (oldest first), each led by the service that keeps it. */
export function proposalAuditTrailCsv(records: readonly ProposalAuditRecord[]): string {
  return csvWithBom(
    ['layanan', ...HEADER],
    records.map((r) => [r.context, ...cellsOf(r)]),
  );
}

function cellsOf(r: AuditRecordView) {
  return [
    r.seq,
    r.occurredAt,
    r.actor?.username ?? null,
    r.actor?.displayName ?? null,
    r.actor?.role ?? null,
    r.actor?.actingFor?.username ?? null,
    r.actor?.actingFor?.displayName ?? null,
    r.action,
    r.entityType,
    r.entityId,
    r.fromStatus,
    r.toStatus,
    json(r.before),
    json(r.after),
  ];
}
