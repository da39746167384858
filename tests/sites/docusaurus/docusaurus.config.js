module.exports = { title: 'Example' };
