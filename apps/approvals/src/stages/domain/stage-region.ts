import type { ApprovalStageRef } from '@alur/contracts';

export interface ProposalRegions {
  villageCode: string;
  districtCode: string;
  regencyCode: string;
}

/** The region whose official decides a stage of this level: the village itself, its kecamatan, or its kabupaten. */
export function regionCodeAt(proposal: ProposalRegions, level: ApprovalStageRef['regionLevel']): string {
  switch (level) {
    case 'village':
      return proposal.villageCode;
    case 'district':
      return proposal.districtCode;
    case 'regency':
      return proposal.regencyCode;
  }
}
