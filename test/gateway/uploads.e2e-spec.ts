import { createTestIsolation, removeTestResources, TINY_PNG } from '@alur/testing';
import { BALIK_ALAM, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { RunningGateway, startGateway } from './gateway-harness';


describe('photos for progress reports', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;
  let bkm: string;

  beforeAll(async () => {
    gateway = await startGateway(isolation);
    bkm = await gateway.tokenOf(`bkm.${BALIK_ALAM}`);
  });
  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const upload = (token: string | undefined, file: Buffer, type: string, name = 'foto.png') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type }), name);
    return fetch(`${gateway.url}/api/v1/uploads/photos`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
  };
  const read = (token: string | undefined, url: string) =>
    fetch(`${gateway.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('keeps a BKM’s photo and shows it to those who may see its village, and to nobody else', async () => {
    const response = await upload(bkm, TINY_PNG, 'image/png');
    expect(response.status).toBe(201);
    const photo = (await response.json()) as { id: string; url: string; contentType: string; size: number };
    expect(photo).toMatchObject({ url: `/api/v1/uploads/photos/${photo.id}`, contentType: 'image/png', size: TINY_PNG.length });

    for (const username of [`bkm.${BALIK_ALAM}`, `lurah.${BALIK_ALAM}`, 'camat.14.03.09', 'bpkad']) {
      const seen = await read(await gateway.tokenOf(username), photo.url);
      expect([username, seen.status, seen.headers.get('content-type')]).toEqual([username, 200, 'image/png']);
      expect(Buffer.from(await seen.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    }
    for (const username of [`bkm.${OTHER_MANDAU_VILLAGE}`, 'camat.14.03.13']) {
      expect([username, (await read(await gateway.tokenOf(username), photo.url)).status]).toEqual([username, 404]);
    }
    expect((await read(undefined, photo.url)).status).toBe(401);
  });

  it('refuses what is not a photo, a file too large, a missing file, and uploads by other roles', async () => {
    const notImage = await upload(bkm, Buffer.from('%PDF-1.7 not a photo'), 'application/pdf', 'rab.pdf');
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { errors: unknown }).errors).toEqual([{ field: 'file', reason: 'must be a JPEG, PNG or WebP photo' }]);

    // Declared as a JPEG, but the bytes say otherwise.
    expect((await upload(bkm, Buffer.from('plain text pretending'), 'image/jpeg', 'x.jpg')).status).toBe(400);

    const tooLarge = Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(bkm, tooLarge, 'image/png')).status).toBe(413);

    const missing = await fetch(`${gateway.url}/api/v1/uploads/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bkm}` },
      body: new FormData(),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: unknown }).errors).toEqual([{ field: 'file', reason: 'a photo file is required' }]);

    expect((await upload(await gateway.tokenOf(`lurah.${BALIK_ALAM}`), TINY_PNG, 'image/png')).status).toBe(403);
    expect((await upload(undefined, TINY_PNG, 'image/png')).status).toBe(401);
    expect((await read(bkm, '/api/v1/uploads/photos/not-a-uuid')).status).toBe(400);
  });
});
