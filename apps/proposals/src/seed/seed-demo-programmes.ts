import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { BaseEnv } from '@alur/config';
import { Transactions } from '@alur/database';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { CreateProgrammeDraftUseCase } from '../programmes/use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from '../programmes/use-cases/publish-programme-version.use-case';
import { DEMO_PROGRAMMES } from './demo-programmes';

export interface ProgrammeSeedResult {
  published: string[];
  alreadyThere: string[];
}

/**
 * Creates and publishes the demo programmes through the same use cases an admin uses, so each is
 * audited and announced (ProgrammePublishedV1) like any other. A programme that already has a
 * published version is left alone: running the seed again changes nothing.
 *
 * `outbox` is a running service's own where there is one (its commits wake the relay at once); the
 * command-line seed's has no wake-up, and the relay's poll or start finds its events.
 */
export async function seedDemoProgrammes(
  dataSource: DataSource,
  outbox: OutboxService,
  env: Pick<BaseEnv, 'NODE_ENV'>,
  regions: RegionDirectory = RegionDirectory.shared(),
): Promise<ProgrammeSeedResult> {
  if (env.NODE_ENV === 'production') throw new Error('The demo programmes are not seeded in production');
  const audit = new AuditTrail(dataSource);
  const transactions = new Transactions(dataSource);
  const programmes = new ProgrammeRepository();
  const createDraft = new CreateProgrammeDraftUseCase(transactions, programmes, regions, audit);
  const publish = new PublishProgrammeVersionUseCase(transactions, programmes, new ChangeRecorder(outbox, audit));
  const result: ProgrammeSeedResult = { published: [], alreadyThere: [] };
  for (const programme of DEMO_PROGRAMMES) {
    const versions = await programmes.versionsOf(dataSource.manager, programme.code);
    if (versions.some((v) => v.status === 'PUBLISHED')) {
      result.alreadyThere.push(programme.code);
      continue;
    }
    // A draft left by an interrupted earlier run is published rather than duplicated.
    const draft = versions.find((v) => v.status === 'DRAFT') ?? (await createDraft.execute(null, programme));
    await publish.execute(null, draft.code, draft.version);
    result.published.push(programme.code);
  }
  return result;
}
