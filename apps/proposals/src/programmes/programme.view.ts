import type { ProgrammeVersionView } from '@alur/contracts';
import { programmeDefinition, ProgrammeVersion } from './domain/programme-version';

/** A programme version as the API shows it (the contracts' ProgrammeVersionView). */
export type { ProgrammeVersionView };

export function programmeVersionView(programme: ProgrammeVersion): ProgrammeVersionView {
  return {
    ...programmeDefinition(programme),
    status: programme.status,
    createdAt: programme.createdAt.toISOString(),
    publishedAt: programme.publishedAt?.toISOString() ?? null,
  };
}
