// The dfopt extension: starts `dfopt lsp --stdio` and lets vscode-languageclient do the rest. Everything dfopt
// knows (diagnostics, quick fixes, source.fixAll.dfopt, hover, symbols, definition) lives in the server.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** dfopt.path, else the workspace's own dfopt (node_modules/.bin), else dfopt on the PATH. */
function dfoptCommand() {
  const configured = vscode.workspace.getConfiguration('dfopt').get('path');
  if (configured) return configured;
  const bin = process.platform === 'win32' ? 'dfopt.cmd' : 'dfopt';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (existsSync(local)) return local;
  }
  return bin;
}

function createClient() {
  const command = dfoptCommand();
  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = {
    // TransportKind.stdio makes the client add `--stdio`.
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
    // npm's .cmd shims only run through a shell on Windows.
    options: { shell: process.platform === 'win32' && command.endsWith('.cmd') },
  };
  /** @type {import('vscode-languageclient').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    // The server reads its settings with workspace/configuration; this tells it when they change.
    synchronize: { configurationSection: 'dfopt' },
  };
  return new LanguageClient('dfopt', 'dfopt', serverOptions, clientOptions);
}

/** @param {import('vscode').ExtensionContext} context */
async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // A different executable needs a new server; every other setting reaches the running one.
      if (!event.affectsConfiguration('dfopt.path') || !client) return;
      await client.stop();
      client = createClient();
      await client.start();
    }),
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(`dfopt: could not start the language server (${dfoptCommand()} lsp --stdio): ${error instanceof Error ? error.message : String(error)}. Set dfopt.path, or install dfopt (npm install -D dfopt).`);
  }
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
