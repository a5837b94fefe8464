import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The web console bundles `@alur/contracts` (apps/web/vite.config.mts aliases it to this folder), so
 * everything here must run in a browser: it may import zod and its own files, nothing else (no Node
 * built-ins, no Nest, no other lib that would drag them in). Specs are not bundled and are left out.
 */
const ROOT = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports, dynamic imports, require calls. */
function specifiersOf(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
}

/** Node's globals a browser does not have. */
const NODE_GLOBALS = /\b(?:process\.|Buffer\b|__dirname\b|__filename\b|require\s*\(|global\.)/;

/** Comments mention these words freely; only code counts. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('@alur/contracts stays browser-safe', () => {
  const files = sourceFiles(ROOT);

  it('finds the contracts to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only zod and its own files', () => {
    const offending = files.flatMap((file) =>
      specifiersOf(withoutComments(readFileSync(file, 'utf8')))
        .filter((specifier) => {
          if (specifier === 'zod' || specifier.startsWith('zod/')) return false;
          if (!specifier.startsWith('.')) return true;
          // A relative path that leaves libs/contracts/src is another lib under another name.
          const target = resolve(file, '..', specifier);
          return target !== ROOT && !target.startsWith(ROOT + sep);
        })
        .map((specifier) => `${relative(ROOT, file)} imports '${specifier}'`),
    );
    expect(offending).toEqual([]);
  });

  it("uses none of Node's globals", () => {
    const offending = files
      .filter((file) => NODE_GLOBALS.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(ROOT, file));
    expect(offending).toEqual([]);
  });
});
