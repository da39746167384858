export default {
  title: 'Oracle',
  // the pages are under src/, and src/public/ is served at /
  srcDir: 'src',
  ignoreDeadLinks: true,
  // files VitePress does not make pages of (relative to srcDir)
  srcExclude: ['drafts/**'],
};
