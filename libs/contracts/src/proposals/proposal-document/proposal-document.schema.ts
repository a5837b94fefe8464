import { z } from 'zod';

/**
 * Proposal letter (surat usulan), the decree forming the KSM (SK KSM), the ID card of the KSM's head
 * (KTP ketua KSM), design (DED), budget sheet (RAB), site photos at 0%, anything else.
 */
export const PROPOSAL_DOCUMENT_KINDS = ['PROPOSAL_LETTER', 'SK_KSM', 'KTP_KSM_HEAD', 'DED', 'RAB', 'SITE_PHOTO', 'OTHER'] as const;
export type ProposalDocumentKind = (typeof PROPOSAL_DOCUMENT_KINDS)[number];

/** The address of a document uploaded to the gateway, as a proposal refers to it. */
export const DOCUMENT_REFERENCE = /^\/api\/v1\/uploads\/documents\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A document attached to a proposal: the design (DED), the budget sheet (RAB), site photos and the like. */
export const ProposalDocumentSchema = z.object({
  url: z.string().regex(DOCUMENT_REFERENCE, 'must be the url of an uploaded document'),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(PROPOSAL_DOCUMENT_KINDS),
});
export type ProposalDocument = z.infer<typeof ProposalDocumentSchema>;

/** A proposal carries at most this many documents. */
export const MAX_PROPOSAL_DOCUMENTS = 20;
