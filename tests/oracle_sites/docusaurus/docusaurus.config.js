export default {
  title: 'Oracle',
  url: 'https://example.org',
  baseUrl: '/',
  onBrokenLinks: 'warn',
  onBrokenAnchors: 'warn',
  markdown: { hooks: { onBrokenMarkdownLinks: 'warn' } },
  presets: [['classic', { docs: { routeBasePath: '/docs' }, blog: { onUntruncatedBlogPosts: 'ignore' }, theme: {} }]],
};
