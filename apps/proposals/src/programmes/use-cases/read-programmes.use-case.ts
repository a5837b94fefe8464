import { Injectable } from '@nestjs/common';
import { NotFoundError, type Actor, type ProgrammeSummary } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ProgrammeVersion } from '../domain/programme-version';
import { ProgrammeRepository } from '../programme.repository';
import { programmeVersionView } from '../programme.view';

export type { ProgrammeSummary };

/** Programmes as admins and BKMs see them: drafts only for admins, who are the ones writing them. */
@Injectable()
export class ReadProgrammesUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly programmes: ProgrammeRepository,
  ) {}

  async list(actor: Actor | null): Promise<ProgrammeSummary[]> {
    const byCode = new Map<string, ProgrammeVersion[]>();
    for (const version of await this.programmes.all(this.transactions.manager)) {
      byCode.set(version.code, [...(byCode.get(version.code) ?? []), version]);
    }
    return [...byCode.values()].map((versions) => summarise(actor, versions)).filter((s): s is ProgrammeSummary => s !== null);
  }

  async get(actor: Actor | null, code: string): Promise<ProgrammeSummary> {
    const summary = summarise(actor, await this.programmes.versionsOf(this.transactions.manager, code));
    if (!summary) throw new NotFoundError(`No programme ${code}`);
    return summary;
  }
}

function summarise(actor: Actor | null, all: ProgrammeVersion[]): ProgrammeSummary | null {
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
