import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, ConflictError, InvalidInputError } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { checkProgrammeDraft, ProgrammeDraftInput } from '../domain/programme-rules';
import { ProgrammeVersionEntity } from '../programme-version.entity';
import { programmeVersionView, ProgrammeVersionView } from '../programme.view';

/** Saves a new draft version of a programme (version 1 for a new code), numbered after the last one. */
@Injectable()
export class CreateProgrammeDraftUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: Actor | null, input: ProgrammeDraftInput): Promise<ProgrammeVersionView> {
    const check = checkProgrammeDraft(input, this.regions);
    if (!check.ok) throw new InvalidInputError(check.errors);
    const { draft } = check;
    try {
      return await this.dataSource.transaction(async (tx) => {
        // Serialises drafts of one code, so that two admins cannot take the same version number.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`programme:${draft.code}`]);
        const open = await tx.findOne(ProgrammeVersionEntity, { where: { code: draft.code, status: 'DRAFT' } });
        if (open) throw new ConflictError(`${draft.code} already has an unpublished draft (version ${open.version}); publish it first`);
        const [{ last }] = (await tx.query('SELECT coalesce(max(version), 0) AS last FROM programme_version WHERE code = $1', [
          draft.code,
        ])) as Array<{ last: number }>;
        const entity = tx.create(ProgrammeVersionEntity, {
          code: draft.code,
          version: Number(last) + 1,
          status: 'DRAFT',
          name: draft.name,
          fiscalYear: draft.fiscalYear,
          eligibleRegions: draft.eligibleRegions,
          maxRequestedAmount: draft.maxRequestedAmount,
          minSelfHelpShareBp: draft.minSelfHelpShareBp,
          categories: draft.categories,
          approvalChain: draft.approvalChain,
          reminderSchedule: draft.reminderSchedule,
          tranchePlan: draft.tranchePlan,
          ceilingRegionLevel: draft.budgetCeiling.regionLevel,
          ceilingAmount: draft.budgetCeiling.amount,
          requiredDocuments: draft.requiredDocuments ?? [],
          progressPhotosRequired: draft.progressPhotosRequired ?? false,
          createdBy: actor?.userId ?? null,
          publishedAt: null,
          publishedBy: null,
        });
        await tx.save(entity);
        const saved = await tx.findOneOrFail(ProgrammeVersionEntity, { where: { code: entity.code, version: entity.version } });
        await this.audit.record(tx, {
          actor,
          action: 'programme.draft-created',
          entityType: 'programme',
          entityId: `${saved.code}@${saved.version}`,
          toStatus: 'DRAFT',
          after: saved.definition(),
        });
        return programmeVersionView(saved);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`${draft.code} already has an unpublished draft`);
      throw error;
    }
  }
}
