import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestIsolation, expectEventually, removeTestResources, TINY_PNG } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';
import {
  approval,
  EventPublisher,
  fundedDisbursements,
  programme,
  ProgrammePublishedV1,
  ProposalApprovedV1,
  ProposalSubmittedV1,
  releaseByTwo,
  RunningDisbursements,
  startDisbursements,
  submission,
} from './disbursements-harness';
import { jpegWithExif, wibExifTime } from './jpeg-with-exif';

const BALIK_ALAM = '14.03.09.1004';
const PROGRAMME = 'PHOTO-T';
const DAY = 24 * 3600_000;
/** Balik Alam is a kelurahan of Duri; Pekanbaru lies about 90 km to the south-east. */
const IN_DURI = { latitude: 1.2702, longitude: 101.2114 };
const IN_PEKANBARU = { latitude: 0.5071, longitude: 101.4478 };

interface ReportedPhoto {
  url: string;
  caption?: string;
  capture?: { capturedAt: string | null; latitude: number | null; longitude: number | null };
  check: { flags: string[]; distanceKm: number | null; daysBeforeReport: number | null };
}

describe('progress photos keep when and where they were taken, and the verifier sees what does not fit', () => {
  const isolation = createTestIsolation();
  let disbursements: RunningDisbursements;
  let gateway: RunningGateway;
  let events: EventPublisher;
  const tokens: Record<string, string> = {};
  const proposalId = randomUUID();

  const upload = async (file: Buffer, type: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type }), name);
    const response = await fetch(`${gateway.url}/api/v1/uploads/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.bkm}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { url: string; capture?: ReportedPhoto['capture'] };
  };

  beforeAll(async () => {
    disbursements = await startDisbursements(isolation);
    gateway = await startGateway(isolation);
    events = await EventPublisher.open(isolation);
    for (const [name, username] of Object.entries({
      bkm: `bkm.${BALIK_ALAM}`,
      bpkad: 'bpkad',
      kuasaBud: 'bpkad.kuasa-bud',
      verifier: 'verifikator.14.03.09',
    })) {
      tokens[name] = await gateway.tokenOf(username);
    }
    await events.publish(
      ProgrammePublishedV1,
      PROGRAMME,
      programme(PROGRAMME, {
        tranchePlan: [
          { shareBp: 5000, unlockProgressPercent: 0 },
          { shareBp: 5000, unlockProgressPercent: 50 },
        ],
        ceiling: { regionLevel: 'district', amount: 2_000_000_000 },
        progressPhotosRequired: true,
      }),
    );
    await events.publish(
      ProposalSubmittedV1,
      proposalId,
      submission(PROGRAMME, BALIK_ALAM, { requestedAmount: 1_000_000, selfHelpAmount: 100_000 }, proposalId),
    );
    await events.publish(ProposalApprovedV1, proposalId, approval(PROGRAMME, BALIK_ALAM, 1_000_000, new Date(), { proposalId }));
    const { [proposalId]: disbursementId } = await fundedDisbursements(gateway, tokens.bpkad, [proposalId]);
    await expectEventually(async () => {
      const [swadaya] = await disbursements.db.query('SELECT self_help_amount FROM proposal_submission WHERE proposal_id = $1', [
        proposalId,
      ]);
      expect(swadaya?.self_help_amount).toBe('100000');
    });
    const released = await releaseByTwo(gateway, { preparer: tokens.bpkad, authoriser: tokens.kuasaBud }, disbursementId, 1, {
      sp2dNumber: 'SP2D-FOTO-0001',
      releasedAt: new Date().toISOString(),
    });
    expect(released.status).toBe(200);
  });

  afterAll(async () => {
    await events?.close();
    await gateway?.close();
    await disbursements?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('reads the EXIF of an uploaded photo, and flags photos taken far away or long ago to the verifier without refusing the report', async () => {
    const twoDaysAgo = new Date(Math.floor((Date.now() - 2 * DAY) / 1000) * 1000);
    // The phone writes WIB wall-clock time; the gateway keeps the instant.
    const onSite = await upload(jpegWithExif({ dateTimeOriginal: wibExifTime(twoDaysAgo), ...IN_DURI }), 'image/jpeg', 'cor-rt03.jpg');
    expect(onSite.capture).toEqual({
      capturedAt: twoDaysAgo.toISOString(),
      latitude: expect.closeTo(IN_DURI.latitude, 4),
      longitude: expect.closeTo(IN_DURI.longitude, 4),
    });
    const elsewhere = await upload(jpegWithExif({ dateTimeOriginal: wibExifTime(twoDaysAgo), ...IN_PEKANBARU }), 'image/jpeg', 'jalan.jpg');
    const old = await upload(
      jpegWithExif({ dateTimeOriginal: wibExifTime(new Date(Date.now() - 200 * DAY)), ...IN_DURI }),
      'image/jpeg',
      'lama.jpg',
    );
    const stripped = await upload(TINY_PNG, 'image/png', 'tangkapan-layar.png');
    expect(stripped.capture).toEqual({ capturedAt: null, latitude: null, longitude: null });
    const kept = (await gateway.app
      .get(DataSource)
      .query('SELECT captured_at, latitude, longitude FROM uploaded_file WHERE id = $1', [onSite.url.split('/').pop()])) as Array<{
      captured_at: Date;
      latitude: number;
      longitude: number;
    }>;
    expect(kept[0].captured_at.toISOString()).toBe(twoDaysAgo.toISOString());

    // What the request says of a photo's capture is not taken: only what the gateway read at upload.
    const forged = await gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token: tokens.bkm,
      body: {
        physicalProgressPercent: 40,
        amountSpent: 300_000,
        note: 'x',
        photos: [{ url: elsewhere.url, capture: { ...IN_DURI, capturedAt: null } }],
      },
    });
    expect(forged.status).toBe(400);

    const response = await gateway.call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, {
      token: tokens.bkm,
      body: {
        physicalProgressPercent: 40,
        amountSpent: 300_000,
        note: 'Pengecoran 40%',
        photos: [{ url: onSite.url, caption: 'Pengecoran RT 03' }, { url: elsewhere.url }, { url: old.url }, { url: stripped.url }],
      },
    });
    expect(response.status).toBe(201);
    const reported = (await response.json()).report as { id: string; photos: ReportedPhoto[]; photoWarnings: string[] };
    expect(reported.photos.map((p) => p.check.flags)).toEqual([
      [],
      ['FAR_FROM_VILLAGE'],
      ['TAKEN_LONG_BEFORE'],
      ['NO_LOCATION', 'NO_CAPTURE_TIME'],
    ]);

    // The verifier's queue carries each photo's capture and flags, beside the village's own location.
    const queue = await gateway.call('GET', '/api/v1/progress-reports?verificationStatus=PENDING', { token: tokens.verifier });
    expect(queue.status).toBe(200);
    const item = (
      (await queue.json()).items as Array<{ id: string; photos: ReportedPhoto[]; photoWarnings: string[]; villageLocation: unknown }>
    ).find((i) => i.id === reported.id)!;
    expect(item.photoWarnings).toEqual(['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE']);
    expect(item.villageLocation).toEqual({ place: 'Duri', latitude: 1.2667, longitude: 101.2, basis: 'KECAMATAN_SEAT' });
    const [first, far, early, none] = item.photos;
    expect(first).toMatchObject({
      url: onSite.url,
      caption: 'Pengecoran RT 03',
      capture: { capturedAt: twoDaysAgo.toISOString() },
      check: { flags: [], daysBeforeReport: 2 },
    });
    expect(first.check.distanceKm).toBeLessThan(3);
    expect(far.check.distanceKm).toBeGreaterThan(85);
    expect(far.check.distanceKm).toBeLessThan(95);
    expect(early.check).toMatchObject({ flags: ['TAKEN_LONG_BEFORE'], daysBeforeReport: 200 });
    expect(none).toMatchObject({
      capture: { capturedAt: null, latitude: null, longitude: null },
      check: { distanceKm: null, daysBeforeReport: null },
    });

    // Flags inform; the verifier still decides.
    const sentBack = await gateway.call('POST', `/api/v1/progress-reports/${reported.id}/verification`, {
      token: tokens.verifier,
      body: { decision: 'SENT_BACK', note: 'Foto kedua diambil di Pekanbaru, foto ketiga sudah lama: kirim foto lokasi terbaru' },
    });
    expect(sentBack.status).toBe(200);
    expect((await sentBack.json()).report).toMatchObject({
      verificationStatus: 'SENT_BACK',
      photoWarnings: ['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE'],
    });
  });
});
