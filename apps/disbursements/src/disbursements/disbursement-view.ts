import { EntityManager } from 'typeorm';
import type { Actor, DisbursementView, OfficialRef, SpmView, TrancheView } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { DisbursementRow, TrancheRow } from './disbursement-row';

export type { DisbursementView, OfficialRef, SpmView, TrancheView };

export function toTrancheView(row: TrancheRow): TrancheView {
  return {
    number: row.number,
    shareBp: row.share_bp,
    unlockProgressPercent: row.unlock_progress_percent,
    amount: rupiahOf(row.amount),
    status: row.status,
    readyAt: row.ready_at?.toISOString() ?? null,
    sp2dNumber: row.sp2d_number,
    releasedAt: row.released_at?.toISOString() ?? null,
    spm:
      row.spm_sp2d_number && row.spm_bank_account && row.prepared_by && row.prepared_at
        ? { sp2dNumber: row.spm_sp2d_number, bankAccount: row.spm_bank_account, preparedBy: officialRef(row.prepared_by), preparedAt: row.prepared_at.toISOString() }
        : null,
    authorisedBy: row.status === 'RELEASED' && row.released_by ? officialRef(row.released_by) : null,
    authorisedAt: row.status === 'RELEASED' ? (row.recorded_at?.toISOString() ?? null) : null,
  };
}

function officialRef(actor: Actor): OfficialRef {
  return { userId: actor.userId, username: actor.username };
}

/** Loads the views of the given disbursement rows, with their tranches and progress, keeping the rows' order. */
export async function disbursementViews(tx: EntityManager, rows: DisbursementRow[]): Promise<DisbursementView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tranches = (await tx.query('SELECT * FROM tranche WHERE disbursement_id = ANY($1) ORDER BY disbursement_id, number', [ids])) as TrancheRow[];
  const progress = (await tx.query(
    `SELECT disbursement_id, max(physical_progress_percent) AS percent FROM progress_report WHERE disbursement_id = ANY($1) AND verification_status = 'ACCEPTED' GROUP BY disbursement_id`,
    [ids],
  )) as Array<{ disbursement_id: string; percent: number }>;
  const progressOf = new Map(progress.map((p) => [p.disbursement_id, p.percent]));
  return rows.map((row) => ({
    id: row.id,
    proposalId: row.proposal_id,
    title: row.title,
    programCode: row.program_code,
    programVersion: row.program_version,
    fiscalYear: row.fiscal_year,
    villageCode: row.village_code,
    districtCode: row.district_code,
    regencyCode: row.regency_code,
    ceilingRegionCode: row.ceiling_region_code,
    amount: rupiahOf(row.amount),
    released: rupiahOf(row.released),
    status: row.status,
    approvedAt: row.approved_at.toISOString(),
    committedAt: row.committed_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    progressPercent: progressOf.get(row.id) ?? null,
    tranches: tranches.filter((t) => t.disbursement_id === row.id).map(toTrancheView),
  }));
}

export async function disbursementView(tx: EntityManager, id: string): Promise<DisbursementView> {
  const rows = (await tx.query('SELECT * FROM disbursement WHERE id = $1', [id])) as DisbursementRow[];
  const [view] = await disbursementViews(tx, rows);
  return view;
}
