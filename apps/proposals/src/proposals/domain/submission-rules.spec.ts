import { missingForSubmission, ProgrammeDefinition, RefusalCode } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { DEMO_BK_DESA, DEMO_KOTAKU, DEMO_PROGRAMMES } from '../../seed/demo-programmes';
import { checkSubmission, SubmissionCandidate } from './submission-rules';

const regions = RegionDirectory.shared();
const programme = (code: string): ProgrammeDefinition => ({ ...DEMO_PROGRAMMES.find((p) => p.code === code)!, version: 1 });
const KOTAKU = programme(DEMO_KOTAKU);
const BK_DESA = programme(DEMO_BK_DESA);
const BALIK_ALAM = '14.03.09.1004'; // Mandau
const BENGKALIS_TOWN_VILLAGE = regions.villagesOf('14.03.01')[0].code; // kecamatan Bengkalis, not in the pilot

const valid = (overrides: Partial<SubmissionCandidate> = {}): SubmissionCandidate => ({
  villageCode: BALIK_ALAM,
  title: 'Semenisasi Jalan Gang Damai',
  category: 'INFRASTRUCTURE',
  description: 'Jalan lingkungan 200 m',
  executorGroup: 'KSM Maju Bersama',
  beneficiaries: { households: 120, poorHouseholds: 45 },
  budgetItems: [{ description: 'Semen', quantity: 1000, unit: 'sak', unitPrice: 100_000 }],
  selfHelpAmount: 5_000_000,
  payeeAccount: { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' },
  ...overrides,
});
/** A proposal with nothing a submission requires filled in. */
const empty = valid({
  title: ' ',
  description: null,
  executorGroup: '',
  category: null,
  beneficiaries: null,
  budgetItems: [],
  payeeAccount: null,
});
const fields = (candidate: SubmissionCandidate, definition = KOTAKU) => {
  const check = checkSubmission(candidate, definition, regions);
  return check.ok ? [] : check.errors.map((e) => e.field);
};

describe('submission rules', () => {
  it('accepts a complete proposal within the programme’s limits', () => {
    expect(checkSubmission(valid(), KOTAKU, regions)).toMatchObject({
      ok: true,
      figures: { budgetTotal: 100_000_000, requestedAmount: 95_000_000, selfHelpShareBp: 500 },
    });
  });

  it('requires title, description, executor group, category, beneficiaries, a budget line and the account it is paid into', () => {
    expect(fields(empty)).toEqual(
      expect.arrayContaining(['title', 'description', 'executorGroup', 'category', 'beneficiaries', 'budgetItems', 'payeeAccount']),
    );
  });

  it('names every missing field as the console does before sending, and the programme’s rules in their fields’ places', () => {
    // The console tells these before it sends anything (missingForSubmission): the API answers the same, in the same order.
    expect(checkSubmission({ ...empty, selfHelpAmount: 0 }, BK_DESA, regions)).toEqual({ ok: false, errors: missingForSubmission(empty) });
    expect(missingForSubmission(empty).map((e) => e.field)).toEqual([
      'title',
      'description',
      'executorGroup',
      'category',
      'beneficiaries',
      'budgetItems',
      'payeeAccount',
    ]);
    // The programme's own rules take their field's place among the missing ones.
    const check = checkSubmission(
      valid({
        villageCode: BENGKALIS_TOWN_VILLAGE,
        description: '',
        category: 'HOUSING',
        beneficiaries: { households: 0, poorHouseholds: 1 },
        budgetItems: [{ description: ' ', quantity: 1, unit: '', unitPrice: 100 }],
        selfHelpAmount: 0,
      }),
      BK_DESA,
      regions,
    );
    expect(check.ok ? [] : check.errors.map((e) => [e.field, e.code])).toEqual([
      ['description', RefusalCode.Required],
      ['category', RefusalCode.CategoryNotInProgramme],
      ['beneficiaries.households', RefusalCode.TooSmall],
      ['beneficiaries.poorHouseholds', RefusalCode.PoorAboveHouseholds],
      ['villageCode', RefusalCode.VillageNotEligible],
      ['budgetItems.0.description', RefusalCode.Required],
      ['budgetItems.0.unit', RefusalCode.Required],
    ]);
  });

  it('requires a category the programme offers and sensible beneficiaries', () => {
    expect(fields(valid({ category: 'HOUSING' }))).toEqual(['category']);
    expect(fields(valid({ beneficiaries: { households: 0, poorHouseholds: 0 } }))).toEqual(['beneficiaries.households']);
    expect(fields(valid({ beneficiaries: { households: 10, poorHouseholds: 11 } }))).toEqual(['beneficiaries.poorHouseholds']);
  });

  it('accepts any village for KOTAKU but only the pilot kecamatan for BK-DESA', () => {
    expect(fields(valid({ villageCode: BENGKALIS_TOWN_VILLAGE }))).toEqual([]);
    expect(fields(valid({ villageCode: BENGKALIS_TOWN_VILLAGE }), BK_DESA)).toEqual(['villageCode']);
    expect(fields(valid(), BK_DESA)).toEqual([]);
  });

  it('caps the requested amount (budget total − swadaya), not the budget total', () => {
    // Rp 526,315,800 total with Rp 26,315,800 swadaya (5%): Rp 500,000,000 requested is exactly the maximum.
    const atMax = valid({
      budgetItems: [{ description: 'Paving', quantity: 1, unit: 'ls', unitPrice: 526_315_800 }],
      selfHelpAmount: 26_315_800,
    });
    expect(checkSubmission(atMax, KOTAKU, regions)).toMatchObject({ ok: true, figures: { requestedAmount: 500_000_000 } });
    const over = valid({
      budgetItems: [{ description: 'Paving', quantity: 1, unit: 'ls', unitPrice: 600_000_000 }],
      selfHelpAmount: 30_000_000,
    });
    const check = checkSubmission(over, KOTAKU, regions);
    expect(check).toEqual({
      ok: false,
      errors: [{ field: 'requestedAmount', reason: expect.stringMatching(/exceeds the maximum/), code: RefusalCode.RequestedAboveMaximum }],
    });
  });

  it('requires the minimum swadaya share for KOTAKU (5%) and none for BK-DESA', () => {
    const low = valid({ selfHelpAmount: 4_999_999 });
    expect(checkSubmission(low, KOTAKU, regions)).toEqual({
      ok: false,
      errors: [{ field: 'selfHelpAmount', reason: expect.stringMatching(/requires at least 5%/), code: RefusalCode.SelfHelpBelowMinimum }],
    });
    expect(fields(valid({ selfHelpAmount: 0 }), BK_DESA)).toEqual([]);
  });

  it('refuses bad arithmetic inputs and a swadaya that leaves nothing to request', () => {
    expect(fields(valid({ budgetItems: [{ description: 'Semen', quantity: 1.001, unit: 'sak', unitPrice: 100 }] }))).toEqual([
      'budgetItems.0.quantity',
    ]);
    expect(fields(valid({ selfHelpAmount: 100_000_000 }), BK_DESA)).toEqual(['selfHelpAmount']);
    expect(fields(valid({ budgetItems: [{ description: '', quantity: 1, unit: '', unitPrice: 100_000_000 }] }))).toEqual([
      'budgetItems.0.description',
      'budgetItems.0.unit',
    ]);
  });
});
