export default function (eleventyConfig) {
  eleventyConfig.addPassthroughCopy("img");
  // copied under another folder name: assets/pics/ is served at /pics/
  eleventyConfig.addPassthroughCopy({ "assets/pics": "pics" });
}
