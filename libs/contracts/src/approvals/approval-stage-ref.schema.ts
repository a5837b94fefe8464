import { z } from 'zod';
import { ROLES } from '../identity/role';
import { REGION_SCOPE_LEVELS } from '../proposals/programme-definition/programme-definition.schema';

/** What every approval-stage event says about the stage: which proposal, which step, and who must decide. */
export const ApprovalStageRefSchema = z.object({
  stageId: z.uuid(),
  proposalId: z.uuid(),
  /** 1 for the first submission, 2… after each return: a resubmission runs the chain again. */
  submissionNumber: z.number().int().positive(),
  /** 1-based position in the chain, and the chain's length. */
  stageOrder: z.number().int().positive(),
  stageCount: z.number().int().positive(),
  role: z.enum(ROLES),
  regionLevel: z.enum(REGION_SCOPE_LEVELS),
  /** The region whose official decides: the proposal's village, kecamatan or kabupaten at `regionLevel`. */
  regionCode: z.string().min(1),
  villageCode: z.string().min(1),
  programCode: z.string().min(1),
  title: z.string().min(1),
});
export type ApprovalStageRef = z.infer<typeof ApprovalStageRefSchema>;
