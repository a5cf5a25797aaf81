import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// The dev server injects an inline React-refresh preamble; only there is an inline script allowed.
function devServerCsp(): Plugin {
  return {
    name: 'lrpo-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

// One config for the studio (Vite) and the unit tests (Vitest).
export default defineConfig({
  plugins: [react(), devServerCsp()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm', 'fasttext.wasm.js', 'onnxruntime-web'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // one page: the engine self-test is the studio's `?test=engine` hook (src/ui/test-hooks)
    rolldownOptions: { input: { main: 'index.html' } },
  },
  assetsInclude: ['**/*.bin', '**/*.ftz', '**/*.onnx'],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
