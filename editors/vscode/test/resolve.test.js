// @ts-check
// The order in which the extension looks for `yeplint server` (run with `node --test`).
const test = require("node:test");
const assert = require("node:assert/strict");
const { candidates, expand, findServer, installCommand } = require("../src/resolve");

/** @type {import("../src/resolve").Context} */
const POSIX = {
  settingPaths: [],
  workspaceFolders: ["/site"],
  interpreterScripts: undefined,
  envPath: "/usr/local/bin:/usr/bin",
  home: "/home/writer",
  platform: "linux",
  isExecutable: async () => false,
};

/** findServer with exactly `existing` executables on the disk. */
function find(
  /** @type {Partial<import("../src/resolve").Context>} */ changes,
  /** @type {string[]} */ existing,
) {
  const exists = new Set(existing);
  return findServer({ ...POSIX, ...changes, isExecutable: async (file) => exists.has(file) });
}

test("a yeplint.path entry is tried first, with ${workspaceFolder} and ~ expanded", async () => {
  const settingPaths = ["~/tools/yeplint", "${workspaceFolder}/env/bin/yeplint"];
  const everywhere = ["/home/writer/tools/yeplint", "/site/env/bin/yeplint", "/site/.venv/bin/yeplint", "/usr/bin/yeplint"];
  assert.equal((await find({ settingPaths }, everywhere)).found?.file, "/home/writer/tools/yeplint");
  const rest = everywhere.slice(1);
  const { found } = await find({ settingPaths }, rest);
  assert.deepEqual(found, { file: "/site/env/bin/yeplint", source: "setting" });
});

test("a yeplint.path entry that does not exist falls through to the next place", async () => {
  const { found } = await find({ settingPaths: ["/nowhere/yeplint"] }, ["/site/.venv/bin/yeplint"]);
  assert.deepEqual(found, { file: "/site/.venv/bin/yeplint", source: "workspace" });
});

test("a bare name in yeplint.path is looked up on the PATH", async () => {
  const { found } = await find({ settingPaths: ["yeplint-dev"] }, ["/usr/bin/yeplint-dev", "/usr/bin/yeplint"]);
  assert.deepEqual(found, { file: "/usr/bin/yeplint-dev", source: "setting" });
});

test("a relative yeplint.path entry is taken from the workspace folder", () => {
  assert.equal(expand("tools/yeplint", POSIX), "/site/tools/yeplint");
  assert.equal(expand("~", POSIX), "/home/writer");
});

test("the workspace's .venv comes before venv, and both before the interpreter and PATH", async () => {
  const all = ["/site/venv/bin/yeplint", "/site/.venv/bin/yeplint", "/py/bin/yeplint", "/usr/bin/yeplint"];
  /** @type {(string | undefined)[]} */
  const order = [];
  for (let left = all.slice(); left.length; ) {
    const { found } = await find({ interpreterScripts: "/py/bin" }, left);
    order.push(found?.source);
    left = left.filter((file) => file !== found?.file);
  }
  assert.deepEqual(order, ["workspace", "workspace", "interpreter", "path"]);
  const { found } = await find({ interpreterScripts: "/py/bin" }, all);
  assert.equal(found?.file, "/site/.venv/bin/yeplint");
});

test("Scripts/ is looked at too: a Windows virtual environment", async () => {
  const { found } = await find({}, ["/site/venv/Scripts/yeplint"]);
  assert.equal(found?.file, "/site/venv/Scripts/yeplint");
});

test("every workspace folder's environment is looked at, in the folders' order", async () => {
  const { found } = await find({ workspaceFolders: ["/a", "/b"] }, ["/b/.venv/bin/yeplint"]);
  assert.equal(found?.file, "/b/.venv/bin/yeplint");
});

test("on Windows: yeplint.exe, backslashes, ; in PATH, and PATHEXT", async () => {
  const windows = {
    platform: /** @type {NodeJS.Platform} */ ("win32"),
    workspaceFolders: ["C:\\site"],
    envPath: "C:\\Python312\\Scripts;C:\\tools",
    pathExt: ".COM;.EXE;.CMD",
    home: "C:\\Users\\writer",
  };
  const files = candidates({ ...POSIX, ...windows }).map((c) => c.file);
  assert.ok(files.includes("C:\\site\\.venv\\Scripts\\yeplint.exe"));
  assert.ok(files.includes("C:\\tools\\yeplint.cmd"));
  assert.ok(!files.some((file) => file.endsWith("yeplint")));
  const { found } = await find({ ...windows, settingPaths: ["~\\bin\\yeplint.exe"] }, ["C:\\Users\\writer\\bin\\yeplint.exe"]);
  assert.equal(found?.file, "C:\\Users\\writer\\bin\\yeplint.exe");
});

test("nothing found: every place looked at is returned, to be shown", async () => {
  const { found, tried } = await find({ interpreterScripts: "/py/bin" }, []);
  assert.equal(found, undefined);
  assert.deepEqual(
    [...new Set(tried.map((c) => c.source))],
    ["workspace", "interpreter", "path"],
  );
  assert.ok(tried.some((c) => c.file === "/usr/local/bin/yeplint"));
});

test("the install command names the selected interpreter", () => {
  assert.equal(installCommand("/site/.venv/bin/python"), '/site/.venv/bin/python -m pip install "yeplint[lsp]"');
  assert.equal(installCommand("C:\\Program Files\\Python\\python.exe"), '"C:\\Program Files\\Python\\python.exe" -m pip install "yeplint[lsp]"');
  assert.equal(installCommand(undefined), 'python3 -m pip install "yeplint[lsp]"');
});
