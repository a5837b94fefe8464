import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web console: built into apps/web/dist, which the gateway serves. In development (`npx vite
 * --config apps/web/vite.config.ts`) the API calls go to a gateway on port 3000.
 * JSX goes through Vite's own transformer (no React plugin: its optional Babel peers conflict with Jest's).
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
