import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The Go binary embeds dist/ with `go:embed all:dist`, which needs the folder
// to exist in a fresh clone. dist/README is committed for that; Vite empties
// dist/ on every build, so the build writes the placeholder back.
function keepDistPlaceholder(): Plugin {
  return {
    name: 'assure-keep-dist-placeholder',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'README',
        source:
          'Placeholder so that `go:embed all:dist` compiles before the front end is built.\n' +
          'Run `npm ci && npm run build` in web/ to fill this folder; web.Dist() reports\n' +
          'false while only this file is here.\n',
      });
    },
  };
}

const apiTarget = process.env.ASSURE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), keepDistPlaceholder()],
  resolve: {
    alias: {
      // lets styles.scss point nhsuk-frontend's url() images at the package
      '@nhsuk-images': fileURLToPath(
        new URL('./node_modules/nhsuk-frontend/dist/nhsuk/assets/images', import.meta.url),
      ),
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // nhsuk-frontend's own deprecation notices are not ours to fix.
        quietDeps: true,
      },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: a chunk of their own
        // stays cached across releases.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack|openapi-fetch)[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/readyz': apiTarget,
      '/healthz': apiTarget,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
