import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EligibleRegions, EligibleRegionsSchema } from '@alur/contracts';
import { entityRows, jsonField, queryRows } from '@alur/database';
import { NewProgrammeVersion, ProgrammeVersion } from './domain/programme-version';
import { ProgrammeVersionEntity } from './programme-version.entity';

function toProgrammeVersion(entity: ProgrammeVersionEntity): ProgrammeVersion {
  return {
    code: entity.code,
    version: entity.version,
    status: entity.status,
    name: entity.name,
    fiscalYear: entity.fiscalYear,
    eligibleRegions: entity.eligibleRegions,
    maxRequestedAmount: entity.maxRequestedAmount,
    minSelfHelpShareBp: entity.minSelfHelpShareBp,
    categories: entity.categories,
    approvalChain: entity.approvalChain,
    reminderSchedule: entity.reminderSchedule,
    tranchePlan: entity.tranchePlan,
    ceilingRegionLevel: entity.ceilingRegionLevel,
    ceilingAmount: entity.ceilingAmount,
    requiredDocuments: entity.requiredDocuments,
    progressPhotosRequired: entity.progressPhotosRequired,
    createdAt: entity.createdAt,
    createdBy: entity.createdBy,
    publishedAt: entity.publishedAt,
    publishedBy: entity.publishedBy,
  };
}

const maybe = (entity: ProgrammeVersionEntity | null) => (entity ? toProgrammeVersion(entity) : null);

/** The first version `condition` selects: the reads of every proposal written and submitted (see entityRows). */
async function firstVersion(db: EntityManager, condition: string, params: unknown[]): Promise<ProgrammeVersion | null> {
  const rows = entityRows(db, ProgrammeVersionEntity);
  const sql = rows.statement(condition, (columns) => `SELECT ${columns('v')} FROM programme_version v WHERE ${condition}`);
  const [row]: Array<Record<string, unknown>> = await db.query(sql, params);
  return row ? toProgrammeVersion(rows.hydrate(row, 'v')) : null;
}

const LastVersionRow = z.object({ last: z.number().int() });
const EligibleRegionsRow = z.object({ eligible_regions: jsonField(EligibleRegionsSchema) });

/** Programme versions: every query on the `programme_version` table, answered as domain objects. */
@Injectable()
export class ProgrammeRepository {
  /**
   * The latest published version of a programme: what new proposals are written against. `forKeyShare` locks
   * it as a foreign key's check on it does, until the transaction ends (a proposal referencing it is on its way).
   */
  async latestPublished(db: EntityManager, code: string, options: { forKeyShare?: boolean } = {}): Promise<ProgrammeVersion | null> {
    const latest = `v.code = $1 AND v.status = 'PUBLISHED' ORDER BY v.version DESC LIMIT 1`;
    return firstVersion(db, options.forKeyShare ? `${latest} FOR KEY SHARE` : latest, [code]);
  }

  async find(db: EntityManager, code: string, version: number): Promise<ProgrammeVersion | null> {
    return firstVersion(db, 'v.code = $1 AND v.version = $2', [code, version]);
  }

  /** The version, row-locked (FOR UPDATE) until the transaction ends. */
  async lock(tx: EntityManager, code: string, version: number): Promise<ProgrammeVersion | null> {
    return maybe(await tx.findOne(ProgrammeVersionEntity, { where: { code, version }, lock: { mode: 'pessimistic_write' } }));
  }

  /** A programme's versions, oldest first. */
  async versionsOf(db: EntityManager, code: string): Promise<ProgrammeVersion[]> {
    const entities = await db.find(ProgrammeVersionEntity, { where: { code }, order: { version: 'ASC' } });
    return entities.map(toProgrammeVersion);
  }

  /** Every version of every programme, by code and then version. */
  async all(db: EntityManager): Promise<ProgrammeVersion[]> {
    const entities = await db.find(ProgrammeVersionEntity, { order: { code: 'ASC', version: 'ASC' } });
    return entities.map(toProgrammeVersion);
  }

  /** Serialises drafts of one code until the transaction ends, so that two admins cannot take the same version number. */
  async lockDrafting(tx: EntityManager, code: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`programme:${code}`]);
  }

  /** The programme's unpublished draft, if it has one (it has one at most). */
  async openDraft(tx: EntityManager, code: string): Promise<ProgrammeVersion | null> {
    return maybe(await tx.findOne(ProgrammeVersionEntity, { where: { code, status: 'DRAFT' } }));
  }

  /** The highest version number of a programme; 0 for a new code. */
  async lastVersionNumber(tx: EntityManager, code: string): Promise<number> {
    const [{ last }] = await queryRows(
      tx,
      LastVersionRow,
      'SELECT coalesce(max(version), 0) AS last FROM programme_version WHERE code = $1',
      [code],
    );
    return last;
  }

  /** Stores a new version and answers it as stored (with the time the database gave it). */
  async insert(tx: EntityManager, programme: NewProgrammeVersion): Promise<ProgrammeVersion> {
    await tx.insert(ProgrammeVersionEntity, programme);
    return toProgrammeVersion(
      await tx.findOneOrFail(ProgrammeVersionEntity, { where: { code: programme.code, version: programme.version } }),
    );
  }

  async markPublished(tx: EntityManager, code: string, version: number, publishedAt: Date, publishedBy: string | null): Promise<void> {
    await tx.update(ProgrammeVersionEntity, { code, version }, { status: 'PUBLISHED', publishedAt, publishedBy });
  }

  /** The eligible regions of a programme's latest version published for a fiscal year; undefined if it has none. */
  async publishedEligibility(db: EntityManager, code: string, fiscalYear: number): Promise<EligibleRegions | undefined> {
    const [programme] = await queryRows(
      db,
      EligibleRegionsRow,
      `SELECT eligible_regions FROM programme_version WHERE code = $1 AND fiscal_year = $2 AND status = 'PUBLISHED' ORDER BY version DESC LIMIT 1`,
      [code, fiscalYear],
    );
    return programme?.eligible_regions;
  }
}
