import { ApprovalStage, fiscalYearAt, RequiredDocument } from '@alur/contracts';
import { ProgrammeDraftInput } from '../programmes/domain/programme-rules';

/** Kelurahan/desa → kecamatan → dinas teknis → Sekda → Bupati, three working days (hari kerja) each. */
const REGENCY_CHAIN: ApprovalStage[] = [
  { role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 },
  { role: 'CAMAT', regionLevel: 'district', serviceLevelWorkingDays: 3 },
  { role: 'DINAS', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
  { role: 'SEKDA', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
  { role: 'BUPATI', regionLevel: 'regency', serviceLevelWorkingDays: 3 },
];

/** The officials are reminded one working day before a stage falls due and one after. */
const REMINDERS = { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 };

/**
 * The files a proposal carries before review: letter, SK KSM, KTP of its head, RAB, DED and site
 * photos at 0%. Officials see the checklist; the demo asks for none of them yet, so that demo
 * proposals (and the tests and benchmarks built on them) still go in without files.
 */
const DOCUMENTS_CHECKLIST: RequiredDocument[] = (['PROPOSAL_LETTER', 'SK_KSM', 'KTP_KSM_HEAD', 'RAB', 'DED', 'SITE_PHOTO'] as const).map(
  (kind) => ({ kind, required: false }),
);

/** Mandau and Pinggir, the two kecamatan piloting Bengkalis's one-billion-per-village aid. */
export const BK_DESA_PILOT_DISTRICTS = ['14.03.09', '14.03.13'];

/**
 * The two programmes of the demo regency, Kabupaten Bengkalis, for one fiscal year. The demo runs in
 * the current year: a programme of a closed year can no longer release money.
 */
export function demoProgrammes(fiscalYear: number): ProgrammeDraftInput[] {
  return [
    {
      code: `KOTAKU-${fiscalYear}`,
      name: `KOTAKU (Kota Tanpa Kumuh) ${fiscalYear}`,
      fiscalYear,
      eligibleRegions: { scope: 'ALL' },
      maxRequestedAmount: 500_000_000,
      minSelfHelpShareBp: 500,
      categories: ['INFRASTRUCTURE', 'LIVELIHOOD', 'SOCIAL'],
      approvalChain: REGENCY_CHAIN,
      reminderSchedule: REMINDERS,
      tranchePlan: [
        { shareBp: 4000, unlockProgressPercent: 0 },
        { shareBp: 3000, unlockProgressPercent: 30 },
        { shareBp: 3000, unlockProgressPercent: 70 },
      ],
      budgetCeiling: { regionLevel: 'district', amount: 2_000_000_000 },
      requiredDocuments: DOCUMENTS_CHECKLIST,
      progressPhotosRequired: true,
    },
    {
      code: `BK-DESA-${fiscalYear}`,
      name: `Bantuan Keuangan Satu Miliar Satu Desa/Kelurahan ${fiscalYear}`,
      fiscalYear,
      eligibleRegions: { scope: 'LIST', regionCodes: BK_DESA_PILOT_DISTRICTS },
      maxRequestedAmount: 1_000_000_000,
      minSelfHelpShareBp: 0,
      categories: ['INFRASTRUCTURE', 'LIVELIHOOD', 'SOCIAL'],
      approvalChain: REGENCY_CHAIN,
      reminderSchedule: REMINDERS,
      tranchePlan: [
        { shareBp: 5000, unlockProgressPercent: 0 },
        { shareBp: 5000, unlockProgressPercent: 50 },
      ],
      budgetCeiling: { regionLevel: 'village', amount: 1_000_000_000 },
      requiredDocuments: DOCUMENTS_CHECKLIST,
      progressPhotosRequired: true,
    },
  ];
}

/** The fiscal year the demo (and the tests built on it) runs in: this year, in the regency's time zone. */
export const DEMO_FISCAL_YEAR = fiscalYearAt(new Date());
export const DEMO_PROGRAMMES = demoProgrammes(DEMO_FISCAL_YEAR);
/** KOTAKU: a district (kecamatan) ceiling, open to every village, asking at least 5% swadaya. */
export const DEMO_KOTAKU = `KOTAKU-${DEMO_FISCAL_YEAR}`;
/** BK-DESA: a village ceiling, piloted in Mandau and Pinggir only, no swadaya asked. */
export const DEMO_BK_DESA = `BK-DESA-${DEMO_FISCAL_YEAR}`;
