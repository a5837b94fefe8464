import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The shared declarations (roles, statuses, request contracts, pure rules): they import only zod, so the browser can run them. */
const contracts = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));

/**
 * The web console: built into apps/web/dist, which the gateway serves. In development (`npx vite
 * --config apps/web/vite.config.ts`) the API calls go to a gateway on port 3000.
 * JSX goes through Vite's own transformer (no React plugin: its optional Babel peers conflict with Jest's).
 */
export default defineConfig({
  root,
  base: '/',
  resolve: { alias: { '@alur/contracts': contracts } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The contracts only declare (constants, zod schemas, pure functions; nothing registers itself on
      // loading), so a page takes what it uses: ROLES does not bring every event's schema and zod along.
      // A constant the console uses is kept apart from schemas (a module's schemas stay with it).
      treeshake: { moduleSideEffects: (id: string) => !/[\\/](libs[\\/]contracts[\\/]src|node_modules[\\/]zod)[\\/]/.test(id) },
      // React Router marks its modules "use client" for React Server Components, which a console bundled for the
      // browser alone has no use for: the bundler's warning that it drops the directive is noise in `npm start`.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
