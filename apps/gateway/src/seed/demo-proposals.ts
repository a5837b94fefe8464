import { randomUUID } from 'node:crypto';
import { fiscalYearAt } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { DEMO_PASSWORD } from './demo-users';

/** How far a demo proposal goes: a draft, or submitted and approved by that many stages, then perhaps more. */
interface Reach {
  submitted: boolean;
  /** Stages approved, in chain order (Lurah, Camat, Dinas, Sekda, Bupati). */
  approvals: number;
  /** What the next official does instead of approving: returns it for revision, or rejects it, with this note. */
  then?: { decision: 'RETURN' | 'REJECT'; note: string };
  /** After the last approval, what BPKAD has done with tranche 1. */
  tranche1?: 'prepared' | 'released';
}

interface DemoProposal {
  village: string;
  title: string;
  category: 'INFRASTRUCTURE' | 'LIVELIHOOD' | 'SOCIAL';
  description: string;
  executorGroup: string;
  households: number;
  poorHouseholds: number;
  budgetItems: Array<{ description: string; quantity: number; unit: string; unitPrice: number }>;
  selfHelpAmount: number;
  reach: Reach;
}

const MANDAU = '14.03.09';
const CHAIN_LENGTH = 5;

/**
 * Kecamatan Mandau's proposals, each left where a demo login finds it: the BKM of Balik Alam has a draft and a grant
 * being paid, each official of the chain one proposal waiting for them, BPKAD a tranche to prepare and an SPM to
 * authorise, and two BKMs a proposal returned or rejected with the official's note.
 */
const DEMO_PROPOSALS: DemoProposal[] = [
  {
    village: `${MANDAU}.1004`,
    title: 'Semenisasi jalan lingkungan RT 03/RW 02',
    category: 'INFRASTRUCTURE',
    description: 'Jalan tanah sepanjang 220 m yang becek saat hujan disemen selebar 2 m, dengan saluran di satu sisi.',
    executorGroup: 'KSM Maju Bersama',
    households: 64,
    poorHouseholds: 21,
    budgetItems: [
      { description: 'Semen portland 50 kg', quantity: 420, unit: 'sak', unitPrice: 78_000 },
      { description: 'Pasir dan batu split', quantity: 66, unit: 'm3', unitPrice: 310_000 },
      { description: 'Upah tukang dan pekerja', quantity: 1, unit: 'ls', unitPrice: 38_500_000 },
    ],
    selfHelpAmount: 6_000_000,
    reach: { submitted: true, approvals: CHAIN_LENGTH, tranche1: 'released' },
  },
  {
    village: `${MANDAU}.1004`,
    title: 'Pembangunan MCK komunal RT 07',
    category: 'SOCIAL',
    description: 'MCK komunal dengan tiga bilik dan septik tank untuk warga yang belum memiliki jamban.',
    executorGroup: 'KSM Sehat Lestari',
    households: 35,
    poorHouseholds: 19,
    budgetItems: [
      { description: 'Bangunan MCK tiga bilik', quantity: 1, unit: 'unit', unitPrice: 62_000_000 },
      { description: 'Septik tank komunal', quantity: 1, unit: 'unit', unitPrice: 18_000_000 },
    ],
    selfHelpAmount: 4_000_000,
    reach: { submitted: false, approvals: 0 },
  },
  {
    village: `${MANDAU}.1006`,
    title: 'Perbaikan drainase Jalan Hang Tuah',
    category: 'INFRASTRUCTURE',
    description: 'Saluran drainase sepanjang 150 m yang tersumbat dan retak diganti dengan U-ditch beton.',
    executorGroup: 'KSM Bina Lingkungan',
    households: 80,
    poorHouseholds: 30,
    budgetItems: [
      { description: 'Beton precast U-ditch', quantity: 150, unit: 'm', unitPrice: 500_000 },
      { description: 'Upah tukang', quantity: 1, unit: 'ls', unitPrice: 25_000_000 },
    ],
    selfHelpAmount: 5_000_000,
    reach: { submitted: true, approvals: 0 },
  },
  {
    village: `${MANDAU}.1007`,
    title: 'Pelatihan dan modal usaha kue basah',
    category: 'LIVELIHOOD',
    description: 'Pelatihan produksi dan pengemasan kue basah bagi 25 ibu rumah tangga, dengan peralatan bersama.',
    executorGroup: 'KSM Dapur Sejahtera',
    households: 25,
    poorHouseholds: 18,
    budgetItems: [
      { description: 'Pelatihan 5 hari', quantity: 1, unit: 'paket', unitPrice: 15_000_000 },
      { description: 'Peralatan dapur bersama', quantity: 1, unit: 'paket', unitPrice: 27_500_000 },
    ],
    selfHelpAmount: 2_500_000,
    reach: { submitted: true, approvals: 1 },
  },
  {
    village: `${MANDAU}.1008`,
    title: 'Penerangan jalan lingkungan tenaga surya',
    category: 'INFRASTRUCTURE',
    description: 'Dua puluh lampu jalan tenaga surya di gang-gang yang gelap pada malam hari.',
    executorGroup: 'KSM Terang Bersama',
    households: 120,
    poorHouseholds: 33,
    budgetItems: [{ description: 'Lampu jalan tenaga surya terpasang', quantity: 20, unit: 'titik', unitPrice: 4_750_000 }],
    selfHelpAmount: 5_000_000,
    reach: { submitted: true, approvals: 2 },
  },
  {
    village: `${MANDAU}.1009`,
    title: 'Rehabilitasi rumah tidak layak huni (5 unit)',
    category: 'SOCIAL',
    description: 'Perbaikan atap, dinding dan lantai lima rumah warga miskin yang tidak layak huni.',
    executorGroup: 'KSM Rumah Sehat',
    households: 5,
    poorHouseholds: 5,
    budgetItems: [{ description: 'Bahan dan upah per rumah', quantity: 5, unit: 'unit', unitPrice: 20_000_000 }],
    selfHelpAmount: 5_000_000,
    reach: { submitted: true, approvals: 3 },
  },
  {
    village: `${MANDAU}.1010`,
    title: 'Pembangunan sumur bor dan tandon air bersih',
    category: 'INFRASTRUCTURE',
    description: 'Sumur bor dalam dengan tandon 5.000 liter dan jaringan pipa ke 40 rumah.',
    executorGroup: 'KSM Tirta Mandau',
    households: 40,
    poorHouseholds: 16,
    budgetItems: [
      { description: 'Sumur bor 60 m dan pompa', quantity: 1, unit: 'paket', unitPrice: 45_000_000 },
      { description: 'Tandon dan jaringan pipa', quantity: 1, unit: 'paket', unitPrice: 30_000_000 },
    ],
    selfHelpAmount: 4_000_000,
    reach: { submitted: true, approvals: 4 },
  },
  {
    village: `${MANDAU}.1003`,
    title: 'Jalan setapak beton menuju sekolah',
    category: 'INFRASTRUCTURE',
    description: 'Jalan setapak beton selebar 1,5 m sepanjang 300 m dari permukiman ke SD negeri.',
    executorGroup: 'KSM Jalan Harapan',
    households: 90,
    poorHouseholds: 27,
    budgetItems: [
      { description: 'Beton K-225', quantity: 45, unit: 'm3', unitPrice: 1_150_000 },
      { description: 'Upah kerja', quantity: 1, unit: 'ls', unitPrice: 22_000_000 },
    ],
    selfHelpAmount: 4_000_000,
    reach: { submitted: true, approvals: CHAIN_LENGTH },
  },
  {
    village: `${MANDAU}.2021`,
    title: 'Pengadaan alat pengering hasil panen',
    category: 'LIVELIHOOD',
    description: 'Alat pengering gabah dan jagung untuk kelompok tani, dengan bangunan pelindungnya.',
    executorGroup: 'KSM Tani Makmur',
    households: 45,
    poorHouseholds: 20,
    budgetItems: [
      { description: 'Mesin pengering', quantity: 1, unit: 'unit', unitPrice: 58_000_000 },
      { description: 'Bangunan pelindung', quantity: 1, unit: 'unit', unitPrice: 24_000_000 },
    ],
    selfHelpAmount: 4_100_000,
    reach: { submitted: true, approvals: CHAIN_LENGTH, tranche1: 'prepared' },
  },
  {
    village: `${MANDAU}.1001`,
    title: 'Pembangunan pos ronda dan balai warga',
    category: 'SOCIAL',
    description: 'Pos ronda dan balai warga untuk kegiatan posyandu dan musyawarah.',
    executorGroup: 'KSM Guyub Rukun',
    households: 150,
    poorHouseholds: 40,
    budgetItems: [{ description: 'Bangunan balai warga 6 x 8 m', quantity: 1, unit: 'unit', unitPrice: 84_000_000 }],
    selfHelpAmount: 4_200_000,
    reach: {
      submitted: true,
      approvals: 0,
      then: { decision: 'RETURN', note: 'Lampirkan gambar denah dan rincian volume pekerjaan bangunan balai warga.' },
    },
  },
  {
    village: `${MANDAU}.1002`,
    title: 'Pengecatan kantor kelurahan',
    category: 'INFRASTRUCTURE',
    description: 'Pengecatan ulang kantor kelurahan.',
    executorGroup: 'KSM Karya Warga',
    households: 10,
    poorHouseholds: 2,
    budgetItems: [{ description: 'Cat dan upah', quantity: 1, unit: 'ls', unitPrice: 30_000_000 }],
    selfHelpAmount: 1_500_000,
    reach: {
      submitted: true,
      approvals: 1,
      then: { decision: 'REJECT', note: 'Kantor pemerintah tidak termasuk kegiatan yang dibiayai program ini.' },
    },
  },
];

type Call = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** An answer of 400 or more, with its status. */
class RefusedCall extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A read of what another service has not heard of yet: 404 until the event reaches it. */
async function notYetThere<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof RefusedCall && error.status === 404) return undefined;
    throw error;
  }
}

/** The public API as one demo user: logged in once, every write with its own Idempotency-Key. */
async function loginAs(baseUrl: string, username: string): Promise<Call> {
  const send = async (method: string, path: string, body: unknown, token?: string) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    if (!response.ok)
      throw new RefusedCall(`${username}: ${method} ${path} answered ${response.status} ${JSON.stringify(answer)}`, response.status);
    return answer;
  };
  const { accessToken } = (await send('POST', '/auth/login', { username, password: DEMO_PASSWORD })) as { accessToken: string };
  return async <T>(method: string, path: string, body?: unknown) => (await send(method, path, body, accessToken)) as T;
}

/** What another service does on hearing of a step arrives a moment later: asked again until it is there (30 s at most). */
async function eventually<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + 30_000;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The demo's proposals, made through the public API as each demo user would (so that every service holds them
 * as it would hold real ones, with their events, messages and audit records), and left at the step each has
 * reached. A proposal already there, by its title, is left as it is: `npm start` runs this every time.
 */
export async function seedDemoProposals(baseUrl: string, regions = RegionDirectory.shared()): Promise<{ made: number; kept: number }> {
  const fiscalYear = fiscalYearAt(new Date());
  const logins = new Map<string, Promise<Call>>();
  const as = (username: string) => {
    if (!logins.has(username)) logins.set(username, loginAs(baseUrl, username));
    return logins.get(username)!;
  };
  let made = 0;
  // One after another: each official's inbox then lists them in a stable order.
  for (const demo of DEMO_PROPOSALS) {
    const bkm = await as(`bkm.${demo.village}`);
    const { items } = await bkm<{ items: Array<{ title: string }> }>('GET', `/proposals?q=${encodeURIComponent(demo.title)}`);
    if (items.some((p) => p.title === demo.title)) continue;
    await makeProposal(demo, bkm, as, regions, fiscalYear);
    made += 1;
  }
  return { made, kept: DEMO_PROPOSALS.length - made };
}

async function makeProposal(
  demo: DemoProposal,
  bkm: Call,
  as: (username: string) => Promise<Call>,
  regions: RegionDirectory,
  fiscalYear: number,
): Promise<void> {
  const villageName = regions.getOrThrow(demo.village).name;
  const { id } = await bkm<{ id: string }>('POST', '/proposals', {
    programCode: `KOTAKU-${fiscalYear}`,
    villageCode: demo.village,
    title: demo.title,
    category: demo.category,
    description: demo.description,
    executorGroup: demo.executorGroup,
    beneficiaries: { households: demo.households, poorHouseholds: demo.poorHouseholds },
    budgetItems: demo.budgetItems,
    selfHelpAmount: demo.selfHelpAmount,
    payeeAccount: {
      bankName: 'Bank Riau Kepri Syariah',
      accountNumber: `8${demo.village.replace(/\D/g, '')}`,
      accountHolder: `BKM ${villageName}`,
    },
  });
  const { reach } = demo;
  if (!reach.submitted) return;
  await bkm('POST', `/proposals/${id}/submit`, {});

  const chain = [`lurah.${demo.village}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];
  const decisions = [...chain.slice(0, reach.approvals).map(() => ({ decision: 'APPROVE' })), ...(reach.then ? [reach.then] : [])];
  for (const [i, decision] of decisions.entries()) {
    const official = await as(chain[i]);
    const stageId = await eventually(`stage ${i + 1} of “${demo.title}”`, async () => {
      // The approvals service knows the proposal once it has heard of the submission.
      const stages = await notYetThere(official<Array<{ stageId: string; status: string }>>('GET', `/approvals/proposals/${id}/stages`));
      return stages?.find((s) => s.status === 'OPEN')?.stageId;
    });
    await official('POST', `/approvals/${stageId}/decision`, decision);
  }
  if (!reach.tranche1) return;

  const bpkad = await as('bpkad');
  type Disbursement = { id: string; payeeAccount: unknown; tranches: Array<{ status: string }> };
  const disbursement = await eventually(`tranche 1 of “${demo.title}” to be ready`, async () => {
    const { items } = await bpkad<{ items: Disbursement[] }>('GET', `/disbursements?proposalId=${id}`);
    return items[0]?.tranches[0]?.status === 'READY' ? items[0] : undefined;
  });
  const sp2dNumber = `${String(DEMO_PROPOSALS.indexOf(demo) + 1).padStart(4, '0')}/SP2D/LS/BPKAD/${fiscalYear}`;
  const tranche = `/disbursements/${disbursement.id}/tranches/1`;
  await bpkad('POST', `${tranche}/spm`, { sp2dNumber, bankAccount: disbursement.payeeAccount });
  if (reach.tranche1 !== 'released') return;
  const kuasaBud = await as('bpkad.kuasa-bud');
  await kuasaBud('POST', `${tranche}/release`, { sp2dNumber, releasedAt: new Date().toISOString() });
}
