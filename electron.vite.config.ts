import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { BENCH_MODE } from './src-renderer/src/bench/bench-build';

// `--mode bench` builds the UI benchmark's variant (src-renderer/src/bench/bench-build.ts) into
// out/bench/, so the product's out/ never holds the bench hooks.
export default defineConfig(({ mode }) => {
  const out = resolve(import.meta.dirname, mode === BENCH_MODE ? 'out/bench' : 'out');
  return {
    main: {
      build: {
        outDir: resolve(out, 'main'),
        rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-main/index.ts') } },
      },
    },
    preload: {
      build: {
        outDir: resolve(out, 'preload'),
        rollupOptions: {
          input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: {
      root: resolve(import.meta.dirname, 'src-renderer'),
      plugins: [react(), tailwindcss()],
      build: {
        minify: true,
        outDir: resolve(out, 'renderer'),
        rollupOptions: {
          input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') },
        },
      },
    },
  };
});
