import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { seedDemoProposals } from '../../apps/gateway/src/seed/demo-proposals';
import { callApiAs, RunningSystem, startSystem } from '../web/console-harness';

const MANDAU = '14.03.09';

/** What `npm start` prints: each of these demo logins finds something waiting for them. */
describe('the demo’s proposals, made through the API as the demo users would', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let first: { made: number; kept: number };

  const as = (username: string) => callApiAs(system.url, username);
  const titlesOf = (page: { items: Array<{ title?: string; proposal?: { title: string } }> }) =>
    page.items.map((item) => item.title ?? item.proposal?.title);
  const inboxOf = async (username: string) => titlesOf(await (await as(username))('GET', '/approvals/inbox'));
  const proposalsOf = async (username: string) =>
    (await (await as(username))<{ items: Array<{ title: string; status: string }> }>('GET', '/proposals')).items.map((p) => [
      p.title,
      p.status,
    ]);

  beforeAll(async () => {
    system = await startSystem(isolation);
    first = await seedDemoProposals(system.url);
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('leaves the BKM of Balik Alam a draft and a grant whose first tranche was paid', async () => {
    expect(first).toEqual({ made: 11, kept: 0 });
    // The proposals service hears of the money committed a moment after the disbursements service has it.
    await expectEventually(async () =>
      expect((await proposalsOf(`bkm.${MANDAU}.1004`)).sort()).toEqual([
        ['Pembangunan MCK komunal RT 07', 'DRAFT'],
        ['Semenisasi jalan lingkungan RT 03/RW 02', 'FUNDING'],
      ]),
    );
    const bkm = await as(`bkm.${MANDAU}.1004`);
    const { items } = await bkm<{ items: Array<{ title: string; tranches: Array<{ status: string; sp2dNumber: string | null }> }> }>(
      'GET',
      '/disbursements',
    );
    expect(items.map((d) => [d.title, d.tranches.map((t) => t.status)])).toEqual([
      ['Semenisasi jalan lingkungan RT 03/RW 02', ['RELEASED', 'LOCKED', 'LOCKED']],
    ]);
  });

  it('leaves each official of the chain one proposal to decide', async () => {
    expect(await inboxOf(`lurah.${MANDAU}.1006`)).toEqual(['Perbaikan drainase Jalan Hang Tuah']);
    expect(await inboxOf(`camat.${MANDAU}`)).toEqual(['Pelatihan dan modal usaha kue basah']);
    expect(await inboxOf('dinas')).toEqual(['Penerangan jalan lingkungan tenaga surya']);
    expect(await inboxOf('sekda')).toEqual(['Rehabilitasi rumah tidak layak huni (5 unit)']);
    expect(await inboxOf('bupati')).toEqual(['Pembangunan sumur bor dan tandon air bersih']);
  });

  it('leaves BPKAD a tranche whose SPM to prepare and an SPM to authorise', async () => {
    const bpkad = await as('bpkad');
    const { items } = await bpkad<{ items: Array<{ title: string; tranches: Array<{ status: string }> }> }>(
      'GET',
      '/disbursements?awaitingTreasury=true',
    );
    expect(items.map((d) => [d.title, d.tranches[0].status]).sort()).toEqual([
      ['Jalan setapak beton menuju sekolah', 'READY'],
      ['Pengadaan alat pengering hasil panen', 'PREPARED'],
    ]);
  });

  it('leaves one BKM a proposal returned for revision and another one rejected', async () => {
    expect(await proposalsOf(`bkm.${MANDAU}.1001`)).toEqual([['Pembangunan pos ronda dan balai warga', 'RETURNED']]);
    expect(await proposalsOf(`bkm.${MANDAU}.1002`)).toEqual([['Pengecatan kantor kelurahan', 'REJECTED']]);
  });

  it('makes none twice when `npm start` runs it again', async () => {
    expect(await seedDemoProposals(system.url)).toEqual({ made: 0, kept: 11 });
    expect(await inboxOf(`lurah.${MANDAU}.1006`)).toEqual(['Perbaikan drainase Jalan Hang Tuah']);
    expect(await proposalsOf(`bkm.${MANDAU}.1004`)).toHaveLength(2);
  });
});
