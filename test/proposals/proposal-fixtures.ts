import { RegionDirectory } from '@alur/regions';
import { DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';

const regions = RegionDirectory.shared();

/** Balik Alam, a kelurahan of kecamatan Mandau (in both programmes' reach). */
export const BALIK_ALAM = '14.03.09.1004';
export const MANDAU = '14.03.09';
export const PINGGIR = '14.03.13';
/** Another village of Mandau: same kecamatan, other village. */
export const OTHER_MANDAU_VILLAGE = regions.villagesOf(MANDAU).find((v) => v.code !== BALIK_ALAM)!.code;
/** A village of kecamatan Bengkalis, outside the BK-DESA pilot. */
export const OUTSIDE_PILOT_VILLAGE = regions.villagesOf('14.03.01')[0].code;

/** The account the tests' BKMs have their grants paid into, and their SPMs name. */
export const BKM_ACCOUNT = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };

/** A complete KOTAKU draft: Rp 100,000,000 budget total, 5% swadaya. */
export function kotakuDraft(villageCode = BALIK_ALAM, overrides: Record<string, unknown> = {}) {
  return {
    programCode: DEMO_KOTAKU,
    villageCode,
    title: 'Semenisasi Jalan Gang Damai',
    category: 'INFRASTRUCTURE',
    description: 'Semenisasi jalan lingkungan sepanjang 200 m di RT 03',
    executorGroup: 'KSM Maju Bersama',
    beneficiaries: { households: 120, poorHouseholds: 45 },
    budgetItems: [
      { description: 'Semen 50 kg', quantity: 500, unit: 'sak', unitPrice: 80_000 },
      { description: 'Pasir', quantity: 120.5, unit: 'm3', unitPrice: 400_000 },
      { description: 'Upah tukang', quantity: 1, unit: 'ls', unitPrice: 11_800_000 },
    ],
    selfHelpAmount: 5_000_000,
    payeeAccount: BKM_ACCOUNT,
    ...overrides,
  };
}
