import { ProgrammeDefinition } from '@alur/contracts';
import { ProgrammeVersionEntity, ProgrammeVersionStatus } from './programme-version.entity';

export type ProgrammeVersionView = ProgrammeDefinition & {
  status: ProgrammeVersionStatus;
  createdAt: string;
  publishedAt: string | null;
};

export function programmeVersionView(entity: ProgrammeVersionEntity): ProgrammeVersionView {
  return {
    ...entity.definition(),
    status: entity.status,
    createdAt: entity.createdAt.toISOString(),
    publishedAt: entity.publishedAt?.toISOString() ?? null,
  };
}
