import { defineConfig } from 'vite';

// The demo shop: plain TypeScript and DOM, bundled to web/dist, served by the API at / outside production.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/graphql': { target: 'http://localhost:3000', ws: true } } },
});
