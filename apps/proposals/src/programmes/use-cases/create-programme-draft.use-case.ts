import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@alur/audit';
import { Actor, ConflictError, InvalidInputError } from '@alur/contracts';
import { isUniqueViolation, Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { checkProgrammeDraft, ProgrammeDraftInput } from '../domain/programme-rules';
import { draftVersionOf, programmeDefinition } from '../domain/programme-version';
import { ProgrammeRepository } from '../programme.repository';
import { programmeVersionView, ProgrammeVersionView } from '../programme.view';

/** Saves a new draft version of a programme (version 1 for a new code), numbered after the last one. */
@Injectable()
export class CreateProgrammeDraftUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly programmes: ProgrammeRepository,
    private readonly regions: RegionDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor | null, input: ProgrammeDraftInput): Promise<ProgrammeVersionView> {
    const check = checkProgrammeDraft(input, this.regions);
    if (!check.ok) throw new InvalidInputError(check.errors);
    const { draft } = check;
    try {
      return await this.transactions.run(async (tx) => {
        await this.programmes.lockDrafting(tx, draft.code);
        const open = await this.programmes.openDraft(tx, draft.code);
        if (open) throw new ConflictError(`${draft.code} already has an unpublished draft (version ${open.version}); publish it first`);
        const version = (await this.programmes.lastVersionNumber(tx, draft.code)) + 1;
        const saved = await this.programmes.insert(tx, draftVersionOf(draft, version, actor?.userId ?? null));
        await this.audit.record(tx, {
          actor,
          action: 'programme.draft-created',
          entityType: 'programme',
          entityId: `${saved.code}@${saved.version}`,
          toStatus: 'DRAFT',
          after: programmeDefinition(saved),
        });
        return programmeVersionView(saved);
      });
    } catch (error) {
      // The one-open-draft index (programme_version_one_draft) refuses a second draft that raced past the check.
      if (isUniqueViolation(error)) throw new ConflictError(`${draft.code} already has an unpublished draft`);
      throw error;
    }
  }
}
