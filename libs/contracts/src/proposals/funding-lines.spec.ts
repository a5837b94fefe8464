import { fundingLineText } from './funding-lines';

describe('the funding lines of a proposal’s timeline', () => {
  const released = {
    trancheNumber: 1,
    trancheCount: 3,
    amount: 133_333_333,
    sp2dNumber: '0042/SP2D/LS/2026',
    releasedAt: '2026-03-02T02:00:00.000Z',
  };

  it('write rupiah the Indonesian way, in both languages', () => {
    expect(fundingLineText('disbursement.tranche-released', released, 'id')).toBe(
      'Termin 1 dari 3 sebesar Rp 133.333.333 dicairkan dengan SP2D 0042/SP2D/LS/2026.',
    );
    expect(fundingLineText('disbursement.tranche-released', released, 'en')).toBe(
      'Tranche 1 of 3, Rp 133.333.333, released under SP2D 0042/SP2D/LS/2026.',
    );
    const completed = { totalReleased: 1_000_000_000, completedAt: '2026-09-01T00:00:00.000Z' };
    expect(fundingLineText('disbursement.completed', completed, 'id')).toBe(
      'Selesai: seluruh dana Rp 1.000.000.000 telah dicairkan dan LPJ diterima.',
    );
    expect(fundingLineText('disbursement.completed', completed, 'en')).toBe(
      'Completed: all Rp 1.000.000.000 released and the final report (LPJ) accepted.',
    );
  });

  it('name a ceiling by the name its region is given', () => {
    const waiting = { requestedAmount: 95_000_000, available: 50_000_000, ceilingRegionCode: '14.03.09', ceilingName: 'Kec. Mandau' };
    expect(fundingLineText('disbursement.awaiting-budget', waiting, 'id')).toBe(
      'Menunggu pagu: diminta Rp 95.000.000, sisa pagu Kec. Mandau Rp 50.000.000.',
    );
    expect(fundingLineText('disbursement.awaiting-budget', waiting, 'en')).toBe(
      'Waiting for a ceiling: Rp 95.000.000 requested, Rp 50.000.000 left in the Kec. Mandau ceiling.',
    );
    const committed = { amount: 39_925_000, ceilingRegionCode: '14.03.09', ceilingName: 'Kec. Mandau', fiscalYear: 2026, trancheCount: 3 };
    expect(fundingLineText('disbursement.budget-committed', committed, 'en')).toBe(
      'Rp 39.925.000 allocated from the Kec. Mandau ceiling for 2026, to be released in 3 tranches.',
    );
    expect(fundingLineText('disbursement.budget-committed', { ...committed, trancheCount: 1 }, 'en')).toBe(
      'Rp 39.925.000 allocated from the Kec. Mandau ceiling for 2026, to be released in 1 tranche.',
    );
  });

  it('say what a progress report was and what its verifier decided, with the verifier’s note', () => {
    expect(
      fundingLineText('disbursement.progress-reported', { physicalProgressPercent: 100, amountSpent: 40_000_000, final: true }, 'en'),
    ).toBe('Physical progress reported at 100%, Rp 40.000.000 spent (final report / LPJ).');
    const sentBack = { physicalProgressPercent: 45, decision: 'SENT_BACK', verifierNote: 'Foto lokasi buram' };
    expect(fundingLineText('disbursement.progress-sent-back', sentBack, 'id')).toBe(
      'Laporan kemajuan fisik 45% dikembalikan verifikator: Foto lokasi buram',
    );
    expect(fundingLineText('disbursement.progress-sent-back', sentBack, 'en')).toBe(
      'The report of 45% physical progress was sent back by the verifier: Foto lokasi buram',
    );
  });

  it('have no sentence for an entry recorded without a fact it needs, nor for other kinds', () => {
    // Recorded before the ceiling's name was kept among its facts: the console shows the entry's note instead.
    const committedEarlier = { amount: 39_925_000, ceilingRegionCode: '14.03.09', fiscalYear: 2026, trancheCount: 3 };
    expect(fundingLineText('disbursement.budget-committed', committedEarlier, 'en')).toBeUndefined();
    expect(
      fundingLineText('disbursement.progress-sent-back', { physicalProgressPercent: 45, decision: 'SENT_BACK' }, 'en'),
    ).toBeUndefined();
    expect(fundingLineText('proposal.submitted', {}, 'en')).toBeUndefined();
    expect(fundingLineText('constructor', {}, 'en')).toBeUndefined();
    expect(fundingLineText('disbursement.tranche-ready', null, 'en')).toBeUndefined();
  });
});
