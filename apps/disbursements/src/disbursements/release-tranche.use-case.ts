import { createHash } from 'node:crypto';
import { ConflictException, HttpException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { AuditTrail } from '@alur/audit';
import { Actor, formatRupiah, TrancheReleasedV1 } from '@alur/contracts';
import { OutboxService, parseRequest, requireRole, validationFailed } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { isUniqueViolation } from '../common/pg-error';
import { rupiahOf } from '@alur/database';
import { FiscalCalendar } from '../fiscal-calendar/fiscal-calendar.service';
import { TrancheProgression } from '../tranches/tranche-progression.service';
import { DisbursementRow, DisbursementStatus, TrancheRow } from './disbursement-row';

export const ReleaseTrancheRequestSchema = z.object({
  disbursementId: z.uuid(),
  trancheNumber: z.number().int().positive(),
  sp2dNumber: z.string().trim().min(1).max(100),
  releasedAt: z.iso.datetime({ offset: true }),
  idempotencyKey: z.string().min(1).max(255),
});
export type ReleaseTrancheRequest = z.infer<typeof ReleaseTrancheRequestSchema>;

/** What a release answers, the first time and every time the same request comes again. */
export interface TrancheReleaseResult {
  disbursementId: string;
  proposalId: string;
  trancheNumber: number;
  trancheCount: number;
  amount: number;
  sp2dNumber: string;
  releasedAt: string;
  status: 'RELEASED';
  disbursementStatus: DisbursementStatus;
  message: string;
}

const OPERATION = 'tranche.release';
/** SP2D dates come from the treasury's own clock; a few minutes ahead of ours is not "the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * BPKAD releases a READY tranche, recording its SP2D number, exactly once. The disbursement and
 * tranche rows are locked (SELECT … FOR UPDATE), so concurrent requests for one tranche run one after
 * another; the idempotency key and the answer are stored in the same transaction as the release, so a
 * repeated request (same key, same content) gets the stored answer and releases nothing more.
 */
@Injectable()
export class ReleaseTrancheUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly progression: TrancheProgression,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, data: unknown): Promise<TrancheReleaseResult> {
    requireRole(actor, 'BPKAD');
    const request = parseRequest(ReleaseTrancheRequestSchema, data);
    const releasedAt = new Date(request.releasedAt);
    if (releasedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw validationFailed([{ field: 'releasedAt', reason: 'must not be in the future' }]);
    }
    const requestHash = hashOf({
      operation: OPERATION,
      disbursementId: request.disbursementId,
      trancheNumber: request.trancheNumber,
      sp2dNumber: request.sp2dNumber,
      releasedAt: releasedAt.toISOString(),
    });
    try {
      return await this.dataSource.transaction((tx) => this.release(tx, actor, request, releasedAt, requestHash));
    } catch (error) {
      if (isUniqueViolation(error, 'tranche_sp2d_number')) throw sp2dTaken(request.sp2dNumber);
      // The same key raced in for another tranche: the first one's answer decides.
      if (isUniqueViolation(error, 'idempotency_key_pkey')) {
        const replay = await this.replay(this.dataSource.manager, request.idempotencyKey, requestHash);
        if (replay) return replay;
      }
      throw error;
    }
  }

  private async release(
    tx: EntityManager,
    actor: Actor,
    request: ReleaseTrancheRequest,
    releasedAt: Date,
    requestHash: string,
  ): Promise<TrancheReleaseResult> {
    const [disbursement] = (await tx.query('SELECT * FROM disbursement WHERE id = $1 FOR UPDATE', [request.disbursementId])) as DisbursementRow[];
    if (!disbursement || !this.regions.covers(actor.regionCode, disbursement.village_code)) {
      throw new NotFoundException(`Disbursement ${request.disbursementId} not found`);
    }
    if (disbursement.status === 'WITHDRAWN') throw new ConflictException('This proposal was withdrawn: its commitment was released and nothing can be paid out');
    if (disbursement.status === 'AWAITING_BUDGET') {
      throw new ConflictException('This proposal is still waiting for budget: nothing can be released before it is committed');
    }
    const [tranche] = (await tx.query('SELECT * FROM tranche WHERE disbursement_id = $1 AND number = $2 FOR UPDATE', [
      disbursement.id,
      request.trancheNumber,
    ])) as TrancheRow[];
    if (!tranche) throw new NotFoundException(`Disbursement ${disbursement.id} has no tranche ${request.trancheNumber}`);

    // Checked under the tranche's lock: a concurrent twin has committed its key by now, or not started.
    const replay = await this.replay(tx, request.idempotencyKey, requestHash);
    if (replay) return replay;

    if (tranche.status === 'RELEASED') {
      throw new ConflictException({
        statusCode: 409,
        message: `Tranche ${tranche.number} was already released with SP2D ${tranche.sp2d_number}`,
        error: 'Conflict',
      });
    }
    if (tranche.status === 'LOCKED') {
      throw new ConflictException(
        `Tranche ${tranche.number} is not ready: the tranche before it must be released and progress of at least ${tranche.unlock_progress_percent}% reported`,
      );
    }
    // Releases stop at the fiscal year's closing: neither an SP2D dated after it nor one recorded after it counts.
    const closing = await this.calendar.closingOf(tx, disbursement.regency_code, disbursement.fiscal_year);
    if (releasedAt >= closing.releasesCloseAt || new Date() >= closing.releasesCloseAt) {
      throw new ConflictException(
        `Releases for fiscal year ${disbursement.fiscal_year} closed on ${this.calendar.describe(closing)}: tranche ${tranche.number} ` +
          `(${formatRupiah(rupiahOf(tranche.amount))}) was not released in time and carries over as SiLPA`,
      );
    }
    const [taken] = (await tx.query('SELECT disbursement_id, number FROM tranche WHERE regency_code = $1 AND sp2d_number = $2', [
      tranche.regency_code,
      request.sp2dNumber,
    ])) as unknown[];
    if (taken) throw sp2dTaken(request.sp2dNumber);

    const amount = rupiahOf(tranche.amount);
    await tx.query(
      `UPDATE tranche SET status = 'RELEASED', sp2d_number = $3, released_at = $4, released_by = $5, recorded_at = now()
        WHERE disbursement_id = $1 AND number = $2`,
      [disbursement.id, tranche.number, request.sp2dNumber, releasedAt, JSON.stringify(actor)],
    );
    await tx.query('UPDATE disbursement SET released = released + $2 WHERE id = $1', [disbursement.id, tranche.amount]);
    await tx.query(
      'UPDATE budget_ceiling SET released = released + $4, updated_at = now() WHERE program_code = $1 AND fiscal_year = $2 AND region_code = $3',
      [disbursement.program_code, disbursement.fiscal_year, disbursement.ceiling_region_code, tranche.amount],
    );
    const [{ count }] = (await tx.query('SELECT count(*)::int AS count FROM tranche WHERE disbursement_id = $1', [disbursement.id])) as Array<{
      count: number;
    }>;
    await this.outbox.record(tx, TrancheReleasedV1, {
      aggregateId: disbursement.proposal_id,
      actor,
      payload: {
        proposalId: disbursement.proposal_id,
        disbursementId: disbursement.id,
        villageCode: disbursement.village_code,
        trancheNumber: tranche.number,
        trancheCount: count,
        amount,
        sp2dNumber: request.sp2dNumber,
        releasedAt: releasedAt.toISOString(),
        releasedBy: actor,
      },
    });
    await this.audit.record(tx, {
      actor,
      action: 'tranche.released',
      entityType: 'tranche',
      entityId: `${disbursement.id}/${tranche.number}`,
      fromStatus: 'READY',
      toStatus: 'RELEASED',
      after: { amount, sp2dNumber: request.sp2dNumber, releasedAt: releasedAt.toISOString(), idempotencyKey: request.idempotencyKey },
    });
    await this.progression.advance(tx, disbursement, actor);
    const [{ status }] = (await tx.query('SELECT status FROM disbursement WHERE id = $1', [disbursement.id])) as Array<{ status: DisbursementStatus }>;

    const result: TrancheReleaseResult = {
      disbursementId: disbursement.id,
      proposalId: disbursement.proposal_id,
      trancheNumber: tranche.number,
      trancheCount: count,
      amount,
      sp2dNumber: request.sp2dNumber,
      releasedAt: releasedAt.toISOString(),
      status: 'RELEASED',
      disbursementStatus: status,
      message: `Termin ${tranche.number} dari ${count} sebesar ${formatRupiah(amount)} telah dicairkan dengan SP2D ${request.sp2dNumber}.`,
    };
    const stored = JSON.stringify(result);
    await tx.query(
      'INSERT INTO idempotency_key (key, operation, request_hash, response, actor_user_id) VALUES ($1, $2, $3, $4, $5)',
      [request.idempotencyKey, OPERATION, requestHash, stored, actor.userId],
    );
    return JSON.parse(stored) as TrancheReleaseResult;
  }

  /** The stored answer of an earlier request with this key; 422 if the key was used for a different request. */
  private async replay(manager: EntityManager, key: string, requestHash: string): Promise<TrancheReleaseResult | undefined> {
    const [prior] = (await manager.query('SELECT request_hash, response FROM idempotency_key WHERE key = $1', [key])) as Array<{
      request_hash: string;
      response: string;
    }>;
    if (!prior) return undefined;
    if (prior.request_hash !== requestHash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'This Idempotency-Key was already used for a different request; use a new key for a new request',
        error: 'Unprocessable Entity',
      });
    }
    return JSON.parse(prior.response) as TrancheReleaseResult;
  }
}

function hashOf(value: object): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function sp2dTaken(sp2dNumber: string): HttpException {
  return new ConflictException({
    statusCode: 409,
    message: `SP2D number ${sp2dNumber} was already used for another release`,
    error: 'Conflict',
    errors: [{ field: 'sp2dNumber', reason: `${sp2dNumber} was already used` }],
  });
}
