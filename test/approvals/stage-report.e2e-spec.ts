import { createTestIsolation } from '@alur/testing';
import { StageReportUseCase } from '../../apps/approvals/src/reporting/use-cases/stage-report.use-case';
import { ApprovalsWorld, BALIK_ALAM, BENGKALIS, MANDAU, useApprovalsWorld } from './approvals-harness';

/** The figures of the regency dashboard ("how long do our officials take?"), from stages decided through the gateway. */
describe('the approval chain in figures, for the regency dashboard', () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;

  useApprovalsWorld(isolation, (started) => (world = started));

  const reportForSekda = () =>
    world.approvals.get(StageReportUseCase).execute({ userId: 'sekda-user', username: 'sekda', role: 'SEKDA', regionCode: BENGKALIS });

  it('tells how long the Lurah took to decide in minutes, hours or days, not a median of 0 days for decisions within the day', async () => {
    const lurah = await world.gateway.tokenOf(`lurah.${BALIK_ALAM}`);
    // Three proposals waited 10 minutes, 2½ hours and 2 days at the Lurah; the fourth still waits there.
    for (const waitedMinutes of [10, 150, 2 * 24 * 60]) {
      const proposal = await world.submit();
      const stage = await world.openStage(proposal.proposalId, 1);
      await world.db.query(`UPDATE approval_stage SET opened_at = now() - make_interval(mins => $2) WHERE id = $1`, [
        stage.id,
        waitedMinutes,
      ]);
      const decided = await world.gateway.call('POST', `/api/v1/approvals/${stage.id}/decision`, {
        token: lurah,
        body: { decision: 'APPROVE' },
      });
      expect(decided.status).toBe(200);
      await world.openStage(proposal.proposalId, 2);
    }
    await world.openStage((await world.submit()).proposalId, 1);

    const report = await reportForSekda();
    const stage = (role: string) => report.perStage.find((s) => s.role === role);
    expect(stage('LURAH')).toEqual({ role: 'LURAH', open: 1, overdue: 0, decided: 3, medianMinutes: 150 });
    expect(stage('CAMAT')).toEqual({ role: 'CAMAT', open: 3, overdue: 0, decided: 0, medianMinutes: null });
    expect(report.perStage.map((s) => s.role)).toEqual(['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI']);
    expect(report.overdueByDistrict).toEqual([]);

    // A stage past its due date is overdue, and counted in its kecamatan.
    await world.db.query(
      `UPDATE approval_stage SET due_at = now() - interval '1 hour' WHERE id = (SELECT id FROM approval_stage WHERE role = 'CAMAT' AND status = 'OPEN' LIMIT 1)`,
    );
    const later = await reportForSekda();
    expect(later.perStage.find((s) => s.role === 'CAMAT')).toMatchObject({ open: 3, overdue: 1 });
    expect(later.overdueByDistrict).toEqual([{ districtCode: MANDAU, overdue: 1 }]);
  });
});
