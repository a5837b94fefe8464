import { CreateProgrammeDraft, decidesStages, RequestOf, ROLE_REGION_LEVEL, RefusalCode } from '@alur/contracts';
import type { FieldError } from '@alur/contracts';

/** A programme version as an admin drafts it (its shape is the request's contract); the service numbers the version. */
export type ProgrammeDraftInput = RequestOf<typeof CreateProgrammeDraft>;

/** What the rules ask of the region hierarchy. */
export interface RegionLookup {
  get(code: string): { level: string } | undefined;
}

export type ProgrammeCheck = { ok: true; draft: ProgrammeDraftInput } | { ok: false; errors: FieldError[] };

/**
 * The rules a programme version must meet before it can be saved, beyond its shape (the contract's,
 * CreateProgrammeDraft): a chain whose stages are decided at the region level of their role, a
 * tranche plan whose thresholds rise from 0, and eligible regions that exist as kecamatan or villages.
 */
export function checkProgrammeDraft(draft: ProgrammeDraftInput, regions: RegionLookup): ProgrammeCheck {
  const errors: FieldError[] = [];
  draft.approvalChain.forEach((stage, i) => {
    if (!decidesStages(stage.role)) {
      errors.push({
        field: `approvalChain.${i}.role`,
        reason: `${stage.role} does not decide on proposals`,
        code: RefusalCode.NotADecidingRole,
      });
    } else if (ROLE_REGION_LEVEL[stage.role] !== stage.regionLevel) {
      errors.push({
        field: `approvalChain.${i}.regionLevel`,
        reason: `a ${stage.role} decides at the ${ROLE_REGION_LEVEL[stage.role]} level`,
        code: RefusalCode.WrongRegionLevel,
      });
    }
  });
  draft.tranchePlan.forEach((tranche, i) => {
    if (i === 0 && tranche.unlockProgressPercent !== 0) {
      errors.push({
        field: 'tranchePlan.0.unlockProgressPercent',
        reason: 'the first tranche needs no progress: must be 0',
        code: RefusalCode.FirstTrancheUnlock,
      });
    }
    if (i > 0 && tranche.unlockProgressPercent <= draft.tranchePlan[i - 1].unlockProgressPercent) {
      errors.push({
        field: `tranchePlan.${i}.unlockProgressPercent`,
        reason: 'must be higher than the previous tranche’s threshold',
        code: RefusalCode.UnlockNotRising,
      });
    }
  });
  if (new Set(draft.categories).size !== draft.categories.length) {
    errors.push({ field: 'categories', reason: 'must not repeat a category', code: RefusalCode.Repeated });
  }
  if (draft.eligibleRegions.scope === 'LIST') {
    draft.eligibleRegions.regionCodes.forEach((code, i) => {
      const level = regions.get(code)?.level;
      if (level !== 'district' && level !== 'village') {
        errors.push({
          field: `eligibleRegions.regionCodes.${i}`,
          reason: `${code} is not a known kecamatan or village code`,
          code: RefusalCode.UnknownRegion,
        });
      }
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, draft };
}
