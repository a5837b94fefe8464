import { Injectable } from '@nestjs/common';
import { Actor, ConflictError, NotFoundError, ProgrammePublishedV1 } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { programmeDefinition, ProgrammeVersion } from '../domain/programme-version';
import { ProgrammeRepository } from '../programme.repository';
import { programmeVersionView, ProgrammeVersionView } from '../programme.view';

/**
 * Publishes a draft version: from now on it is final, new proposals are written against it, and the
 * approvals and disbursements services learn its whole definition from ProgrammePublishedV1.
 */
@Injectable()
export class PublishProgrammeVersionUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly programmes: ProgrammeRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  async execute(actor: Actor | null, code: string, version: number): Promise<ProgrammeVersionView> {
    return this.transactions.run(async (tx) => {
      const draft = await this.programmes.lock(tx, code, version);
      if (!draft) throw new NotFoundError(`Programme ${code} has no version ${version}`);
      if (draft.status !== 'DRAFT') throw new ConflictError(`${code} version ${version} is already published`);
      const publishedAt = new Date();
      const publishedBy = actor?.userId ?? null;
      await this.programmes.markPublished(tx, code, version, publishedAt, publishedBy);
      const published: ProgrammeVersion = { ...draft, status: 'PUBLISHED', publishedAt, publishedBy };
      const definition = programmeDefinition(published);
      await this.changes.record(tx, {
        announce: {
          contract: ProgrammePublishedV1,
          aggregateId: code,
          actor,
          payload: { ...definition, publishedAt: publishedAt.toISOString() },
        },
        audit: {
          action: 'programme.published',
          entityType: 'programme',
          entityId: `${code}@${version}`,
          fromStatus: 'DRAFT',
          toStatus: 'PUBLISHED',
          after: definition,
        },
      });
      return programmeVersionView(published);
    });
  }
}
