import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const sharedSrc = fileURLToPath(new URL('../shared/src/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Deep imports (`@kontakt/shared/access`) keep zod schemas, which the browser never runs, out of the bundle.
    alias: [{ find: /^@kontakt\/shared\/(.+)$/, replacement: `${sharedSrc}$1.ts` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
    },
  },
});
