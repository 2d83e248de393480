// The single self-contained page (dist/leakscope.html): every script, style and worker inlined, so it
// opens straight from disk. Built after the normal build, into the same folder.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { inlineScriptCspPlugin, inlineWorkersPlugin } from './src/share/build/vitePlugins.ts';

export default defineConfig({
  base: './',
  mode: 'singlefile',
  plugins: [
    inlineWorkersPlugin(),
    react(),
    viteSingleFile({ outputFileName: 'leakscope.html', removeViteModuleLoader: true }),
    inlineScriptCspPlugin(),
  ],
  // Classic workers: Chromium refuses module workers from blob: URLs in a file:// page (opaque origin).
  worker: { format: 'iife' },
  publicDir: false,
  build: { target: 'es2022', sourcemap: false, emptyOutDir: false },
});
