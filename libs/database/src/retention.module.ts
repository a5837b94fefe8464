import { DynamicModule, Module } from '@nestjs/common';
import { RETENTION_RULES, RetentionRule, RetentionSweeper } from './retention-sweeper';

/** Registers a service's retention rules; see RetentionSweeper. */
@Module({})
export class RetentionModule {
  static forRules(rules: RetentionRule[]): DynamicModule {
    return {
      module: RetentionModule,
      providers: [{ provide: RETENTION_RULES, useValue: rules }, RetentionSweeper],
      exports: [RetentionSweeper],
    };
  }
}
