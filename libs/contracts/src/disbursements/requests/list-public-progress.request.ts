import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { PublicProgressReportSchema } from '../funds-report/public-progress-report';

/** A funded proposal's accepted progress reports, newest first, as the public may see them; 404 for any other proposal. */
export const ListPublicProgress = defineRequest('disbursements.reporting.public-progress', {
  request: z.strictObject({ proposalId: Uuid }),
  answer: z.object({ items: z.array(PublicProgressReportSchema) }),
});

/** Whether an uploaded photo belongs to an accepted report of a proposal still funded: only such a photo is public. */
export const CheckPublicPhoto = defineRequest('disbursements.reporting.public-photo', {
  request: z.strictObject({ photoId: Uuid }),
  answer: z.object({ public: z.boolean() }),
});
