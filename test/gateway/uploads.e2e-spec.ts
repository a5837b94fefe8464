import { createTestIsolation, removeTestResources, TINY_PNG } from '@alur/testing';
import { BALIK_ALAM, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { RunningGateway, startGateway } from './gateway-harness';

describe('photos for progress reports and documents for proposals', () => {
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

  const upload = (token: string | undefined, file: Buffer, type: string, name = 'foto.png', kind = 'photos') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type }), name);
    return fetch(`${gateway.url}/api/v1/uploads/${kind}`, {
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
    expect(((await notImage.json()) as { errors: unknown }).errors).toEqual([
      { field: 'file', reason: 'must be a JPEG, PNG or WebP photo', code: 'UNSUPPORTED_FILE' },
    ]);

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
    expect(((await missing.json()) as { errors: unknown }).errors).toEqual([
      { field: 'file', reason: 'a file is required', code: 'required' },
    ]);

    expect((await upload(await gateway.tokenOf(`lurah.${BALIK_ALAM}`), TINY_PNG, 'image/png')).status).toBe(403);
    expect((await upload(undefined, TINY_PNG, 'image/png')).status).toBe(401);
    expect((await read(bkm, '/api/v1/uploads/photos/not-a-uuid')).status).toBe(400);
  });

  it('keeps a proposal’s documents (PDF) under their names, within the village’s region', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const response = await upload(bkm, pdf, 'application/pdf', 'DED jalan gang Damai.pdf', 'documents');
    expect(response.status).toBe(201);
    const document = (await response.json()) as { url: string; name: string };
    expect(document).toMatchObject({
      url: expect.stringMatching(/^\/api\/v1\/uploads\/documents\/[0-9a-f-]{36}$/),
      name: 'DED jalan gang Damai.pdf',
    });

    const seen = await read(await gateway.tokenOf('camat.14.03.09'), document.url);
    expect([seen.status, seen.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(seen.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('DED jalan gang Damai.pdf')}`);
    expect((await read(await gateway.tokenOf('camat.14.03.13'), document.url)).status).toBe(404);
    // A document is not a photo: each kind is read at its own address.
    expect((await read(bkm, document.url.replace('documents', 'photos'))).status).toBe(404);

    const script = await upload(bkm, Buffer.from('MZ\x90\x00 an executable'), 'application/pdf', 'rab.pdf', 'documents');
    expect(script.status).toBe(400);
    expect(((await script.json()) as { errors: unknown }).errors).toEqual([
      { field: 'file', reason: 'must be a PDF, JPEG or PNG file', code: 'UNSUPPORTED_FILE' },
    ]);
  });
});
