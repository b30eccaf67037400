// Starts `argmap lsp` for the YAML files of maps folders and hands it to VS Code's LSP client.
// All the work (diagnostics, completion, definitions, hover, rename, quick fixes) is the
// server's; this file only says which files and which command.
"use strict";

const path = require("path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration("argmap");
  const [command, ...args] = config.get("command", ["argmap", "lsp"]);
  const files = config.get("files", "**/maps/*.{yaml,yml}");
  // a relative sources folder is read from the (first) workspace folder, as the user sees it
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const setting = config.get("sources", "");
  const sources = setting && root ? path.resolve(root, setting) : setting;
  const serverOptions = { command, args, options: root ? { cwd: root } : {} };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml", pattern: files }],
    synchronize: {
      // maps changed on disk (git checkout, `argmap fmt`) are checked again
      fileEvents: vscode.workspace.createFileSystemWatcher(files),
    },
    initializationOptions: sources ? { sources } : {},
  };
  client = new LanguageClient("argmap", "argmap", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.restart", () => client.restart()),
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `argmap: could not start '${[command, ...args].join(" ")}' (${error.message}). ` +
        "Install argmap (pip install argmap) or set argmap.command to its path.",
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
