// @ts-check
/**
 * Where `yeplint server` is found, in the order ruff's extension looks for ruff:
 *
 * 1. `yeplint.path`: the first entry that is an executable (`${workspaceFolder}` and `~`
 *    expanded; a bare name such as `yeplint` is looked up on the PATH);
 * 2. the workspace's own virtual environment, `.venv` or `venv`, in `bin/` or `Scripts/`
 *    (a writer who ran `pip install` there without activating anything);
 * 3. the environment of the interpreter selected in the Python extension;
 * 4. the PATH VS Code was started with.
 *
 * It knows nothing of VS Code: everything it reads from the editor or the disk arrives as
 * arguments, so that `node --test` can check the order without an editor.
 */

const path = require("node:path");

/**
 * @typedef {object} Context
 * @property {string[]} settingPaths `yeplint.path` as the user wrote it.
 * @property {string[]} workspaceFolders File system paths of the workspace folders.
 * @property {string | undefined} interpreterScripts The scripts folder (`bin/`, `Scripts/`)
 *   of the Python extension's selected interpreter, if there is one.
 * @property {string} envPath The PATH.
 * @property {string} [pathExt] PATHEXT, on Windows.
 * @property {string} home The user's home folder.
 * @property {NodeJS.Platform} platform
 * @property {(file: string) => Promise<boolean>} isExecutable
 */

/**
 * @typedef {object} Candidate
 * @property {string} file
 * @property {"setting" | "workspace" | "interpreter" | "path"} source
 */

/** The executable's names on `platform`: pip writes `yeplint.exe` on Windows. */
function executableNames(/** @type {NodeJS.Platform} */ platform, pathExt = "") {
  if (platform !== "win32") {
    return ["yeplint"];
  }
  const extensions = (pathExt || ".EXE;.CMD;.BAT")
    .split(";")
    .filter(Boolean)
    .map((ext) => ext.toLowerCase());
  return ["yeplint.exe", ...extensions.filter((ext) => ext !== ".exe").map((ext) => `yeplint${ext}`)];
}

/**
 * A `yeplint.path` entry with `~` and `${workspaceFolder}` expanded; relative paths are taken
 * from the first workspace folder, as VS Code's own variables are.
 * @param {string} entry
 * @param {Pick<Context, "workspaceFolders" | "home" | "platform">} context
 */
function expand(entry, { workspaceFolders, home, platform }) {
  const folder = workspaceFolders[0];
  let expanded = entry.trim();
  if (folder !== undefined) {
    expanded = expanded.replaceAll("${workspaceFolder}", folder);
  }
  if (expanded === "~" || expanded.startsWith("~/") || expanded.startsWith("~\\")) {
    expanded = home + expanded.slice(1);
  }
  const paths = platform === "win32" ? path.win32 : path.posix;
  if (!paths.isAbsolute(expanded) && folder !== undefined && isPathLike(expanded)) {
    expanded = paths.join(folder, expanded);
  }
  return expanded;
}

/** A bare command name (`yeplint`) is looked up on the PATH; anything with a slash is a file. */
function isPathLike(/** @type {string} */ entry) {
  return entry.includes("/") || entry.includes("\\");
}

/**
 * Every place looked at, in order, without touching the disk.
 * @param {Context} context
 * @returns {Candidate[]}
 */
function candidates(context) {
  const { platform } = context;
  const paths = platform === "win32" ? path.win32 : path.posix;
  const names = executableNames(platform, context.pathExt);
  const pathFolders = context.envPath.split(paths.delimiter).filter(Boolean);
  /** `command` (a bare name) in each PATH folder, with Windows' extensions. */
  const onPath = (/** @type {string} */ command) =>
    pathFolders.flatMap((folder) =>
      names.map((name) => paths.join(folder, command + name.slice("yeplint".length))),
    );
  /** @type {Candidate[]} */
  const found = [];
  const add = (/** @type {Candidate["source"]} */ source, /** @type {string[]} */ files) =>
    found.push(...files.map((file) => ({ file, source })));
  for (const entry of context.settingPaths.filter((e) => e.trim())) {
    const expanded = expand(entry, context);
    add("setting", isPathLike(expanded) ? [expanded] : onPath(expanded));
  }
  for (const folder of context.workspaceFolders) {
    for (const venv of [".venv", "venv"]) {
      for (const scripts of ["bin", "Scripts"]) {
        add("workspace", names.map((name) => paths.join(folder, venv, scripts, name)));
      }
    }
  }
  if (context.interpreterScripts) {
    const scripts = context.interpreterScripts;
    add("interpreter", names.map((name) => paths.join(scripts, name)));
  }
  add("path", onPath("yeplint"));
  return found;
}

/**
 * The first candidate that is an executable, or `undefined` with every place looked at.
 * @param {Context} context
 * @returns {Promise<{ found: Candidate | undefined, tried: Candidate[] }>}
 */
async function findServer(context) {
  const tried = candidates(context);
  for (const candidate of tried) {
    if (await context.isExecutable(candidate.file)) {
      return { found: candidate, tried };
    }
  }
  return { found: undefined, tried };
}

/** What to run to install the server into the environment the writer most likely uses. */
function installCommand(/** @type {string | undefined} */ interpreter) {
  const quoted = interpreter && /\s/.test(interpreter) ? `"${interpreter}"` : interpreter;
  return `${quoted ?? "python3"} -m pip install "yeplint[lsp]"`;
}

module.exports = { candidates, expand, executableNames, findServer, installCommand };
