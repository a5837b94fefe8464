import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const RELATIVE = join('apps', 'notifications', 'templates');

/**
 * The template files live beside the sources, not in `dist/`: walking up from this file finds them
 * both from `apps/notifications/src` (tests) and from `dist/apps/notifications/src` (the build).
 */
export function templatesDirectory(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`No ${RELATIVE} directory above ${from}`);
  }
}
