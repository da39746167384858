export default { title: "Front matter as Docusaurus reads it", url: "https://example.org", baseUrl: "/" };
