import { defineConfig } from 'vitepress'

// https://vitepress.dev/reference/site-config
export default defineConfig({
  title: 'Widgets',
  srcDir: 'src',
  cleanUrls: true,
  themeConfig: {
    nav: [{ text: 'Guide', link: '/guide/intro' }],
  },
})
