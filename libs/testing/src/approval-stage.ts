import { randomUUID } from 'node:crypto';
import type { ApprovalStageRef } from '@alur/contracts';

/**
 * The first of five stages (the Lurah's) of a proposal's first submission, as the approvals service names it in
 * its events; `over` for another stage, role or region.
 */
export function firstApprovalStage(
  proposal: { proposalId: string; title: string; villageCode: string; programCode: string },
  over: Partial<ApprovalStageRef> = {},
): ApprovalStageRef {
  return {
    stageId: randomUUID(),
    proposalId: proposal.proposalId,
    submissionNumber: 1,
    stageOrder: 1,
    stageCount: 5,
    role: 'LURAH',
    regionLevel: 'village',
    regionCode: proposal.villageCode,
    villageCode: proposal.villageCode,
    programCode: proposal.programCode,
    title: proposal.title,
    ...over,
  };
}
