import { ApprovalStageRef } from '@alur/contracts';
import {
  planActingAppointmentMade,
  planAwaitingBudget,
  planBudgetCommitted,
  planProposalApproved,
  planProposalCompleted,
  planProposalRejected,
  planProposalReturned,
  planProposalSubmitted,
  planProposalWithdrawn,
  planProgressReported,
  planProgressVerified,
  planReminderDue,
  planStageDecided,
  planStageEscalated,
  planStageOpened,
  planSpmPrepared,
  planSpmReturned,
  planTrancheReady,
  planTrancheReleased,
} from './notification-plans';
import { PlannedNotification } from './planned-notification';

const village = '14.03.09.1004';
const proposalId = '6f1c2a34-0000-4000-8000-000000000001';
const at = '2026-03-12T07:30:00Z';
const regencyOf = (code: string) => code.split('.').slice(0, 2).join('.');
const districtOf = (code: string) => code.split('.').slice(0, 3).join('.');
const stage = (over: Partial<ApprovalStageRef> = {}): ApprovalStageRef => ({
  stageId: '6f1c2a34-0000-4000-8000-0000000000aa',
  proposalId,
  submissionNumber: 1,
  stageOrder: 2,
  stageCount: 5,
  role: 'CAMAT',
  regionLevel: 'district',
  regionCode: '14.03.09',
  villageCode: village,
  programCode: 'BK-DESA-2026',
  title: 'Drainase RT 03',
  ...over,
});
const who = (plans: PlannedNotification[]) => plans.map((p) => [p.kind, p.audiences.map((a) => `${a.role}@${a.regionCode}`)]);

describe('who hears of each event', () => {
  it('tells the BKM of the village that its proposal was submitted', () => {
    const plans = planProposalSubmitted({
      proposalId,
      programCode: 'BK-DESA-2026',
      programVersion: 1,
      villageCode: village,
      districtCode: '14.03.09',
      regencyCode: '14.03',
      title: 'Drainase',
      category: 'INFRASTRUCTURE',
      budgetTotal: 100,
      selfHelpAmount: 0,
      requestedAmount: 100,
      bkmUserId: 'u1',
      submissionNumber: 2,
      approvalChain: [{ role: 'LURAH', regionLevel: 'village', serviceLevelWorkingDays: 3 }],
      reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
    });
    expect(who(plans)).toEqual([['PROPOSAL_SUBMITTED', [`BKM@${village}`]]]);
    expect(plans[0].facts).toMatchObject({ requestedAmount: 100, resubmitted: true });
  });

  it('tells the BKM and the officials of the open stage that a proposal was withdrawn', () => {
    const payload = {
      proposalId,
      programCode: 'P',
      programVersion: 1,
      villageCode: village,
      districtCode: '14.03.09',
      regencyCode: '14.03',
      fromStatus: 'IN_REVIEW',
      submissionNumber: 1,
      reason: null,
    };
    expect(who(planProposalWithdrawn(payload, { role: 'CAMAT', regionCode: '14.03.09' }))).toEqual([
      ['PROPOSAL_WITHDRAWN', [`BKM@${village}`, 'CAMAT@14.03.09']],
    ]);
    expect(who(planProposalWithdrawn(payload, null))).toEqual([['PROPOSAL_WITHDRAWN', [`BKM@${village}`]]]);
  });

  it('gives a newly opened stage to the officials of its role over its region', () => {
    expect(who(planStageOpened({ ...stage(), openedAt: at, dueAt: at }))).toEqual([['STAGE_OPENED', ['CAMAT@14.03.09']]]);
    expect(
      who(planStageOpened({ ...stage({ role: 'BUPATI', regionLevel: 'regency', regionCode: '14.03' }), openedAt: at, dueAt: at })),
    ).toEqual([['STAGE_OPENED', ['BUPATI@14.03']]]);
  });

  it('tells the BKM of every approved stage but the last, and nothing of returns and rejections here', () => {
    const decided = {
      decidedBy: { userId: 'c', username: 'camat.14.03.09', role: 'CAMAT', regionCode: '14.03.09' },
      decidedAt: at,
      overdue: false,
      note: null,
    };
    expect(who(planStageDecided({ ...stage(), ...decided, decision: 'APPROVE' }))).toEqual([['STAGE_APPROVED', [`BKM@${village}`]]]);
    expect(planStageDecided({ ...stage({ stageOrder: 5, role: 'BUPATI', regionCode: '14.03' }), ...decided, decision: 'APPROVE' })).toEqual(
      [],
    );
    expect(planStageDecided({ ...stage(), ...decided, decision: 'RETURN', note: 'x' })).toEqual([]);
    expect(planStageDecided({ ...stage(), ...decided, decision: 'REJECT', note: 'x' })).toEqual([]);
  });

  it('tells the BKM of a return with the note, a rejection with the reason, and the final approval', () => {
    const returned = planProposalReturned({ ...stage(), note: 'Lengkapi RAB', returnedAt: at });
    expect(who(returned)).toEqual([['PROPOSAL_RETURNED', [`BKM@${village}`]]]);
    expect(returned[0].facts.note).toBe('Lengkapi RAB');
    const rejected = planProposalRejected({ ...stage(), reason: 'Tidak layak', rejectedAt: at });
    expect(who(rejected)).toEqual([['PROPOSAL_REJECTED', [`BKM@${village}`]]]);
    expect(rejected[0].facts.reason).toBe('Tidak layak');
    const approved = planProposalApproved({
      proposalId,
      submissionNumber: 1,
      programCode: 'P',
      programVersion: 1,
      villageCode: village,
      districtCode: '14.03.09',
      regencyCode: '14.03',
      title: 'Drainase',
      requestedAmount: 5,
      approvedAt: at,
    });
    expect(who(approved)).toEqual([['PROPOSAL_APPROVED', [`BKM@${village}`]]]);
  });

  it('reminds the officials who must decide', () => {
    const plans = planReminderDue({ ...stage(), kind: 'OVERDUE', dueAt: at, remindedAt: at });
    expect(who(plans)).toEqual([['APPROVAL_REMINDER', ['CAMAT@14.03.09']]]);
    expect(plans[0].facts.overdue).toBe(true);
  });

  it('escalates an overdue stage to the official above and tells the BKM it is delayed', () => {
    const escalated = {
      ...stage({ role: 'LURAH', regionLevel: 'village', regionCode: village, stageOrder: 1 }),
      dueAt: at,
      escalatedAt: at,
    };
    expect(who(planStageEscalated({ ...escalated, escalatedTo: { role: 'CAMAT', regionCode: '14.03.09' } }))).toEqual([
      ['STAGE_ESCALATED', ['CAMAT@14.03.09']],
      ['PROPOSAL_DELAYED', [`BKM@${village}`]],
    ]);
    expect(who(planStageEscalated({ ...escalated, escalatedTo: null }))).toEqual([['PROPOSAL_DELAYED', [`BKM@${village}`]]]);
  });

  it('tells the BKM about money, and BPKAD of the regency when a proposal waits for budget or a tranche is ready', () => {
    const disbursementId = '6f1c2a34-0000-4000-8000-0000000000dd';
    expect(
      who(
        planBudgetCommitted({
          proposalId,
          disbursementId,
          programCode: 'P',
          fiscalYear: 2026,
          ceilingRegionCode: village,
          villageCode: village,
          amount: 10,
          committedAt: at,
          tranches: [
            { number: 1, amount: 5, shareBp: 5000, unlockProgressPercent: 0 },
            { number: 2, amount: 5, shareBp: 5000, unlockProgressPercent: 50 },
          ],
        }),
      ),
    ).toEqual([['BUDGET_COMMITTED', [`BKM@${village}`]]]);
    expect(
      who(
        planAwaitingBudget(
          {
            proposalId,
            programCode: 'P',
            fiscalYear: 2026,
            ceilingRegionCode: village,
            villageCode: village,
            requestedAmount: 10,
            available: 3,
          },
          regencyOf,
        ),
      ),
    ).toEqual([['AWAITING_BUDGET', [`BKM@${village}`, 'BPKAD@14.03']]]);
    expect(
      who(planTrancheReady({ proposalId, disbursementId, villageCode: village, trancheNumber: 2, trancheCount: 2, amount: 5 }, regencyOf)),
    ).toEqual([['TRANCHE_READY', ['BPKAD@14.03']]]);
    const released = planTrancheReleased({
      proposalId,
      disbursementId,
      villageCode: village,
      trancheNumber: 1,
      trancheCount: 2,
      amount: 5,
      sp2dNumber: 'SP2D-1',
      releasedAt: at,
      releasedBy: { userId: 'b', username: 'bpkad', role: 'BPKAD', regionCode: '14.03' },
    });
    expect(who(released)).toEqual([['TRANCHE_RELEASED', [`BKM@${village}`]]]);
    expect(released[0].facts).toMatchObject({ amount: 5, sp2dNumber: 'SP2D-1' });
    expect(who(planProposalCompleted({ proposalId, disbursementId, villageCode: village, totalReleased: 10, completedAt: at }))).toEqual([
      ['PROPOSAL_COMPLETED', [`BKM@${village}`]],
    ]);
  });

  it('asks BPKAD of the regency to authorise a prepared SPM, all but whoever prepared it, warns of another account, and tells the preparer of a return', () => {
    const tranche = {
      proposalId,
      disbursementId: '6f1c2a34-0000-4000-8000-0000000000dd',
      villageCode: village,
      trancheNumber: 1,
      trancheCount: 2,
    };
    const bpkad = { userId: 'bpkad', username: 'bpkad', role: 'BPKAD', regionCode: '14.03' };
    const bankAccount = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
    const preparedBy = (actor: typeof bpkad & { actingFor?: typeof bpkad }) =>
      planSpmPrepared(
        {
          ...tranche,
          amount: 5,
          sp2dNumber: 'SP2D-1',
          bankAccount,
          preparedBy: actor,
          preparedAt: at,
        },
        regencyOf,
      );
    const prepared = preparedBy(bpkad);
    expect(who(prepared)).toEqual([['SPM_PREPARED', ['BPKAD@14.03']]]);
    expect(prepared[0].exceptUserIds).toEqual(['bpkad']);
    // The account number is not for SMS, WhatsApp and e-mail.
    expect(prepared[0].facts).toEqual({ trancheNumber: 1, trancheCount: 2, amount: 5, sp2dNumber: 'SP2D-1', preparedAt: at });
    // Into another account than the proposal's: the authorisers are warned and the BKM told, the number left out still.
    const elsewhere = planSpmPrepared(
      { ...tranche, amount: 5, sp2dNumber: 'SP2D-1', bankAccount, accountChangeNote: 'Surat BKM 12/XI', preparedBy: bpkad, preparedAt: at },
      regencyOf,
    );
    expect(who(elsewhere)).toEqual([
      ['SPM_PREPARED', ['BPKAD@14.03']],
      ['PAYEE_ACCOUNT_CHANGED', [`BKM@${village}`]],
    ]);
    expect(elsewhere[0].facts).toMatchObject({ accountChanged: true });
    expect(elsewhere[1].facts).toEqual({
      trancheNumber: 1,
      trancheCount: 2,
      amount: 5,
      sp2dNumber: 'SP2D-1',
      preparedAt: at,
      reason: 'Surat BKM 12/XI',
    });
    // A Plt who prepared it in an absent official's place: neither of the two may authorise it.
    expect(preparedBy({ ...bpkad, userId: 'plt', username: 'plt.bpkad', actingFor: bpkad })[0].exceptUserIds).toEqual(['plt', 'bpkad']);

    const returned = planSpmReturned({
      ...tranche,
      sp2dNumber: 'SP2D-1',
      reason: 'Nomor rekening tidak sesuai',
      preparedBy: bpkad,
      returnedBy: { userId: 'kuasa-bud', username: 'bpkad.kuasa-bud', role: 'BPKAD', regionCode: '14.03' },
      returnedAt: at,
    });
    expect(returned).toMatchObject([{ kind: 'SPM_RETURNED', audiences: [], userIds: ['bpkad'], proposalId }]);
    expect(returned[0].facts).toMatchObject({ trancheNumber: 1, sp2dNumber: 'SP2D-1', reason: 'Nomor rekening tidak sesuai' });
  });

  it('asks the verifiers of the village’s kecamatan to check a progress report in their queue, the regency’s only where it has none', () => {
    const plans = planProgressReported(
      {
        proposalId,
        disbursementId: '6f1c2a34-0000-4000-8000-0000000000dd',
        villageCode: village,
        reportId: '6f1c2a34-0000-4000-8000-0000000000ee',
        physicalProgressPercent: 45,
        amountSpent: 52_300_000,
        final: false,
        reportedAt: at,
      },
      districtOf,
      regencyOf,
    );
    expect(who(plans)).toEqual([['PROGRESS_REPORTED', ['VERIFIKATOR@14.03.09']]]);
    expect(plans[0].audiences[0].orElse).toEqual({ role: 'VERIFIKATOR', regionCode: '14.03' });
    // The link leads to the queue where reports are accepted or sent back; the message stays about the proposal.
    expect(plans[0]).toMatchObject({ proposalId, consolePath: '/verifikasi', villageCode: village });
    expect(plans[0].facts).toEqual({ physicalProgressPercent: 45, amountSpent: 52_300_000, final: false, reportedAt: at });
  });

  it('tells the BKM whether its progress report was accepted or sent back, with the verifier’s note', () => {
    const verified = (decision: 'ACCEPTED' | 'SENT_BACK', note: string | null) =>
      planProgressVerified({
        proposalId,
        disbursementId: '6f1c2a34-0000-4000-8000-0000000000dd',
        villageCode: village,
        reportId: '6f1c2a34-0000-4000-8000-0000000000ee',
        decision,
        note,
        physicalProgressPercent: 100,
        amountSpent: 230_000_000,
        final: true,
        verifiedBy: { userId: 'verifikator', username: 'verifikator.14.03.09', role: 'VERIFIKATOR', regionCode: '14.03.09' },
        verifiedAt: at,
      });
    expect(who(verified('ACCEPTED', null))).toEqual([['PROGRESS_ACCEPTED', ['BKM@14.03.09.1004']]]);
    const sentBack = verified('SENT_BACK', 'Foto saluran belum ada');
    expect(who(sentBack)).toEqual([['PROGRESS_SENT_BACK', ['BKM@14.03.09.1004']]]);
    expect(sentBack[0]).toMatchObject({ proposalId, title: null });
    expect(sentBack[0].consolePath).toBeUndefined();
    expect(sentBack[0].facts).toEqual({
      physicalProgressPercent: 100,
      amountSpent: 230_000_000,
      final: true,
      note: 'Foto saluran belum ada',
      verifiedAt: at,
    });
  });

  it('tells a newly appointed Plt by name, with the proposals already waiting for the post and how many more there are', () => {
    const appointment = {
      appointmentId: '6f1c2a34-0000-4000-8000-0000000000bb',
      acting: { userId: 'plt', username: 'sekcam.mandau' },
      actingFor: { userId: 'camat', username: 'camat.14.03.09' },
      role: 'CAMAT' as const,
      regionCode: '14.03.09',
      validFrom: at,
      validUntil: '2026-03-31T00:00:00Z',
    };
    const [told] = planActingAppointmentMade(appointment, 'Camat Mandau', {
      count: 3,
      items: [
        { title: 'Drainase RT 03', villageName: 'Balik Alam' },
        { title: 'Sumur bor', villageName: 'Air Kulim' },
      ],
    });
    expect(told).toMatchObject({ kind: 'ACTING_APPOINTMENT', audiences: [], userIds: ['plt'], consolePath: '/kotak-masuk' });
    expect(told.facts).toMatchObject({
      actingForName: 'Camat Mandau',
      awaitingCount: 3,
      awaitingList: '- Drainase RT 03 (Balik Alam)\n- Sumur bor (Air Kulim)',
      awaitingMore: 1,
    });
    // An appointment that starts later lists nothing: what waits today may be decided by then.
    expect(planActingAppointmentMade(appointment, 'Camat Mandau')[0].facts).toMatchObject({
      awaitingCount: 0,
      awaitingList: '',
      awaitingMore: 0,
    });
  });
});
