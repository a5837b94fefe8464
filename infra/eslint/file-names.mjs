// The file-name conventions, kept by ESLint (eslint.config.mjs): a file's name says what it holds, so a
// newcomer finds a service's module, controllers, use cases and repositories by name in every service.

import path from 'node:path';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.tsx?$/;

/** Decorators whose class must live in a file of this suffix. */
const BY_DECORATOR = { Module: '.module.ts', Entity: '.entity.ts' };
/** RPC handlers: a controller answering requests or events over NATS is an `.rpc-controller.ts`. */
const RPC_METHOD_DECORATORS = new Set(['AnswersRequest', 'MessagePattern', 'EventPattern']);
/** Class-name endings whose class must live in a file of this suffix. */
const BY_NAME = [
  ['UseCase', '.use-case.ts'],
  ['Repository', '.repository.ts'],
  ['Guard', '.guard.ts'],
  ['Interceptor', '.interceptor.ts'],
  ['Pipe', '.pipe.ts'],
];

const decoratorNames = (node) =>
  (node.decorators ?? []).map((d) => (d.expression.type === 'CallExpression' ? d.expression.callee.name : d.expression.name));

function expectedSuffix(node) {
  const decorators = decoratorNames(node);
  for (const [decorator, suffix] of Object.entries(BY_DECORATOR)) if (decorators.includes(decorator)) return suffix;
  if (decorators.includes('Controller')) {
    const rpc = node.body.body.some((member) => decoratorNames(member).some((name) => RPC_METHOD_DECORATORS.has(name)));
    return rpc ? '.rpc-controller.ts' : '.controller.ts';
  }
  if (node.implements?.some((i) => i.expression.name === 'MigrationInterface')) return '.migration.ts';
  const name = node.id?.name ?? '';
  for (const [ending, suffix] of BY_NAME) if (name.endsWith(ending)) return suffix;
  return undefined;
}

const fileNames = {
  meta: {
    type: 'suggestion',
    docs: { description: 'File names are kebab-case, and a class of a known kind lives in a file of its suffix' },
    messages: {
      kebab: 'File names are kebab-case with dotted suffixes, e.g. decide-stage.use-case.ts.',
      suffix: '{{name}} belongs in a file named *{{suffix}} (this is {{file}}).',
    },
    schema: [],
  },
  create(context) {
    const file = path.basename(context.filename);
    return {
      Program(node) {
        if (!KEBAB.test(file)) context.report({ node, messageId: 'kebab' });
      },
      // Exported classes only: a small class private to its file (a module's own route) goes with it.
      'ExportNamedDeclaration > ClassDeclaration, ExportDefaultDeclaration > ClassDeclaration'(node) {
        const suffix = expectedSuffix(node);
        if (suffix && !file.endsWith(suffix))
          context.report({ node: node.id ?? node, messageId: 'suffix', data: { name: node.id?.name, suffix, file } });
      },
    };
  },
};

export default { rules: { 'file-names': fileNames } };
