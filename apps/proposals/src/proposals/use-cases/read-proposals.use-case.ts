import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Actor } from '@alur/contracts';
import { escapeLike } from '@alur/database';
import { ProgrammeCatalogue } from '../../programmes/programme-catalogue.service';
import { documentChecklist } from '../domain/document-checklist';
import { ProposalAccess } from '../proposal-access.service';
import { budgetLinesOf } from '../proposal-budget.store';
import { ListProposalsQuery } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalEntity } from '../proposal.entity';
import { proposalSummaryView, proposalView } from '../proposal.view';


/** Lists and shows proposals, only ever those inside the caller's region. */
@Injectable()
export class ReadProposalsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly history: ProposalHistory,
    private readonly programmes: ProgrammeCatalogue,
  ) {}

  async list(actor: Actor, query: ListProposalsQuery) {
    // Kemendagri codes nest by prefix (14.03 ⊃ 14.03.09 ⊃ 14.03.09.1004), so a region is a code prefix.
    const within = (alias: string, param: string) =>
      new Brackets((q) => q.where(`p.village_code = :${param}`).orWhere(`p.village_code LIKE :${alias}`));
    const qb = this.dataSource.manager
      .createQueryBuilder(ProposalEntity, 'p')
      .where(within('scopePrefix', 'scope'), { scope: actor.regionCode, scopePrefix: `${escapeLike(actor.regionCode)}.%` });
    if (query.regionCode) {
      qb.andWhere(within('regionPrefix', 'region'), { region: query.regionCode, regionPrefix: `${escapeLike(query.regionCode)}.%` });
    }
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.programCode) qb.andWhere('p.program_code = :programCode', { programCode: query.programCode });
    if (query.q) {
      qb.andWhere(
        new Brackets((q) =>
          q.where('p.title ILIKE :text').orWhere('p.description ILIKE :text').orWhere('p.executor_group ILIKE :text'),
        ),
        { text: `%${escapeLike(query.q)}%` },
      );
    }
    const [rows, total] = await qb
      .orderBy('p.updated_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(proposalSummaryView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: Actor, id: string) {
    const manager = this.dataSource.manager;
    const proposal = await this.access.visible(manager, actor, id);
    const programme = await this.programmes.version(proposal.programCode, proposal.programVersion, manager);
    return {
      ...proposalView(proposal, await budgetLinesOf(manager, id), await this.history.timeline(id, manager)),
      // What the programme asks for beside what the proposal carries, for officials to check the files.
      documentChecklist: documentChecklist(programme?.requiredDocuments ?? [], proposal.documents),
    };
  }
}
