import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import fileNames from '../../infra/eslint/file-names.mjs';

// The lint rule that keeps the file-name conventions (eslint.config.mjs runs it in npm test): a file's
// name says what it holds, in every service alike.

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rule = fileNames.rules['file-names'];

tester.run('alur/file-names', rule, {
  valid: [
    { filename: 'apps/approvals/src/decisions/decisions.module.ts', code: '@Module({}) export class DecisionsModule {}' },
    {
      filename: 'apps/approvals/src/decisions/decisions.rpc-controller.ts',
      code: '@Controller() export class DecisionsRpcController { @AnswersRequest(DecideStage) decide() {} }',
    },
    {
      filename: 'apps/gateway/src/users/users.controller.ts',
      code: "@Controller('users') export class UsersController { @Get() list() {} }",
    },
    { filename: 'apps/approvals/src/decisions/use-cases/decide-stage.use-case.ts', code: 'export class DecideStageUseCase {}' },
    { filename: 'apps/approvals/src/stages/approval-stage.repository.ts', code: 'export class ApprovalStageRepository {}' },
    { filename: 'apps/approvals/src/stages/domain/stage-deadline.ts', code: 'export function dueAt() {}' },
    // A small class private to its file goes with it.
    {
      filename: 'libs/health/src/health.module.ts',
      code: "@Controller('health') class HealthController {} @Module({}) export class HealthModule {}",
    },
  ],
  invalid: [
    {
      filename: 'apps/approvals/src/decisions/decisions.controller.ts',
      code: '@Controller() export class DecisionsController { @AnswersRequest(DecideStage) decide() {} }',
      errors: [
        { messageId: 'suffix', data: { name: 'DecisionsController', suffix: '.rpc-controller.ts', file: 'decisions.controller.ts' } },
      ],
    },
    {
      filename: 'apps/approvals/src/decisions/decide-stage.ts',
      code: 'export class DecideStageUseCase {}',
      errors: [{ messageId: 'suffix' }],
    },
    {
      filename: 'apps/proposals/src/proposals/proposal-store.ts',
      code: 'export class ProposalRepository {}',
      errors: [{ messageId: 'suffix', data: { name: 'ProposalRepository', suffix: '.repository.ts', file: 'proposal-store.ts' } }],
    },
    {
      filename: 'apps/gateway/src/users/users-feature.ts',
      code: '@Module({}) export class UsersModule {}',
      errors: [{ messageId: 'suffix' }],
    },
    {
      filename: 'apps/proposals/src/database/migrations/1700000000000-add-index.ts',
      code: 'export class AddIndex1700000000000 implements MigrationInterface {}',
      errors: [{ messageId: 'suffix' }],
    },
    { filename: 'apps/proposals/src/proposals/proposalStatus.ts', code: 'export const x = 1;', errors: [{ messageId: 'kebab' }] },
  ],
});
