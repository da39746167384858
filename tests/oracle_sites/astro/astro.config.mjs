import { defineConfig } from 'astro/config';

// The Astro oracle site: its own folders, read by yeplint from the literals below.
export default defineConfig({
  srcDir: './www',
  publicDir: new URL('./static', import.meta.url),
  trailingSlash: 'always',
});
