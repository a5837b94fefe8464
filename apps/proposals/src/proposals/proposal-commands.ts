import { z } from 'zod';
import { MAX_PROPOSAL_DOCUMENTS, PROPOSAL_CATEGORIES, ProposalDocumentSchema } from '@alur/contracts';
import { PROPOSAL_STATUSES } from './domain/proposal-status';

// The gateway validates the HTTP body; these schemas make the service safe against any other caller.
const text = z.string().max(10_000);
const BudgetItem = z.object({
  description: z.string().max(500),
  quantity: z.number(),
  unit: z.string().max(50),
  unitPrice: z.number(),
});
const Beneficiaries = z.object({ households: z.number().int().min(0), poorHouseholds: z.number().int().min(0) });

const ProposalContent = z.object({
  title: z.string().trim().min(1).max(200),
  category: z.enum(PROPOSAL_CATEGORIES).nullable(),
  description: text.nullable(),
  executorGroup: z.string().max(200).nullable(),
  beneficiaries: Beneficiaries.nullable(),
  budgetItems: z.array(BudgetItem).max(500),
  selfHelpAmount: z.number(),
  documents: z.array(ProposalDocumentSchema).max(MAX_PROPOSAL_DOCUMENTS),
});

export const CreateProposalCommand = ProposalContent.partial().extend({
  programCode: z.string().min(1),
  villageCode: z.string().min(1),
  title: ProposalContent.shape.title,
});
export type CreateProposalCommand = z.infer<typeof CreateProposalCommand>;

export const UpdateProposalCommand = ProposalContent.partial().extend({
  id: z.string(),
  /** The version the client last saw; a stale one is refused with 409. */
  version: z.number({ error: 'is required: send the version you last saw (or If-Match)' }).int().positive(),
});
export type UpdateProposalCommand = z.infer<typeof UpdateProposalCommand>;

export const ProposalActionCommand = z.object({
  id: z.string(),
  version: z.number().int().positive().optional(),
  reason: z.string().max(2000).optional(),
  /** For a withdrawal: the submission whose review the approvals service closed for it (null when it held none). */
  reviewWithdrawn: z.number().int().positive().nullish(),
});
export type ProposalActionCommand = z.infer<typeof ProposalActionCommand>;

export const ListProposalsQuery = z.object({
  status: z.enum(PROPOSAL_STATUSES).optional(),
  programCode: z.string().optional(),
  regionCode: z.string().optional(),
  q: z.string().max(200).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListProposalsQuery = z.infer<typeof ListProposalsQuery>;
