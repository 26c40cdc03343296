/**
 * The dashboard's build: `vite build --config src/web/app/vite.config.ts` (part of `npm run
 * build`) writes dist/web, which `rasd serve` serves. Everything it loads is bundled or copied
 * there: no CDN, no remote tiles or fonts.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact()],
  publicDir: false,
  build: {
    outDir: here('../../../dist/web'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    // a <link rel=modulepreload> polyfill would be an inline-free module too, but it is not needed
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
