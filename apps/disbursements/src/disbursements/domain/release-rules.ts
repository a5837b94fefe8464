import {
  Actor,
  BankAccount,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  peopleBehind,
  RefusalCode,
  sameBankAccount,
} from '@alur/contracts';
import { isUniqueViolation } from '@alur/database';
import { Tranche } from '../../tranches/domain/tranche';
import { Disbursement } from './disbursement';

/**
 * 403 when the caller, or the official they act for, decided an approval stage of this proposal
 * (in their own name or as a Plt/Plh): who approved a proposal does not pay it out.
 */
export function refuseStageDeciders(actor: Actor, disbursement: Disbursement, step: 'prepare' | 'authorise'): void {
  const mine = new Set(peopleBehind(actor));
  const decided = disbursement.stageDecisions.find((d) => peopleBehind(d.decidedBy).some((id) => mine.has(id)));
  if (!decided) return;
  const acting = decided.decidedBy.actingFor ? `, as acting official for ${decided.decidedBy.actingFor.username}` : '';
  throw new ForbiddenError(
    `You decided stage ${decided.stageOrder} (${decided.role}${acting}) of this proposal: someone who approved it may not ${step} its release`,
    { code: RefusalCode.StageDecider },
  );
}

/** 403 when the caller (or the official they act for) prepared the SPM in question: the second pair of eyes must be another person's. */
export function refuseSamePerson(actor: Actor, preparedBy: Actor, what: string): void {
  const mine = new Set(peopleBehind(actor));
  if (peopleBehind(preparedBy).some((id) => mine.has(id))) {
    throw new ForbiddenError(`You prepared this SPM yourself: ${what} must be done by another BPKAD official`, {
      code: RefusalCode.SameOfficial,
    });
  }
}

/** 409 for a tranche that cannot take this step: already released, not yet ready, or cancelled. */
export function refuseFinishedOrLocked(tranche: Tranche): void {
  if (tranche.status === 'RELEASED') {
    throw new ConflictError(`Tranche ${tranche.number} was already released with SP2D ${tranche.sp2dNumber}`, {
      code: RefusalCode.TrancheAlreadyReleased,
    });
  }
  if (tranche.status === 'LOCKED') {
    throw new ConflictError(
      `Tranche ${tranche.number} is not ready: the tranche before it must be released and progress of at least ${tranche.unlockProgressPercent}% reported`,
    );
  }
  if (tranche.status === 'CANCELLED') throw new ConflictError(`Tranche ${tranche.number} was cancelled: nothing can be paid out`);
}

/**
 * What an SPM keeps of why it pays where it does: nothing when it pays into the account the BKM gave in its
 * proposal; when it pays elsewhere (the BKM's letter of a new account, say), a reason is required, which the second
 * official reads before authorising. A proposal submitted before proposals named an account has none to check against.
 */
export function accountChangeNote(onRecord: BankAccount | undefined, account: BankAccount, note: string | undefined): string | null {
  if (!onRecord) return note ?? null;
  const same = sameBankAccount(onRecord, account);
  if (!same && note === undefined) {
    throw new InvalidInputError([
      {
        field: 'accountChangeNote',
        reason: `the account differs from the one in the proposal (${onRecord.bankName} ${onRecord.accountNumber} a.n. ${onRecord.accountHolder}): say why`,
        code: RefusalCode.AccountChangeNoteRequired,
      },
    ]);
  }
  if (same && note !== undefined) {
    throw new InvalidInputError([
      {
        field: 'accountChangeNote',
        reason: 'the account is the one in the proposal: there is no change to explain',
        code: RefusalCode.AccountUnchanged,
      },
    ]);
  }
  return note ?? null;
}

export function sp2dTaken(sp2dNumber: string): ConflictError {
  return new ConflictError(`SP2D number ${sp2dNumber} was already used for another release`, {
    code: RefusalCode.Sp2dTaken,
    errors: [{ field: 'sp2dNumber', reason: `${sp2dNumber} was already used`, code: RefusalCode.Sp2dTaken }],
  });
}

/**
 * Runs a step's transaction; the unique index of SP2D numbers (`constraint`) that it ran into, a request
 * for another tranche having taken the number first, becomes the refusal.
 */
export async function refusingTakenSp2d<T>(sp2dNumber: string, constraint: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw sp2dTaken(sp2dNumber);
    throw error;
  }
}
