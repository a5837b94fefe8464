import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnswerOf, CheckPublicPhoto, ListPublicProgress, NotFoundError, PublicProgressReport, RequestOf } from '@alur/contracts';

/**
 * What the transparency page shows of a funded proposal's progress: its ACCEPTED reports only (a report
 * still pending or sent back has not been checked against the works, so it is not published), and
 * nothing of a withdrawn proposal, as the funds report leaves those out.
 */
@Injectable()
export class ListPublicProgressUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofProposal({ proposalId }: RequestOf<typeof ListPublicProgress>): Promise<AnswerOf<typeof ListPublicProgress>> {
    const [funded] = (await this.dataSource.query(`SELECT id FROM disbursement WHERE proposal_id = $1 AND status <> 'WITHDRAWN'`, [proposalId])) as Array<{
      id: string;
    }>;
    if (!funded) throw new NotFoundError(`Proposal ${proposalId} is not a funded proposal`);
    const rows = (await this.dataSource.query(
      `SELECT physical_progress_percent, note, reported_at, verified_at, final, photos
         FROM progress_report WHERE disbursement_id = $1 AND verification_status = 'ACCEPTED' ORDER BY seq DESC`,
      [funded.id],
    )) as Array<{ physical_progress_percent: number; note: string; reported_at: Date; verified_at: Date | null; final: boolean; photos: PublicProgressReport['photos'] }>;
    return {
      items: rows.map((row) => ({
        physicalProgressPercent: row.physical_progress_percent,
        note: row.note,
        reportedAt: row.reported_at.toISOString(),
        verifiedAt: row.verified_at?.toISOString() ?? null,
        final: row.final,
        photos: row.photos,
      })),
    };
  }

  /** Whether an uploaded photo belongs to an accepted report of a proposal still funded: only such a photo is public. */
  async isPublicPhoto({ photoId }: RequestOf<typeof CheckPublicPhoto>): Promise<AnswerOf<typeof CheckPublicPhoto>> {
    const [row] = (await this.dataSource.query(
      `SELECT 1 FROM progress_report r JOIN disbursement d ON d.id = r.disbursement_id
        WHERE r.verification_status = 'ACCEPTED' AND d.status <> 'WITHDRAWN' AND r.photos @> $1::jsonb LIMIT 1`,
      [JSON.stringify([{ url: `/api/v1/uploads/photos/${photoId}` }])],
    )) as unknown[];
    return { public: row !== undefined };
  }
}
