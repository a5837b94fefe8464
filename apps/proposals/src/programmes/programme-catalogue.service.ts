import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProgrammeVersionEntity } from './programme-version.entity';

/** Reads programme versions: the latest published one is what new proposals are written against. */
@Injectable()
export class ProgrammeCatalogue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  latestPublished(code: string, manager: EntityManager = this.dataSource.manager): Promise<ProgrammeVersionEntity | null> {
    return manager.findOne(ProgrammeVersionEntity, { where: { code, status: 'PUBLISHED' }, order: { version: 'DESC' } });
  }

  version(code: string, version: number, manager: EntityManager = this.dataSource.manager): Promise<ProgrammeVersionEntity | null> {
    return manager.findOne(ProgrammeVersionEntity, { where: { code, version } });
  }

  versions(code: string): Promise<ProgrammeVersionEntity[]> {
    return this.dataSource.manager.find(ProgrammeVersionEntity, { where: { code }, order: { version: 'ASC' } });
  }

  all(): Promise<ProgrammeVersionEntity[]> {
    return this.dataSource.manager.find(ProgrammeVersionEntity, { order: { code: 'ASC', version: 'ASC' } });
  }
}
