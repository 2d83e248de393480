// Builds the flame-graph harness page alone (not part of the app): npx vite build --config src/ui/flame/harness/vite.harness.config.ts
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../../../dist-d2-harness', import.meta.url)), emptyOutDir: true, rollupOptions: { input: `${here}flame-harness.html` } },
});
