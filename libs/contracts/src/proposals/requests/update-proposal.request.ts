import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { ProposalContentFields, ProposalTitle } from './proposal-content.schema';
import { ProposalViewSchema } from './proposal-view.schema';

/** The version a client last read of a proposal. */
export const ProposalVersion = z.number().int().positive();

/**
 * The BKM edits a DRAFT or RETURNED proposal; what it leaves out stays as it was. The edit names
 * the version it was made from: a stale one is refused (409) rather than overwriting someone's edit.
 */
export const UpdateProposal = defineRequest('proposals.update', {
  request: z.strictObject({
    id: Uuid,
    version: ProposalVersion,
    title: ProposalTitle.optional(),
    ...ProposalContentFields,
  }),
  answer: ProposalViewSchema,
});
