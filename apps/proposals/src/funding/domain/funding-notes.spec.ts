import { fundingNotes } from './funding-notes';

describe('funding notes on the timeline', () => {
  it('write rupiah the Indonesian way', () => {
    expect(
      fundingNotes.trancheReleased({
        proposalId: '00000000-0000-4000-8000-000000000001',
        disbursementId: '00000000-0000-4000-8000-000000000002',
        villageCode: '14.03.09.1004',
        trancheNumber: 1,
        trancheCount: 3,
        amount: 133_333_333,
        sp2dNumber: '0042/SP2D/LS/2026',
        releasedAt: '2026-03-02T02:00:00.000Z',
        releasedBy: { userId: 'u1', username: 'bpkad', role: 'BPKAD', regionCode: '14.03' },
      }),
    ).toBe('Termin 1 dari 3 sebesar Rp 133.333.333 dicairkan dengan SP2D 0042/SP2D/LS/2026.');
    expect(
      fundingNotes.completed({
        proposalId: '00000000-0000-4000-8000-000000000001',
        disbursementId: '00000000-0000-4000-8000-000000000002',
        villageCode: '14.03.09.1004',
        totalReleased: 1_000_000_000,
        completedAt: '2026-09-01T00:00:00.000Z',
      }),
    ).toBe('Selesai: seluruh dana Rp 1.000.000.000 telah dicairkan dan LPJ diterima.');
  });

  it('name a ceiling by the name its region is given', () => {
    expect(
      fundingNotes.awaitingBudget(
        {
          proposalId: '00000000-0000-4000-8000-000000000001',
          programCode: 'KOTAKU-2026',
          fiscalYear: 2026,
          villageCode: '14.03.09.1004',
          ceilingRegionCode: '14.03.09',
          requestedAmount: 95_000_000,
          available: 50_000_000,
        },
        'Kec. Mandau',
      ),
    ).toBe('Menunggu pagu: diminta Rp 95.000.000, sisa pagu Kec. Mandau Rp 50.000.000.');
  });
});
