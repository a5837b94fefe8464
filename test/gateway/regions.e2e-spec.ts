import { createTestIsolation, removeTestResources } from '@alur/testing';
import { BALIK_ALAM, MANDAU } from '../proposals/proposal-fixtures';
import { RunningGateway, startGateway } from './gateway-harness';

describe('the region directory, for choosing a place by its name', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;
  let admin: string;

  beforeAll(async () => {
    gateway = await startGateway(isolation);
    admin = await gateway.tokenOf('admin');
  });
  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const regions = async (within: string, token: string | undefined = admin) =>
    gateway.call('GET', `/api/v1/regions?within=${encodeURIComponent(within)}`, { token });

  it('lists Bengkalis’ eleven kecamatan by name, and a kecamatan’s kelurahan and desa', async () => {
    const districts = await regions('14.03');
    expect(districts.status).toBe(200);
    const { items } = await districts.json();
    expect(items).toHaveLength(11);
    expect(items).toContainEqual({ code: MANDAU, name: 'Mandau', level: 'district' });
    // By name, as a person looks for them.
    const names = items.map((region: { name: string }) => region.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')));

    const villages = (await (await regions(MANDAU, await gateway.tokenOf(`bkm.${BALIK_ALAM}`))).json()).items;
    expect(villages).toContainEqual({ code: BALIK_ALAM, name: 'Balik Alam', level: 'village', villageKind: 'KELURAHAN' });
    expect(villages.every((village: { code: string }) => village.code.startsWith(`${MANDAU}.`))).toBe(true);
  });

  it('answers 401 without a login, 400 naming `within` for what is not a code, and 404 for a code not in the directory', async () => {
    expect((await gateway.call('GET', '/api/v1/regions?within=14.03')).status).toBe(401);
    const malformed = await regions('Mandau');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errors.map((e: { field: string }) => e.field)).toEqual(['within']);
    expect((await regions('99.99')).status).toBe(404);
  });
});
