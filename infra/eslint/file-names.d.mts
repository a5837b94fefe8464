// The rule's type, for the test that runs it (test/infra/file-names-rule.spec.ts).
import type { Rule } from 'eslint';

declare const plugin: { rules: { 'file-names': Rule.RuleModule } };
export default plugin;
