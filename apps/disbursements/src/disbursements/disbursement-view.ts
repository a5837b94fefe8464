import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DisbursementView, OfficialRef, SpmView, TrancheView } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { officialRef } from '../common/official-ref';
import { ProgressReportRepository } from '../progress/progress-report.repository';
import { ProposalSubmissionRepository } from '../proposal-submissions/proposal-submission.repository';
import { Tranche } from '../tranches/domain/tranche';
import { TrancheRepository } from '../tranches/tranche.repository';
import { Disbursement } from './domain/disbursement';
import { DisbursementRepository } from './disbursement.repository';

export type { DisbursementView, OfficialRef, SpmView, TrancheView };

export function toTrancheView(tranche: Tranche): TrancheView {
  return {
    number: tranche.number,
    shareBp: tranche.shareBp,
    unlockProgressPercent: tranche.unlockProgressPercent,
    amount: tranche.amount,
    status: tranche.status,
    readyAt: tranche.readyAt?.toISOString() ?? null,
    sp2dNumber: tranche.sp2dNumber,
    releasedAt: tranche.releasedAt?.toISOString() ?? null,
    spm:
      tranche.spmSp2dNumber && tranche.spmBankAccount && tranche.preparedBy && tranche.preparedAt
        ? {
            sp2dNumber: tranche.spmSp2dNumber,
            bankAccount: tranche.spmBankAccount,
            accountChangeNote: tranche.spmAccountChangeNote,
            preparedBy: officialRef(tranche.preparedBy),
            preparedAt: tranche.preparedAt.toISOString(),
          }
        : null,
    returnedSpm: tranche.returnedSpm && {
      ...tranche.returnedSpm,
      accountChangeNote: tranche.returnedSpm.accountChangeNote ?? null,
      preparedBy: officialRef(tranche.returnedSpm.preparedBy),
      returnedBy: officialRef(tranche.returnedSpm.returnedBy),
    },
    authorisedBy: tranche.status === 'RELEASED' && tranche.releasedBy ? officialRef(tranche.releasedBy) : null,
    authorisedAt: tranche.status === 'RELEASED' ? (tranche.recordedAt?.toISOString() ?? null) : null,
  };
}

/** Disbursements as callers see them: with their tranches, accepted progress and regions' names. */
@Injectable()
export class DisbursementViews {
  constructor(
    private readonly disbursements: DisbursementRepository,
    private readonly tranches: TrancheRepository,
    private readonly reports: ProgressReportRepository,
    private readonly submissions: ProposalSubmissionRepository,
    private readonly regions: RegionDirectory,
  ) {}

  /** The views of the given disbursements, keeping their order. */
  async of(db: EntityManager, disbursements: Disbursement[]): Promise<DisbursementView[]> {
    if (disbursements.length === 0) return [];
    const ids = disbursements.map((d) => d.id);
    const tranches = await this.tranches.ofDisbursements(db, ids);
    const progressOf = await this.reports.highestAcceptedOf(db, ids);
    const payeeAccounts = await this.submissions.payeeAccountsOf(
      db,
      disbursements.map((d) => d.proposalId),
    );
    return disbursements.map((d) => ({
      id: d.id,
      proposalId: d.proposalId,
      title: d.title,
      programCode: d.programCode,
      programVersion: d.programVersion,
      fiscalYear: d.fiscalYear,
      villageCode: d.villageCode,
      villageName: this.regions.get(d.villageCode)?.name ?? null,
      districtCode: d.districtCode,
      districtName: this.regions.get(d.districtCode)?.name ?? null,
      regencyCode: d.regencyCode,
      ceilingRegionCode: d.ceilingRegionCode,
      amount: d.amount,
      released: d.released,
      status: d.status,
      approvedAt: d.approvedAt.toISOString(),
      committedAt: d.committedAt?.toISOString() ?? null,
      completedAt: d.completedAt?.toISOString() ?? null,
      progressPercent: progressOf.get(d.id) ?? null,
      payeeAccount: payeeAccounts.get(d.proposalId) ?? null,
      tranches: tranches.filter((t) => t.disbursementId === d.id).map(toTrancheView),
    }));
  }

  async byId(db: EntityManager, id: string): Promise<DisbursementView> {
    const disbursement = await this.disbursements.find(db, id);
    const [view] = await this.of(db, disbursement ? [disbursement] : []);
    return view;
  }
}
