import type { CreateProposal, ListProposals, RequestOf, SubmitProposal, UpdateProposal, WithdrawProposal } from '@alur/contracts';

// The requests' shapes and limits are their contracts' (@alur/contracts), parsed before a use case runs.
export type CreateProposalCommand = RequestOf<typeof CreateProposal>;
export type UpdateProposalCommand = RequestOf<typeof UpdateProposal>;
export type SubmitProposalCommand = RequestOf<typeof SubmitProposal>;
export type WithdrawProposalCommand = RequestOf<typeof WithdrawProposal>;
export type ListProposalsQuery = RequestOf<typeof ListProposals>;
