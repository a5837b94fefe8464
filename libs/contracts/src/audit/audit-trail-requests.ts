import { z } from 'zod';
import { ActorSchema } from '../envelope/event-envelope';
import { defineRequest } from '../requests/request-contract';
import { queryInt } from '../requests/request-fields';

/** The services whose audit trail an administrator may read: the four domain services over NATS, the gateway its own. */
export const AUDIT_CONTEXTS = ['proposals', 'approvals', 'disbursements', 'notifications', 'gateway'] as const;
export type AuditContext = (typeof AUDIT_CONTEXTS)[number];

/** How many records a page of the trail holds unless asked, and at most. */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 100;

const dotted = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
/** The services name their entities with a dash (`approval-stage`) or, the gateway's, an underscore (`user_account`). */
const entityTypeName = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;
const instant = (field: 'from' | 'to') => z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 date and time` });

/**
 * What narrows a read of one service's audit trail, newest first. `action` is one action
 * (`working-calendar.holiday-removed`) or, ending in a dot, every action that starts so (`proposal.`);
 * `actor` is the username, or the user id (a UUID), of whoever acted; `proposalId` keeps the records about that
 * proposal, whatever the object they name (each service knows which of its objects belong to a proposal);
 * `from`/`to` bound when (to exclusive);
 * `before` is the `nextBefore` of the page read last (keyset paging by the trail's sequence).
 */
const AuditTrailNarrowing = {
  action: z
    .string()
    .max(120)
    .refine((value) => dotted.test(value.endsWith('.') ? value.slice(0, -1) : value), {
      message: 'must be an action such as proposal.submitted, or its start ending in a dot such as proposal.',
    })
    .optional(),
  entityType: z.string().max(60).regex(entityTypeName, { message: 'must be an entity type such as proposal' }).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  actor: z.string().trim().min(1).max(64).optional(),
  /** Every record of the service about one proposal: the proposal, its stages and chains, its disbursement, tranches and deliveries. */
  proposalId: z.uuid({ message: 'must be a proposal id (a UUID)' }).optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
};
const AuditTrailFilters = {
  ...AuditTrailNarrowing,
  before: queryInt({ min: 1 }).optional(),
  pageSize: queryInt({ min: 1, max: AUDIT_MAX_PAGE_SIZE }).default(AUDIT_PAGE_SIZE),
};

function checkPeriod(query: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (query.from && query.to && new Date(query.to).getTime() <= new Date(query.from).getTime()) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
  }
}

/** The filters and the page of a read of one service's trail, as the service parses them. */
export const AuditTrailQuerySchema = z.strictObject(AuditTrailFilters).superRefine(checkPeriod);
export type AuditTrailQuery = z.output<typeof AuditTrailQuerySchema>;

/** The gateway's own trail is of users, logins and files: asked for a proposal's records, it says so rather than answer none. */
function checkProposalContext(query: { context: AuditContext; proposalId?: string }, ctx: z.RefinementCtx): void {
  if (query.proposalId && query.context === 'gateway') {
    ctx.addIssue({
      code: 'custom',
      path: ['proposalId'],
      message: "the gateway's trail keeps no records about proposals (users, logins, files)",
    });
  }
}

/** The gateway's route takes the same, with which service's trail to read. */
export const AuditTrailHttpQuerySchema = z
  .strictObject({ context: z.enum(AUDIT_CONTEXTS), ...AuditTrailFilters })
  .superRefine(checkPeriod)
  .superRefine(checkProposalContext);

/** The most records one CSV export of the trail holds: more are refused (422), to be narrowed by time or action. */
export const AUDIT_CSV_MAX_RECORDS = 10_000;

/** The CSV export takes the same narrowing, with no paging: every record that matches, up to AUDIT_CSV_MAX_RECORDS. */
export const AuditTrailCsvQuerySchema = z
  .strictObject({ context: z.enum(AUDIT_CONTEXTS), ...AuditTrailNarrowing })
  .superRefine(checkPeriod)
  .superRefine(checkProposalContext);

const NamedPrincipalSchema = ActorSchema.shape.actingFor.unwrap().extend({ displayName: z.string().optional() });

/** One record as the administrator reads it: who, when, what, to which entity, from what to what (not its hashes). */
export const AuditRecordViewSchema = z.object({
  /** The record's place in its service's trail: what `before` pages by. */
  seq: z.number().int(),
  id: z.string(),
  occurredAt: z.iso.datetime(),
  /**
   * Null for the system itself (a seed, a scheduled job). Through the gateway, with the name each account carries
   * (`displayName`, as people are shown everywhere else) beside the username the record keeps.
   */
  actor: ActorSchema.extend({ displayName: z.string().optional(), actingFor: NamedPrincipalSchema.optional() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditRecordView = z.infer<typeof AuditRecordViewSchema>;

/** A page of the trail, newest first; `nextBefore` asks for the page of older records (null: there are none). */
export const AuditTrailPageSchema = z.object({
  items: z.array(AuditRecordViewSchema),
  nextBefore: z.number().int().nullable(),
});
export type AuditTrailPage = z.infer<typeof AuditTrailPageSchema>;

/** The services that keep records about a proposal (the gateway's are of users, logins and files). */
export const PROPOSAL_AUDIT_CONTEXTS = [
  'proposals',
  'approvals',
  'disbursements',
  'notifications',
] as const satisfies readonly AuditContext[];

/** One record of a proposal's trail across services: the record, and the service whose trail holds it. */
export const ProposalAuditRecordSchema = AuditRecordViewSchema.extend({ context: z.enum(AUDIT_CONTEXTS) });
export type ProposalAuditRecord = z.infer<typeof ProposalAuditRecordSchema>;

/**
 * Everything every service recorded about one proposal, oldest first, for an inspector following one grant from
 * its draft to its last tranche. `unavailable` names a service that did not answer: its records are missing.
 */
export const ProposalAuditTrailSchema = z.object({
  proposalId: z.uuid(),
  items: z.array(ProposalAuditRecordSchema),
  unavailable: z.array(z.enum(AUDIT_CONTEXTS)),
});
export type ProposalAuditTrail = z.infer<typeof ProposalAuditTrailSchema>;

/** ADMIN: a page of `service`'s audit trail (`<service>.audit.list`), answered alike by every domain service. */
export const auditTrailRequest = (service: Exclude<AuditContext, 'gateway'>) =>
  defineRequest(`${service}.audit.list`, { request: AuditTrailQuerySchema, answer: AuditTrailPageSchema });
