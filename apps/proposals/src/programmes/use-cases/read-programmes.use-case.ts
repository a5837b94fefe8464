import { Injectable } from '@nestjs/common';
import { NotFoundError, type Actor, type ProgrammeSummary } from '@alur/contracts';
import { ProgrammeCatalogue } from '../programme-catalogue.service';
import { ProgrammeVersionEntity } from '../programme-version.entity';
import { programmeVersionView } from '../programme.view';

export type { ProgrammeSummary };

/** Programmes as admins and BKMs see them: drafts only for admins, who are the ones writing them. */
@Injectable()
export class ReadProgrammesUseCase {
  constructor(private readonly catalogue: ProgrammeCatalogue) {}

  async list(actor: Actor | null): Promise<ProgrammeSummary[]> {
    const byCode = new Map<string, ProgrammeVersionEntity[]>();
    for (const version of await this.catalogue.all()) {
      byCode.set(version.code, [...(byCode.get(version.code) ?? []), version]);
    }
    return [...byCode.values()].map((versions) => summarise(actor, versions)).filter((s): s is ProgrammeSummary => s !== null);
  }

  async get(actor: Actor | null, code: string): Promise<ProgrammeSummary> {
    const summary = summarise(actor, await this.catalogue.versions(code));
    if (!summary) throw new NotFoundError(`No programme ${code}`);
    return summary;
  }
}

function summarise(actor: Actor | null, all: ProgrammeVersionEntity[]): ProgrammeSummary | null {
  const versions = actor?.role === 'ADMIN' ? all : all.filter((v) => v.status === 'PUBLISHED');
  if (versions.length === 0) return null;
  const latest = [...versions].reverse().find((v) => v.status === 'PUBLISHED');
  return {
    code: versions[0].code,
    latest: latest ? programmeVersionView(latest) : null,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      createdAt: v.createdAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
    })),
  };
}
