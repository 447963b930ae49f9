// A real LSP client for tests and the bench: spawns `dfopt lsp --stdio` (the built CLI, as an editor would) and
// talks to it with vscode-jsonrpc, the library VS Code's own client is built on.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

/** The repository's bin/dfopt.js, found upwards (this file is also bundled into bench/bench.ts, one level up). */
export const BIN = [resolve(__dirname, '..', '..'), resolve(__dirname, '..'), process.cwd()]
  .map((root) => join(root, 'bin', 'dfopt.js'))
  .find((bin) => existsSync(bin))!;

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown'] },
  },
};

export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  /** window/logMessage texts, in order. */
  readonly logs: string[] = [];
  readonly documents = new Map<string, TextDocument>();
  stderr = '';
  /** What `workspace/configuration` answers for the `dfopt` section. */
  settings: Record<string, unknown> = {};
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  readonly exited: Promise<number | null>;

  /** `nodeArgs`: flags for the server's node (`--cpu-prof` to profile it under the bench); `env`: added to this process's. */
  constructor(options: { cwd?: string; nodeArgs?: readonly string[]; env?: Readonly<Record<string, string>> } = {}) {
    const env = options.env ? { ...process.env, ...options.env } : process.env;
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, 'lsp', '--stdio'], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((done) => this.process.on('exit', (code) => done(code)));
    this.process.on('error', (error) => (this.stderr += `spawn failed: ${error.message}\n`));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities = CAPABILITIES, rootUri: string | null = null, initializationOptions?: unknown) {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
  }

  async open(uri: string, text: string): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'dockerfile', 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  }

  /** Sends incremental changes, as editors do, and keeps the local copy in step. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const before = this.documents.get(uri)!;
    const version = before.version + 1;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    // The local copy is updated once the change is on its way, while the server works: the bench times didChange sent
    // → diagnostics received, and an editor has updated its own buffer before it sends a change (on the 300-line
    // bench file this copy cost the timed path ~0.08 ms, p50, of ~3.5).
    this.documents.set(uri, TextDocument.update(TextDocument.create(uri, 'dockerfile', before.version, before.getText()), changes, version));
    return version;
  }

  /** Applies a server's WorkspaceEdit to our copy of the document, sending it as incremental changes. */
  async apply(uri: string, edit: WorkspaceEdit): Promise<number> {
    const edits: TextEdit[] = [];
    for (const change of edit.documentChanges ?? []) {
      if ('textDocument' in change && change.textDocument.uri === uri) {
        const current = this.documents.get(uri)!.version;
        if (change.textDocument.version !== current) throw new Error(`edit for version ${change.textDocument.version}, document is at ${current}`);
        edits.push(...(change.edits as TextEdit[]));
      }
    }
    edits.push(...(edit.changes?.[uri] ?? []));
    // Applied from the end, so each edit's range still holds when it is sent.
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  codeActions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** Resolves with the first publishDiagnostics for `uri` at `version` or later (pass version for a specific one). */
  diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const find = () => this.published.find((p) => p.uri === uri && (version === undefined || p.version === version));
    return this.until(() => find() !== undefined, timeoutMs, `diagnostics for ${uri} v${version}`).then(() => find()!);
  }

  until(test: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          done();
        },
      });
    });
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }
}
