import { Actor } from '@alur/contracts';

/** One change worth a permanent record: who (and for whom), did what, to which entity, from which state to which. */
export interface AuditEntry {
  /** Null for the system itself (a seed, a scheduled job). */
  actor: Actor | null;
  /** What happened, in a stable dotted form such as `proposal.submitted`. */
  action: string;
  entityType: string;
  entityId: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  before?: unknown;
  after?: unknown;
}

/** A stored audit row, as the chain hashes it. */
export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: string;
  actor: Actor | null;
  action: string;
  entityType: string;
  entityId: string;
  fromStatus: string | null;
  toStatus: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

/** The result of re-hashing the whole chain: valid, or the first row that does not match. */
export type AuditChainVerification =
  | { valid: true; checked: number }
  | {
      valid: false;
      checked: number;
      firstBroken: { seq: number; id: string; reason: 'content-changed' | 'chain-broken' };
    };

/** A chain's newest record when it was read (the contract's, as a verification's report carries it). */
export type { AuditChainHead } from '@alur/contracts';
