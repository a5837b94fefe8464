import { EntityManager } from 'typeorm';
import type { RidingStatement } from '@alur/database';
import { EligibleRegions } from '@alur/contracts';
import { Public, Rollbackable } from '@alur/testing';
import { NewProgrammeVersion, ProgrammeVersion } from '../programmes/domain/programme-version';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { BudgetLine } from '../proposals/domain/budget';
import { Proposal, ProposalChanges, SubmittedProposalOutcome, TimelineEntry, TimelineEntryDraft } from '../proposals/domain/proposal';
import { ProposalListFilter, ProposalRepository } from '../proposals/proposal.repository';

/**
 * Repositories kept in memory, for unit tests of use cases: the rules run in milliseconds, without
 * PostgreSQL. They keep what the SQL keeps (the one-entry-per-source timeline, the list's order and
 * region scope) and a transaction's all-or-nothing, but no locks: those are the end-to-end tests' to
 * prove (the shared InMemoryTransactions puts them back when a use case throws). The EntityManager
 * they are given is ignored.
 */

const copy = <T>(value: T): T => structuredClone(value);

const within = (regionCode: string, villageCode: string) => villageCode === regionCode || villageCode.startsWith(`${regionCode}.`);

export class InMemoryProposals implements Public<ProposalRepository>, Rollbackable {
  rows = new Map<string, Proposal>();
  lines = new Map<string, BudgetLine[]>();
  /** Every proposal's timeline entries, in the order they were appended. */
  entries: TimelineEntryDraft[] = [];

  snapshot(): () => void {
    const [rows, lines, entries] = [copy(this.rows), copy(this.lines), copy(this.entries)];
    return () => {
      [this.rows, this.lines, this.entries] = [rows, lines, entries];
    };
  }

  /** The proposal as stored, for a test to look at (a copy: changing it changes nothing). */
  stored(id: string): Proposal | undefined {
    const proposal = this.rows.get(id);
    return proposal && copy(proposal);
  }

  async find(_db: EntityManager, id: string): Promise<Proposal | null> {
    return this.stored(id) ?? null;
  }

  /** Stores the proposal and its lines when asked for the statement (which nothing here runs), as the statement would. */
  inserting(_tx: EntityManager, proposal: Proposal, lines: readonly BudgetLine[]): RidingStatement {
    if (this.rows.has(proposal.id)) throw new Error(`duplicate key value violates unique constraint "proposal_pkey"`);
    this.rows.set(proposal.id, copy(proposal));
    this.lines.set(proposal.id, copy([...lines]));
    return { with: '', select: 'NULL', params: [] };
  }

  async update(_tx: EntityManager, id: string, changes: ProposalChanges): Promise<void> {
    const proposal = this.rows.get(id);
    if (proposal) Object.assign(proposal, copy(changes));
  }

  /** Changes the proposal when asked for the statement (which nothing here runs), as the statement would. */
  updating(_tx: EntityManager, id: string, changes: ProposalChanges): RidingStatement {
    void this.update({} as EntityManager, id, changes);
    return { with: '', select: 'NULL', params: [] };
  }

  async list(_db: EntityManager, filter: ProposalListFilter): Promise<{ proposals: Proposal[]; total: number }> {
    const text = filter.text?.toLowerCase();
    const matching = [...this.rows.values()]
      .filter(
        (p) =>
          within(filter.scopeRegionCode, p.villageCode) &&
          (!filter.regionCode || within(filter.regionCode, p.villageCode)) &&
          (!filter.status || p.status === filter.status) &&
          (!filter.programCode || p.programCode === filter.programCode) &&
          (!text || [p.title, p.description, p.executorGroup].some((field) => field?.toLowerCase().includes(text))),
      )
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.id.localeCompare(b.id));
    const start = (filter.page - 1) * filter.pageSize;
    return { proposals: copy(matching.slice(start, start + filter.pageSize)), total: matching.length };
  }

  async submittedInRegency(_db: EntityManager, programCode: string, regencyCode: string): Promise<SubmittedProposalOutcome[]> {
    return [...this.rows.values()]
      .filter((p) => p.programCode === programCode && p.submissionNumber > 0 && p.regencyCode === regencyCode)
      .map((p) => ({
        villageCode: p.villageCode,
        status: p.status,
        returnedOnce: this.entries.some((entry) => entry.proposalId === p.id && entry.toStatus === 'RETURNED'),
      }));
  }

  async budgetLines(_db: EntityManager, proposalId: string): Promise<BudgetLine[]> {
    return copy(this.lines.get(proposalId) ?? []);
  }

  async replaceBudgetLines(_tx: EntityManager, proposalId: string, lines: readonly BudgetLine[]): Promise<void> {
    this.lines.set(proposalId, copy([...lines]));
  }

  async appendTimelineEntry(_tx: EntityManager, entry: TimelineEntryDraft, _alongside?: RidingStatement): Promise<void> {
    this.appendingTimelineEntry(entry);
  }

  async appendTimelineEntryIfKnown(_tx: EntityManager, entry: TimelineEntryDraft): Promise<boolean> {
    if (!this.rows.has(entry.proposalId)) return false;
    this.appendingTimelineEntry(entry);
    return true;
  }

  /** Stores the entry when asked for its statement (which nothing here runs), as the statement would. */
  appendingTimelineEntry(entry: TimelineEntryDraft): RidingStatement {
    // The source event id is UNIQUE, and the insert ignores a conflict.
    if (!this.entries.some((e) => e.sourceEventId === entry.sourceEventId)) this.entries.push(copy(entry));
    return { with: '', select: 'NULL', params: [] };
  }

  async timeline(_db: EntityManager, proposalId: string): Promise<TimelineEntry[]> {
    return this.entries
      .map((entry, position) => ({ entry, position }))
      .filter(({ entry }) => entry.proposalId === proposalId)
      .sort((a, b) => a.entry.occurredAt.getTime() - b.entry.occurredAt.getTime() || a.position - b.position)
      .map(({ entry }) => ({
        occurredAt: entry.occurredAt,
        kind: entry.kind,
        actor: entry.actor,
        fromStatus: entry.fromStatus ?? null,
        toStatus: entry.toStatus ?? null,
        note: entry.note ?? null,
        details: entry.details ?? null,
      }));
  }
}

export class InMemoryProgrammes implements Public<ProgrammeRepository>, Rollbackable {
  versions: ProgrammeVersion[];

  constructor(versions: ProgrammeVersion[] = []) {
    this.versions = copy(versions);
  }

  snapshot(): () => void {
    const versions = copy(this.versions);
    return () => {
      this.versions = versions;
    };
  }

  private one(predicate: (v: ProgrammeVersion) => boolean, newestFirst = false): ProgrammeVersion | null {
    const found = [...this.versions].sort((a, b) => (newestFirst ? b.version - a.version : a.version - b.version)).find(predicate);
    return found ? copy(found) : null;
  }

  async latestPublished(_db: EntityManager, code: string): Promise<ProgrammeVersion | null> {
    return this.one((v) => v.code === code && v.status === 'PUBLISHED', true);
  }

  async find(_db: EntityManager, code: string, version: number): Promise<ProgrammeVersion | null> {
    return this.one((v) => v.code === code && v.version === version);
  }

  async lock(_tx: EntityManager, code: string, version: number): Promise<ProgrammeVersion | null> {
    return this.find(_tx, code, version);
  }

  async versionsOf(_db: EntityManager, code: string): Promise<ProgrammeVersion[]> {
    return copy(this.versions.filter((v) => v.code === code).sort((a, b) => a.version - b.version));
  }

  async all(): Promise<ProgrammeVersion[]> {
    return copy([...this.versions].sort((a, b) => a.code.localeCompare(b.code) || a.version - b.version));
  }

  async lockDrafting(): Promise<void> {}

  async openDraft(_tx: EntityManager, code: string): Promise<ProgrammeVersion | null> {
    return this.one((v) => v.code === code && v.status === 'DRAFT');
  }

  async lastVersionNumber(_tx: EntityManager, code: string): Promise<number> {
    return Math.max(0, ...this.versions.filter((v) => v.code === code).map((v) => v.version));
  }

  async insert(_tx: EntityManager, programme: NewProgrammeVersion): Promise<ProgrammeVersion> {
    const stored = { ...copy(programme), createdAt: new Date() };
    this.versions.push(stored);
    return copy(stored);
  }

  async markPublished(_tx: EntityManager, code: string, version: number, publishedAt: Date, publishedBy: string | null): Promise<void> {
    const programme = this.versions.find((v) => v.code === code && v.version === version);
    if (programme) Object.assign(programme, { status: 'PUBLISHED', publishedAt, publishedBy });
  }

  async publishedEligibility(_db: EntityManager, code: string, fiscalYear: number): Promise<EligibleRegions | undefined> {
    return this.one((v) => v.code === code && v.fiscalYear === fiscalYear && v.status === 'PUBLISHED', true)?.eligibleRegions;
  }
}
