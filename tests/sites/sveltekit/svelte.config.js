export default { extensions: ['.svelte', '.md'] };
