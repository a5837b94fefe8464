import { EntityManager } from 'typeorm';
import type { ChainStatus, StageDecision } from '@alur/contracts';
import type { RidingStatement } from '@alur/database';
import type { Public, Rollbackable } from '@alur/testing';
import { ActingAppointmentRepository } from '../acting/acting-appointment.repository';
import { ActingAppointment, inForceAt } from '../acting/domain/acting-appointment';
import { ApprovalChainRepository } from '../chain/approval-chain.repository';
import { ApprovalChain } from '../chain/domain/approval-chain';
import { ApprovalStageRepository, DecidedStage, StageDecisionChange } from '../stages/approval-stage.repository';
import { ApprovalStage, StageDecisionRecord } from '../stages/domain/approval-stage';
import { StageTimer, TIMER_KINDS, TimerAlarm, TimerKey, TimerKind } from '../timers/domain/stage-timer';
import { StageTimerRepository, TimerState } from '../timers/stage-timer.repository';
import { Holiday } from '../working-days/domain/holiday';
import { HolidayRepository } from '../working-days/holiday.repository';

/**
 * The approvals service's repositories kept in memory, for unit tests of use cases: the rules run in
 * milliseconds, without PostgreSQL. They keep what the SQL keeps (a decision only on an open stage,
 * one chain per submission, timers claimed once) but no locks, and only the stages are rolled back when
 * a use case throws (given to InMemoryTransactions, as where a decision is refused after its UPDATE):
 * locks, transactions and the SQL itself are the end-to-end tests' (test/approvals/) to prove. The
 * EntityManager they are given is ignored. What they answer is a copy, as a read from the database
 * would be, so that a use case changing it changes nothing stored.
 */

const missing = (what: string): Error => new Error(`${what} is not stored`);

export class InMemoryApprovalStages implements Public<ApprovalStageRepository>, Rollbackable {
  readonly rows: ApprovalStage[] = [];
  /** The timers of a stage, as the decision's statement reads them: InMemoryStageTimers answers, once made. */
  timersOf: (stageId: string) => TimerKey[] = () => [];

  /** A submission's chain, as the stage's join reads it: InMemoryApprovalChains answers, once made with these stages. */
  chainOf: (proposalId: string, submissionNumber: number) => ApprovalChain | null = () => null;

  snapshot(): () => void {
    const rows = this.rows.map((stage) => ({ ...stage }));
    return () => void this.rows.splice(0, this.rows.length, ...rows);
  }

  async find(_db: EntityManager, id: string): Promise<ApprovalStage | null> {
    const stage = this.rows.find((s) => s.id === id);
    return stage ? { ...stage } : null;
  }

  async findLockingChain(db: EntityManager, id: string): Promise<{ stage: ApprovalStage; chain: ApprovalChain } | null> {
    const stage = await this.find(db, id);
    const chain = stage && this.chainOf(stage.proposalId, stage.submissionNumber);
    return stage && chain ? { stage, chain: { ...chain } } : null;
  }

  async get(db: EntityManager, id: string): Promise<ApprovalStage> {
    const stage = await this.find(db, id);
    if (!stage) throw missing(`Stage ${id}`);
    return stage;
  }

  lock(db: EntityManager, id: string): Promise<ApprovalStage | null> {
    return this.find(db, id);
  }

  async ofProposal(_db: EntityManager, proposalId: string): Promise<ApprovalStage[]> {
    return this.rows
      .filter((s) => s.proposalId === proposalId)
      .sort((a, b) => a.submissionNumber - b.submissionNumber || a.stageOrder - b.stageOrder)
      .map((s) => ({ ...s }));
  }

  /** Stores the stage when asked for its statement (which the in-memory audit trail ignores), as InMemoryStageTimers does. */
  inserting(stage: ApprovalStage): RidingStatement {
    // The table's unique index: one open stage per proposal.
    if (stage.status === 'OPEN' && this.rows.some((s) => s.proposalId === stage.proposalId && s.status === 'OPEN')) {
      throw new Error('approval_stage_one_open_per_proposal');
    }
    this.rows.push({ ...stage });
    return { with: 'stage_opened AS (SELECT)', select: 'NULL', params: [] };
  }

  async decide(_tx: EntityManager, open: ApprovalStage, decision: StageDecisionChange): Promise<DecidedStage | null> {
    const stage = this.rows.find((s) => s.id === open.id && s.status === 'OPEN');
    if (!stage) return null;
    const decidedBeside = this.decided()
      .filter((s) => s.proposalId === stage.proposalId && s.submissionNumber === stage.submissionNumber && s.id !== stage.id)
      .sort((a, b) => a.stageOrder - b.stageOrder)
      .map((s) => ({ stageOrder: s.stageOrder, role: s.role, decidedBy: s.decidedBy }));
    Object.assign(stage, { ...decision, version: stage.version + 1 });
    return { stage: { ...stage }, decidedBeside, timers: this.timersOf(stage.id) };
  }

  async cancelOpen(_tx: EntityManager, proposalId: string, reason: string): Promise<string[]> {
    const open = this.rows.filter((s) => s.proposalId === proposalId && s.status === 'OPEN');
    for (const stage of open)
      Object.assign(stage, { status: 'CANCELLED', decidedAt: new Date(), note: reason, version: stage.version + 1 });
    return open.map((s) => s.id);
  }

  async decisionsOfProposal(_tx: EntityManager, proposalId: string): Promise<StageDecision[]> {
    return this.decided()
      .filter((s) => s.proposalId === proposalId)
      .sort((a, b) => a.submissionNumber - b.submissionNumber || a.stageOrder - b.stageOrder)
      .map((s) => ({ submissionNumber: s.submissionNumber, stageOrder: s.stageOrder, role: s.role, decidedBy: s.decidedBy }));
  }

  async openByRole(_db: EntityManager): Promise<Array<{ role: string; count: number }>> {
    return countByRole(this.rows.filter((s) => s.status === 'OPEN'));
  }

  async overdueByRole(_db: EntityManager): Promise<Array<{ role: string; count: number }>> {
    return countByRole(this.rows.filter((s) => s.status === 'OPEN' && s.dueAt.getTime() < Date.now()));
  }

  private decided() {
    return this.rows.flatMap((s) => (s.decidedBy ? [{ ...s, decidedBy: s.decidedBy }] : []));
  }
}

function countByRole(stages: ApprovalStage[]): Array<{ role: string; count: number }> {
  const counts = new Map<string, number>();
  for (const stage of stages) counts.set(stage.role, (counts.get(stage.role) ?? 0) + 1);
  return [...counts].map(([role, count]) => ({ role, count }));
}

export class InMemoryApprovalChains implements Public<ApprovalChainRepository> {
  readonly rows: ApprovalChain[] = [];

  constructor(stages?: InMemoryApprovalStages) {
    if (stages)
      stages.chainOf = (proposalId, submissionNumber) =>
        this.rows.find((c) => c.proposalId === proposalId && c.submissionNumber === submissionNumber) ?? null;
  }

  async insertIfNew(_tx: EntityManager, chain: ApprovalChain): Promise<boolean> {
    if (this.rows.some((c) => c.proposalId === chain.proposalId && c.submissionNumber === chain.submissionNumber)) return false;
    this.rows.push({ ...chain });
    return true;
  }

  async lock(_tx: EntityManager, proposalId: string, submissionNumber: number): Promise<ApprovalChain | null> {
    const chain = this.rows.find((c) => c.proposalId === proposalId && c.submissionNumber === submissionNumber);
    return chain ? { ...chain } : null;
  }

  async get(db: EntityManager, proposalId: string, submissionNumber: number): Promise<ApprovalChain> {
    const chain = await this.lock(db, proposalId, submissionNumber);
    if (!chain) throw missing(`Chain ${proposalId}#${submissionNumber}`);
    return chain;
  }

  async close(_tx: EntityManager, proposalId: string, submissionNumber: number, status: ChainStatus, closedAt: Date): Promise<void> {
    const chain = this.rows.find((c) => c.proposalId === proposalId && c.submissionNumber === submissionNumber);
    if (chain) Object.assign(chain, { status, closedAt });
  }
}

export class InMemoryStageTimers implements Public<StageTimerRepository> {
  readonly rows: StageTimer[] = [];

  constructor(private readonly stages: InMemoryApprovalStages) {
    stages.timersOf = (stageId) => {
      const next = this.next(stageId);
      return next ? [{ stageId: next.stageId, kind: next.kind, generation: next.generation }] : [];
    };
  }

  /** Stores the timers when asked for their statement (which the in-memory stages ignore): a stage opened here is always stored with them. */
  inserting(alarms: readonly TimerAlarm[]): RidingStatement | null {
    this.rows.push(...alarms.map((alarm) => ({ ...alarm, firedAt: null })));
    return null;
  }

  async nextOfStage(_tx: EntityManager, stageId: string): Promise<TimerAlarm | null> {
    return this.next(stageId);
  }

  async claimDue(_tx: EntityManager, timer: TimerKey, now: Date): Promise<Array<{ kind: TimerKind; fireAt: Date }>> {
    const rung = this.unfired().find((t) => isTimer(t, timer));
    if (!rung) return [];
    const claimed = this.unfired().filter(
      (t) => t.stageId === timer.stageId && t.generation === timer.generation && t.fireAt.getTime() <= rung.fireAt.getTime(),
    );
    for (const t of claimed) t.firedAt = now;
    return claimed.map((t) => ({ kind: t.kind, fireAt: t.fireAt }));
  }

  async stateOf(_tx: EntityManager, timer: TimerKey): Promise<TimerState | undefined> {
    const found = this.rows.find((t) => isTimer(t, timer));
    const stage = this.stages.rows.find((s) => s.id === timer.stageId);
    return found && stage ? { firedAt: found.firedAt, stageStatus: stage.status } : undefined;
  }

  async nextOfOpenStages(_db: EntityManager, afterStageId: string | null, limit: number): Promise<TimerAlarm[]> {
    return this.stages.rows
      .filter((s) => s.status === 'OPEN' && (afterStageId === null || s.id > afterStageId))
      .map((s) => this.next(s.id))
      .filter((next): next is TimerAlarm => next !== null)
      .sort((a, b) => a.stageId.localeCompare(b.stageId))
      .slice(0, limit);
  }

  async unfiredOfOpenStagesAmong(_db: EntityManager, keys: readonly TimerKey[]): Promise<TimerAlarm[]> {
    const open = new Set(this.stages.rows.filter((s) => s.status === 'OPEN').map((s) => s.id));
    return this.unfired()
      .filter((t) => open.has(t.stageId) && keys.some((k) => isTimer(t, k)))
      .map(({ stageId, kind, generation, fireAt }) => ({ stageId, kind, generation, fireAt }));
  }

  /** One process, no other replica: the lock is always had. */
  async whileHoldingReconcilerLock<T>(work: () => Promise<T>): Promise<{ held: true; result: T } | { held: false }> {
    return { held: true, result: await work() };
  }

  private unfired(): StageTimer[] {
    return this.rows.filter((t) => t.firedAt === null);
  }

  /** The stage's earliest unfired timer (nextTimerOf). */
  private next(stageId: string): TimerAlarm | null {
    const [next] = this.unfired()
      .filter((t) => t.stageId === stageId)
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || TIMER_KINDS.indexOf(a.kind) - TIMER_KINDS.indexOf(b.kind));
    return next ? { stageId: next.stageId, kind: next.kind, generation: next.generation, fireAt: next.fireAt } : null;
  }
}

const isTimer = (t: TimerKey, key: TimerKey) => t.stageId === key.stageId && t.kind === key.kind && t.generation === key.generation;

export class InMemoryActingAppointments implements Public<ActingAppointmentRepository> {
  /** In the order they were made. */
  readonly rows: ActingAppointment[] = [];

  async activeFor(_db: EntityManager, actingUserId: string, at: Date): Promise<ActingAppointment[]> {
    return this.rows.filter((a) => a.actingUserId === actingUserId && inForceAt(a, at)).map((a) => ({ ...a }));
  }

  async insert(_tx: EntityManager, appointment: ActingAppointment): Promise<void> {
    if (appointment.validUntil.getTime() <= appointment.validFrom.getTime()) throw new Error('acting_appointment_valid_until_check');
    this.rows.push({ ...appointment });
  }

  async get(db: EntityManager, id: string): Promise<ActingAppointment> {
    const appointment = await this.lock(db, id);
    if (!appointment) throw missing(`Appointment ${id}`);
    return appointment;
  }

  async lock(_tx: EntityManager, id: string): Promise<ActingAppointment | null> {
    const appointment = this.rows.find((a) => a.id === id);
    return appointment ? { ...appointment } : null;
  }

  async endAt(_tx: EntityManager, id: string, validUntil: Date): Promise<void> {
    const appointment = this.rows.find((a) => a.id === id);
    if (appointment) appointment.validUntil = validUntil;
  }

  async all(_db: EntityManager): Promise<ActingAppointment[]> {
    return this.newestFirst(this.rows);
  }

  async involving(_db: EntityManager, userId: string): Promise<ActingAppointment[]> {
    return this.newestFirst(this.rows.filter((a) => a.actingUserId === userId || a.forUserId === userId));
  }

  /** By start, then the later made first, as the table's `created_at` orders them. */
  private newestFirst(appointments: ActingAppointment[]): ActingAppointment[] {
    return appointments
      .map((a) => ({ a, made: this.rows.indexOf(a) }))
      .sort((x, y) => y.a.validFrom.getTime() - x.a.validFrom.getTime() || y.made - x.made)
      .map(({ a }) => ({ ...a }));
  }
}

export class InMemoryHolidays implements Public<HolidayRepository> {
  /** By date. */
  readonly rows = new Map<string, Holiday>();

  constructor(holidays: readonly Holiday[] = []) {
    for (const holiday of holidays) this.rows.set(holiday.date, { ...holiday });
  }

  async dates(_db: EntityManager): Promise<string[]> {
    return [...this.rows.keys()];
  }

  async addIfNew(_tx: EntityManager, holiday: Holiday): Promise<boolean> {
    if (this.rows.has(holiday.date)) return false;
    this.rows.set(holiday.date, { ...holiday });
    return true;
  }

  async remove(_tx: EntityManager, date: string): Promise<Holiday | null> {
    const holiday = this.rows.get(date) ?? null;
    this.rows.delete(date);
    return holiday;
  }

  async ofYear(_db: EntityManager, year: number): Promise<Holiday[]> {
    return [...this.rows.values()].filter((h) => h.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
  }
}
