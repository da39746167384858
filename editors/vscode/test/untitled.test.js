// @ts-check
// Untitled buffers travel to the server as a page in the workspace folder (`node --test`).
const test = require("node:test");
const assert = require("node:assert/strict");
const { UntitledNames } = require("../src/untitled");

test("an untitled Markdown buffer is a .md page in the workspace folder, and back", () => {
  const names = new UntitledNames(() => "/site");
  const uri = names.toServer("untitled:Untitled-1", "markdown");
  assert.equal(uri, "file:///site/Untitled-1.md");
  assert.equal(names.fromServer(uri), "untitled:Untitled-1");
});

test("an MDX buffer gets .mdx; a name that has the extension keeps it", () => {
  const names = new UntitledNames(() => "/site");
  assert.equal(names.toServer("untitled:Untitled-2", "mdx"), "file:///site/Untitled-2.mdx");
  assert.equal(names.toServer("untitled:notes.md", "markdown"), "file:///site/notes.md");
});

test("a URI the client did not hand out is not turned into an untitled buffer", () => {
  const names = new UntitledNames(() => "/site");
  names.toServer("untitled:Untitled-1", "markdown");
  assert.equal(names.fromServer("file:///site/index.md"), undefined);
});

test("a name with spaces and a path in it stays one file in the folder", () => {
  const names = new UntitledNames(() => "/site");
  const uri = names.toServer("untitled:a%20b/../Untitled%203", "markdown");
  assert.equal(uri, "file:///site/Untitled%203.md");
});
