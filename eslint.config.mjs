// ESLint (typescript-eslint), run by `npm test` through `npm run lint`: the conventions the tools keep.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import fileNames from './infra/eslint/file-names.mjs';

const APPS = ['gateway', 'proposals', 'approvals', 'disbursements', 'notifications', 'web'];

/** Apps never import each other: what they share lives in libs/ and crosses the wire as contracts. */
const otherApps = (app) => ({
  group: APPS.filter((other) => other !== app).flatMap((other) => [`**/apps/${other}/**`, `**/${other}/src/**`]),
  message: 'Apps never import each other: share through libs/ (contracts cross the wire).',
});
/** Domain code is plain TypeScript: no framework, no HTTP, no database. */
const framework = {
  group: ['@nestjs/*', 'typeorm', 'express', 'pg', 'ioredis', 'bullmq'],
  message: 'Domain code imports no framework, HTTP or database.',
};
/** Test helpers (@alur/testing, a service's testing/ folder) are for tests: code that ships never imports them. */
const testHelpers = {
  group: ['@alur/testing', '**/libs/testing/**', '**/testing/**'],
  message: 'Test helpers are for tests (*.spec.ts and testing/): code that ships never imports them.',
};
/** The console runs in a browser: of the libs, only the browser-safe contracts. */
const serverLibs = {
  group: ['@alur/*', '!@alur/contracts', '**/libs/**', '!**/libs/contracts/**'],
  message: 'The console imports only browser-safe libs (@alur/contracts).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'apps/web/dist/**',
      'bench/results/**',
      'test-artifacts/**',
      'logs/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its failure: await it, or say `void` where that is the intent.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // The console's hooks: called in the same order every render, and effects that list what they read.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherApps(app), ...(app === 'web' ? [serverLibs] : [])] }] },
  })),
  {
    // A file's name says what it holds: kebab-case, and modules, controllers (HTTP or RPC), entities,
    // migrations, use cases, repositories, guards, interceptors and pipes in files of their suffix.
    files: ['apps/*/src/**/*.ts', 'apps/*/src/**/*.tsx', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**'],
    plugins: { alur: fileNames },
    rules: { 'alur/file-names': 'error' },
  },
  {
    // Its own rule (typescript-eslint's), so that it adds to the per-app restrictions rather than replacing them.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**', 'libs/testing/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [testHelpers] }] },
  },
  ...APPS.map((app) => ({
    files: [`apps/${app}/src/**/domain/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherApps(app), framework] }] },
  })),
);
