export default function (eleventyConfig) {}
