import type { ProgrammeVersionView } from '@alur/contracts';
import { ProgrammeVersionEntity } from './programme-version.entity';

/** A programme version as the API shows it (the contracts' ProgrammeVersionView). */
export type { ProgrammeVersionView };

export function programmeVersionView(entity: ProgrammeVersionEntity): ProgrammeVersionView {
  return {
    ...entity.definition(),
    status: entity.status,
    createdAt: entity.createdAt.toISOString(),
    publishedAt: entity.publishedAt?.toISOString() ?? null,
  };
}
