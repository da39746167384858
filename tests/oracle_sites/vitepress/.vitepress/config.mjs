export default { title: 'Oracle', ignoreDeadLinks: true };
