/** What a proposal is for. Apart from the schemas, so that the console's forms list them without zod. */
export const PROPOSAL_CATEGORIES = ['INFRASTRUCTURE', 'LIVELIHOOD', 'SOCIAL'] as const;
export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];
