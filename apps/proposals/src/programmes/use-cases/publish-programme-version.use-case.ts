import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, ConflictError, NotFoundError, ProgrammePublishedV1 } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { ProgrammeVersionEntity } from '../programme-version.entity';
import { programmeVersionView, ProgrammeVersionView } from '../programme.view';

/**
 * Publishes a draft version: from now on it is final, new proposals are written against it, and the
 * approvals and disbursements services learn its whole definition from ProgrammePublishedV1.
 */
@Injectable()
export class PublishProgrammeVersionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async execute(actor: Actor | null, code: string, version: number): Promise<ProgrammeVersionView> {
    return this.dataSource.transaction(async (tx) => {
      const entity = await tx.findOne(ProgrammeVersionEntity, { where: { code, version }, lock: { mode: 'pessimistic_write' } });
      if (!entity) throw new NotFoundError(`Programme ${code} has no version ${version}`);
      if (entity.status !== 'DRAFT') throw new ConflictError(`${code} version ${version} is already published`);
      const publishedAt = new Date();
      await tx.update(ProgrammeVersionEntity, { code, version }, { status: 'PUBLISHED', publishedAt, publishedBy: actor?.userId ?? null });
      const published = await tx.findOneOrFail(ProgrammeVersionEntity, { where: { code, version } });
      await this.audit.record(tx, {
        actor,
        action: 'programme.published',
        entityType: 'programme',
        entityId: `${code}@${version}`,
        fromStatus: 'DRAFT',
        toStatus: 'PUBLISHED',
        after: published.definition(),
      });
      await this.outbox.record(tx, ProgrammePublishedV1, {
        aggregateId: code,
        actor,
        payload: { ...published.definition(), publishedAt: publishedAt.toISOString() },
      });
      return programmeVersionView(published);
    });
  }
}
