// Starts `yeplint server` for Markdown and MDX files; the server does the rest.
const { workspace } = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate() {
  const settings = workspace.getConfiguration("yeplint");
  const command = settings.get("path", "yeplint");
  const lang = settings.get("lang", null);
  const serverOptions = { command, args: ["server"], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "mdx" },
      { scheme: "file", pattern: "**/*.mdx" },
    ],
    initializationOptions: lang ? { lang } : {},
  };
  client = new LanguageClient("yeplint", "yeplint", serverOptions, clientOptions);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
