import { RefusalCode } from '@alur/contracts';
import { progressClaimErrors } from './progress-rules';

describe('what a progress report may claim', () => {
  const standing = {
    previous: { physicalProgressPercent: 35, amountSpent: 300_000 },
    released: 400_000,
    selfHelpAmount: 100_000,
    photosRequired: true,
  };

  it('accepts progress and spending that rise within the release plus the swadaya, with a photo', () => {
    expect(progressClaimErrors({ physicalProgressPercent: 35, amountSpent: 500_000, photoCount: 1 }, standing)).toEqual([]);
  });

  it('refuses progress or spending going backwards, naming each field', () => {
    expect(progressClaimErrors({ physicalProgressPercent: 20, amountSpent: 200_000, photoCount: 1 }, standing)).toEqual([
      { field: 'physicalProgressPercent', reason: 'must not go below the 35% reported before', code: RefusalCode.BelowLastReport },
      { field: 'amountSpent', reason: 'must not go below the Rp 300.000 reported before', code: RefusalCode.BelowLastReport },
    ]);
  });

  it('refuses spending above the release plus the swadaya', () => {
    expect(progressClaimErrors({ physicalProgressPercent: 40, amountSpent: 500_001, photoCount: 1 }, standing)).toEqual([
      {
        field: 'amountSpent',
        reason: 'must not exceed what was released (Rp 400.000) plus the swadaya (Rp 100.000): Rp 500.000',
        code: RefusalCode.AboveReleasedPlusSwadaya,
      },
    ]);
  });

  it('asks for a photo only where the programme does', () => {
    expect(progressClaimErrors({ physicalProgressPercent: 40, amountSpent: 0, photoCount: 0 }, { ...standing, previous: null })).toEqual([
      {
        field: 'photos',
        reason: 'this programme needs at least one photo of the works with every report',
        code: RefusalCode.PhotoRequired,
      },
    ]);
    expect(
      progressClaimErrors(
        { physicalProgressPercent: 40, amountSpent: 0, photoCount: 0 },
        { ...standing, previous: null, photosRequired: false },
      ),
    ).toEqual([]);
  });
});
