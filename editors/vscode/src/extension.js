// @ts-check
/**
 * Starts `yeplint server` for Markdown and MDX buffers (saved or untitled); the server does
 * the rest. This file only wires VS Code to it: finding the executable (`resolve.js`), the
 * commands, and a restart when a setting or the selected Python interpreter changes.
 */

const os = require("node:os");
const fs = require("node:fs/promises");
const { execFile } = require("node:child_process");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { findServer, installCommand } = require("./resolve");
const { UntitledNames } = require("./untitled");

const PYTHON_EXTENSION = "ms-python.python";

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.LogOutputChannel} */
let output;
/** A restart asked for while one runs waits for it instead of racing it. */
let restarting = Promise.resolve();

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel("yeplint", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("yeplint.restart", () => restart()),
    vscode.commands.registerCommand("yeplint.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // trace.server is followed live by the client itself
      const changed = ["yeplint.path", "yeplint.lang"].some((key) =>
        event.affectsConfiguration(key),
      );
      if (changed) {
        output.info("Settings changed: restarting the server");
        restart();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => restart()),
  );
  const python = await pythonEnvironments();
  if (python?.onDidChangeActiveEnvironmentPath) {
    context.subscriptions.push(
      python.onDidChangeActiveEnvironmentPath(() => {
        output.info("The Python interpreter changed: restarting the server");
        restart();
      }),
    );
  }
  await restart();
}

function deactivate() {
  return stop();
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop().catch((error) => output.error(`Stopping the server: ${error}`));
  }
}

function restart() {
  restarting = restarting.then(async () => {
    await stop();
    await start();
  });
  return restarting;
}

async function start() {
  const settings = vscode.workspace.getConfiguration("yeplint");
  const interpreter = await selectedInterpreter();
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === "file")
    .map((folder) => folder.uri.fsPath);
  /** @type {string[] | string} */
  const setting = settings.get("path", []);
  const { found, tried } = await findServer({
    settingPaths: typeof setting === "string" ? [setting] : setting,
    workspaceFolders: folders,
    interpreterScripts: interpreter ? await scriptsFolder(interpreter) : undefined,
    envPath: process.env.PATH ?? "",
    pathExt: process.env.PATHEXT,
    home: os.homedir(),
    platform: process.platform,
    isExecutable,
  });
  if (found === undefined) {
    notFound(tried.map((candidate) => candidate.file), interpreter);
    return;
  }
  output.info(`Starting ${found.file} server (found by ${found.source})`);
  const lang = settings.get("lang", null);
  const untitled = new UntitledNames(() => folders[0] ?? os.tmpdir());
  const languages = ["markdown", "mdx"];
  client = new LanguageClient(
    "yeplint",
    "yeplint",
    {
      command: found.file,
      args: ["server"],
      transport: TransportKind.stdio,
      options: folders[0] ? { cwd: folders[0] } : {},
    },
    {
      documentSelector: [
        ...languages.map((language) => ({ scheme: "file", language })),
        { scheme: "file", pattern: "**/*.mdx" },
        ...languages.map((language) => ({ scheme: "untitled", language })),
      ],
      outputChannel: output,
      initializationOptions: lang ? { lang } : {},
      uriConverters: {
        code2Protocol: (uri) => {
          if (uri.scheme !== "untitled") {
            return uri.toString();
          }
          const document = vscode.workspace.textDocuments.find(
            (d) => d.uri.toString() === uri.toString(),
          );
          return untitled.toServer(uri.toString(), document?.languageId ?? "markdown");
        },
        protocol2Code: (value) => vscode.Uri.parse(untitled.fromServer(value) ?? value),
      },
    },
  );
  try {
    await client.start();
  } catch (error) {
    output.error(`${found.file} server did not start: ${error}`);
    showError(`yeplint: \`${found.file} server\` did not start; the "yeplint" output says why.`);
  }
}

/** @param {string[]} tried @param {string | undefined} interpreter */
function notFound(tried, interpreter) {
  const command = installCommand(interpreter);
  output.error(`yeplint was not found; looked at:\n  ${tried.join("\n  ")}`);
  showError(
    `yeplint's language server was not found. Install it with \`${command}\` ` +
      "(or set yeplint.path), then run \"yeplint: Restart server\".",
  );
}

/** @param {string} message */
async function showError(message) {
  const choice = await vscode.window.showErrorMessage(message, "Show output", "Restart server");
  if (choice === "Show output") {
    output.show();
  } else if (choice === "Restart server") {
    restart();
  }
}

/** @param {string} file */
async function isExecutable(file) {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      await fs.access(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The Python extension's environments API, when it is installed (it is not a dependency:
 * without it the workspace's `.venv` and the PATH still find the server).
 */
async function pythonEnvironments() {
  const extension = vscode.extensions.getExtension(PYTHON_EXTENSION);
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return api?.environments;
  } catch (error) {
    output.warn(`The Python extension did not answer: ${error}`);
    return undefined;
  }
}

/** The executable of the interpreter selected for the first workspace folder. */
async function selectedInterpreter() {
  const environments = await pythonEnvironments();
  if (!environments) {
    return undefined;
  }
  try {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const active = environments.getActiveEnvironmentPath(folder);
    const resolved = await environments.resolveEnvironment(active);
    return resolved?.executable?.uri?.fsPath;
  } catch (error) {
    output.warn(`No Python interpreter from the Python extension: ${error}`);
    return undefined;
  }
}

/**
 * Where `interpreter`'s environment keeps its scripts (`bin/`, `Scripts/`): asked of
 * the interpreter itself, as a user site or a conda layout differ from "beside python".
 * @param {string} interpreter
 * @returns {Promise<string | undefined>}
 */
function scriptsFolder(interpreter) {
  const code = "import sysconfig; print(sysconfig.get_path('scripts'))";
  return new Promise((resolve) => {
    execFile(interpreter, ["-c", code], { timeout: 10000 }, (error, stdout) => {
      if (error) {
        output.warn(`${interpreter} did not say where its scripts are: ${error.message}`);
        resolve(undefined);
      } else {
        resolve(stdout.trim() || undefined);
      }
    });
  });
}

module.exports = { activate, deactivate };
