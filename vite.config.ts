import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { devServerCspPlugin, serviceWorkerPlugin } from './src/share/build/vitePlugins.ts';

export default defineConfig({
  // Relative asset URLs: the built app runs from any static host and any sub-path.
  base: './',
  plugins: [react(), serviceWorkerPlugin(), devServerCspPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
