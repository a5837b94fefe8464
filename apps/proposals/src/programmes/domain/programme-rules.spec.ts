import { CreateProgrammeDraft } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { DEMO_PROGRAMMES } from '../../seed/demo-programmes';
import { checkProgrammeDraft } from './programme-rules';

const regions = RegionDirectory.shared();
const kotaku = () => structuredClone(DEMO_PROGRAMMES[0]);
/** As a request goes: its shape by the contract first, then the rules. */
const fields = (input: unknown) => {
  const parsed = CreateProgrammeDraft.request.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((issue) => issue.path.join('.'));
  const check = checkProgrammeDraft(parsed.data, regions);
  return check.ok ? [] : check.errors.map((e) => e.field);
};

describe('programme rules', () => {
  it('accepts both demo programmes', () => {
    for (const programme of DEMO_PROGRAMMES) expect(fields(programme)).toEqual([]);
  });

  it('requires tranche shares summing to 100% with rising thresholds from 0', () => {
    const draft = kotaku();
    draft.tranchePlan = [
      { shareBp: 4000, unlockProgressPercent: 10 },
      { shareBp: 3000, unlockProgressPercent: 70 },
      { shareBp: 3000, unlockProgressPercent: 30 },
    ];
    expect(fields(draft)).toEqual(['tranchePlan.0.unlockProgressPercent', 'tranchePlan.2.unlockProgressPercent']);
    draft.tranchePlan = [{ shareBp: 4000, unlockProgressPercent: 0 }];
    expect(fields(draft)).toEqual(['tranchePlan']);
  });

  it('requires each stage at its role’s region level, decided by an official', () => {
    const draft = kotaku();
    draft.approvalChain = [
      { role: 'CAMAT', regionLevel: 'village', serviceLevelWorkingDays: 3 },
      { role: 'BKM', regionLevel: 'village', serviceLevelWorkingDays: 3 },
      // The inspectorate reads; it never decides, even at its own (the regency's) level.
      { role: 'INSPEKTORAT', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
    ];
    expect(fields(draft)).toEqual(['approvalChain.0.regionLevel', 'approvalChain.1.role', 'approvalChain.2.role']);
  });

  it('requires eligible regions to be known kecamatan or villages', () => {
    const draft = kotaku();
    draft.eligibleRegions = { scope: 'LIST', regionCodes: ['14.03.09', '14.03', '99.99.99'] };
    expect(fields(draft)).toEqual(['eligibleRegions.regionCodes.1', 'eligibleRegions.regionCodes.2']);
  });

  it('names malformed fields: code, fractional rupiah, share above 100%', () => {
    expect(fields({ ...kotaku(), code: 'kotaku 2026', maxRequestedAmount: 1.5, minSelfHelpShareBp: 10_001 })).toEqual([
      'code',
      'maxRequestedAmount',
      'minSelfHelpShareBp',
    ]);
  });
});
