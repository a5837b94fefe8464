import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { AUDIT_CONTEXTS, AuditContext } from './audit-trail-requests';

/** A chain's newest record when it was read: kept away from the database, it later shows whether records were removed. */
export const AuditChainHeadSchema = z.strictObject({
  chain: z.number().int().min(0).max(1023),
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a record hash (64 hexadecimal digits)' }),
});
export type AuditChainHead = z.output<typeof AuditChainHeadSchema>;

/** At most as many heads as a trail has chains, with room to spare for a change of their number. */
const MAX_HEADS = 1024;

/** What a service is asked to check its trail against: the heads an earlier verification read (none: only the hashes). */
export const AuditIntegrityRequestSchema = z.strictObject({
  expectedHeads: z.array(AuditChainHeadSchema).max(MAX_HEADS).default([]),
});

/**
 * One service's trail as verified in one snapshot: whether every record's hash and link to the one before hold
 * (`firstBroken` names the first that does not, and why), how many were checked, each chain's newest record
 * (`heads`, with a short `fingerprint` of them to write down or compare by eye), and which of the expected heads
 * the trail no longer holds (records removed since, which the hashes of what is left cannot show).
 */
export const AuditIntegritySchema = z.object({
  valid: z.boolean(),
  checked: z.number().int().min(0),
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.enum(['content-changed', 'chain-broken']) }).nullable(),
  heads: z.array(AuditChainHeadSchema),
  missingHeads: z.array(AuditChainHeadSchema),
  fingerprint: z.string(),
});
export type AuditIntegrity = z.output<typeof AuditIntegritySchema>;

/** A service's verification in a report; `error` says why one was not checked (a service that did not answer). */
export const ServiceAuditIntegritySchema = AuditIntegritySchema.extend({
  service: z.enum(AUDIT_CONTEXTS),
  error: z.string().optional(),
});
export type ServiceAuditIntegrity = z.output<typeof ServiceAuditIntegritySchema>;

/**
 * Every service's trail verified at `checkedAt`: the gateway's answer, and `npm run audit:verify -- --json`'s, so that
 * either's file may be what the other compares against. Sound when every service verifies and keeps every head expected.
 */
export const AuditIntegrityReportSchema = z.object({
  checkedAt: z.iso.datetime(),
  services: z.array(ServiceAuditIntegritySchema),
});
export type AuditIntegrityReport = z.output<typeof AuditIntegrityReportSchema>;

/**
 * What an inspector sends to verify the trails: optionally an earlier report (a file the console or the command
 * line wrote), whose heads each service must still hold. Only each service's name and heads are read from it.
 */
export const AuditVerificationRequestSchema = z.strictObject({
  expected: z
    .object({
      services: z
        .array(z.object({ service: z.enum(AUDIT_CONTEXTS), heads: z.array(AuditChainHeadSchema).max(MAX_HEADS) }))
        .max(AUDIT_CONTEXTS.length),
    })
    .optional(),
});
export type AuditVerificationRequest = z.output<typeof AuditVerificationRequestSchema>;

/** Whether a service's verification finds nothing wrong: checked, verifying, with every expected head still there. */
export function serviceAuditSound(service: ServiceAuditIntegrity): boolean {
  return !service.error && service.valid && service.missingHeads.length === 0;
}

/** Whether a report finds nothing wrong in any service. */
export function auditReportSound(report: AuditIntegrityReport): boolean {
  return report.services.every(serviceAuditSound);
}

/** A service whose trail could not be checked, and why (it did not answer; its database could not be opened). */
export function uncheckedAudit(service: AuditContext, error: string): ServiceAuditIntegrity {
  return { service, valid: false, checked: 0, firstBroken: null, heads: [], missingHeads: [], fingerprint: '', error };
}

/** Audit readers: verify `service`'s trail (`<service>.audit.verify`), answered alike by every domain service. */
export const auditIntegrityRequest = (service: Exclude<AuditContext, 'gateway'>) =>
  defineRequest(`${service}.audit.verify`, { request: AuditIntegrityRequestSchema, answer: AuditIntegritySchema });
