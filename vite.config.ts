import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the studio (Vite) and the unit tests (Vitest).
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm', 'fasttext.wasm.js', 'onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  assetsInclude: ['**/*.bin', '**/*.ftz', '**/*.onnx'],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
