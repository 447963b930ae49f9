import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ClientCapabilities,
  CodeActionKind,
  type Connection,
  type DataCallback,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  type Disposable,
  type InitializeParams,
  type InitializeResult,
  type Message,
  type MessageReader,
  MessageType,
  type NotificationMessage,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import { directoryBuildContext } from '../cli/buildContext';
import { isIgnored } from '../cli/findFiles';
import { ConfigError, ConfigResolver, type DfoptConfig } from '../config';
import { type ShellCheckRunner, shellcheckRunner } from '../shellcheck';
import type { RuleRegistry } from '../engine';
import { createDefaultRegistry } from '../index';
import { setInstructionReuse } from '../parse';
import { tooLargeDetail } from '../parse/limits';
import { type Analysis, analyze, type LintSetup } from './analysis';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { hover } from './hover';
import { documentSymbols, mentionAt, stageTarget } from './navigation';
import { fileDiagnostic, offsetOf, toDiagnostic, toLspRange } from './protocol';

/** The server's warm-up after its first lint (DfoptServer.warmUp): how many lints, and how much CPU, at most. */
const WARM_UP_LINTS = 400;
const WARM_UP_CPU_MS = 1000;
/** How long the server must have had nothing to lint before a warm-up lint. */
const WARM_UP_IDLE_MS = 20;
/** A document whose lint costs more than this is not used to warm up: a keystroke could wait that long for it. */
const WARM_UP_MAX_LINT_MS = 15;

/** What the client may set under `dfopt` (workspace/configuration, or initializationOptions when it cannot be asked). */
export interface ClientSettings {
  readonly enable: boolean;
  /** When diagnostics follow the text: as it is typed, or as it was last saved. */
  readonly run: 'onType' | 'onSave';
  /** Offer fixes that may change what the image contains or runs as quick fixes (never on save). */
  readonly unsafeFixes: boolean;
}

export const DEFAULT_SETTINGS: ClientSettings = { enable: true, run: 'onType', unsafeFixes: false };

export function readSettings(raw: unknown, base: ClientSettings = DEFAULT_SETTINGS): ClientSettings {
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  // Clients nest differently (`{ dfopt: {...} }` in initializationOptions, the section itself from workspace/configuration).
  if (typeof r.dfopt === 'object' && r.dfopt !== null) return readSettings(r.dfopt, base);
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : base.enable,
    run: r.run === 'onSave' || r.run === 'onType' ? r.run : base.run,
    unsafeFixes: typeof r.unsafeFixes === 'boolean' ? r.unsafeFixes : base.unsafeFixes,
  };
}

/**
 * Sees every message as it arrives, before the connection queues it, and remembers the newest version of each
 * document the client has sent. That is how linting is debounced without a timer: a lint scheduled for version 7
 * is dropped when version 8 is already waiting in the inbox, so a burst of edits costs one lint, and a lone edit
 * is linted at once (a timer would add its delay to every keystroke).
 */
export class InboxWatcher implements MessageReader {
  private readonly newest = new Map<string, number>();

  constructor(private readonly inner: MessageReader) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      this.note(message);
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  hasNewer(uri: string, version: number): boolean {
    return (this.newest.get(uri) ?? -Infinity) > version;
  }

  private note(message: Message): void {
    // A notification: a method and no id.
    if (!('method' in message) || 'id' in message) return;
    const params = (message as NotificationMessage).params as { textDocument?: { uri?: unknown; version?: unknown } } | undefined;
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    if (message.method === 'textDocument/didClose') this.newest.delete(uri);
    else if (message.method === 'textDocument/didChange' || message.method === 'textDocument/didOpen') {
      const v = params?.textDocument?.version;
      if (typeof v === 'number') this.newest.set(uri, Math.max(v, this.newest.get(uri) ?? -Infinity));
    }
  }
}

/** A document's config and build context, or the config error that stands in for its config. */
interface DocumentSetup {
  readonly setup: LintSetup;
  readonly configError: Error | null;
  readonly ignored: boolean;
}

type Reason = 'open' | 'change' | 'save' | 'config';

/**
 * The language server: holds documents and settings; every answer is a call into the same `lint`/`fix` the CLI
 * uses (src/lsp/analysis.ts), mapped to protocol types in src/lsp/protocol.ts.
 */
export class DfoptServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly registry: RuleRegistry = createDefaultRegistry();
  private resolver = new ConfigResolver(this.registry);
  private readonly setups = new Map<string, DocumentSetup>();
  private readonly analyses = new Map<string, Analysis>();
  /** Text as of the last open or save, for `run: onSave`. */
  private readonly saved = new Map<string, { text: string; version: number }>();
  private readonly pending = new Map<string, Set<Reason>>();
  private readonly settingsCache = new Map<string, Promise<ClientSettings>>();
  private readonly reported = new Set<string>();
  private warmUpStarted = false;
  /** When a lint was last asked for (performance.now()): the warm-up waits for the server to be idle. */
  private lastScheduledAt = 0;
  private globalSettings = DEFAULT_SETTINGS;
  private capabilities: ClientCapabilities = {};
  private workspaceRoot: string | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly inbox: InboxWatcher | null,
  ) {
    // Every keystroke is a new version of a document in which all instructions but one are unchanged: their parses
    // (and the RUN scripts' commands read from them) are kept from one lint to the next (issue 17).
    setInstructionReuse(true);
  }

  private get pullMode(): boolean {
    return this.capabilities.textDocument?.diagnostic !== undefined;
  }
  private get configurationSupport(): boolean {
    return this.capabilities.workspace?.configuration === true;
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: ['**/.dfopt.{yaml,yml}', '**/.hadolint.{yaml,yml}', '**/package.json', '**/.dockerignore', '**/*.dockerignore'].map((globPattern) => ({ globPattern })),
        });
      }
    });
    documents.onDidOpen((e) => {
      this.saved.set(e.document.uri, { text: e.document.getText(), version: e.document.version });
      this.schedule(e.document.uri, 'open');
    });
    documents.onDidChangeContent((e) => this.schedule(e.document.uri, 'change'));
    documents.onDidSave((e) => {
      this.saved.set(e.document.uri, { text: e.document.getText(), version: e.document.version });
      // The build context is read once per document and kept (a listing at every keystroke would cost too much), and
      // only config and ignore files are watched: a save reads it afresh, so a file added since (a `.env` that
      // missing-dockerignore would flag, a lock file cache-order looks for) counts from then on.
      this.setups.delete(e.document.uri);
      this.analyses.delete(e.document.uri);
      this.schedule(e.document.uri, 'save');
    });
    documents.onDidClose((e) => this.close(e.document.uri));
    connection.onDidChangeConfiguration((change) => {
      if (!this.configurationSupport) this.globalSettings = readSettings(change.settings);
      this.settingsCache.clear();
      this.relintAll();
    });
    connection.onDidChangeWatchedFiles(() => {
      // Any config or .dockerignore may have changed: forget every resolved config and lint again.
      this.resolver = new ConfigResolver(this.registry);
      this.setups.clear();
      this.analyses.clear();
      for (const key of [...this.reported]) if (key.startsWith('config:')) this.reported.delete(key);
      this.relintAll();
    });
    connection.languages.diagnostics.on(async (params) => {
      const items = await this.pullDiagnostics(params.textDocument.uri);
      return { kind: 'full', items };
    });
    connection.onCodeAction((params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      return this.guard('codeAction', [], async () => {
        const settings = await this.settingsFor(document.uri);
        const current = documents.get(document.uri);
        if (!current || !settings.enable) return [];
        const { setup, ignored } = this.setupFor(current.uri);
        if (ignored) return [];
        const workspaceEdit = this.capabilities.workspace?.workspaceEdit;
        return codeActions({
          uri: current.uri,
          text: current.getText(),
          analysis: this.analysisFor(current),
          setup,
          range: params.range,
          diagnostics: params.context.diagnostics,
          only: params.context.only,
          unsafeFixes: settings.unsafeFixes,
          client: { documentChanges: workspaceEdit?.documentChanges === true, createFiles: workspaceEdit?.resourceOperations?.includes('create') === true },
        });
      });
    });
    connection.onHover((params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      return this.guard('hover', null, () => {
        const analysis = this.analysisFor(document);
        return hover(analysis, offsetOf(analysis.source, params.position), this.registry);
      });
    });
    connection.onDocumentSymbol((params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      return this.guard('documentSymbol', [], () => documentSymbols(this.analysisFor(document)));
    });
    connection.onDefinition((params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      return this.guard('definition', null, () => {
        const analysis = this.analysisFor(document);
        const mention = mentionAt(analysis, offsetOf(analysis.source, params.position));
        return mention ? { uri: document.uri, range: toLspRange(stageTarget(mention.stage)) } : null;
      });
    });
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.globalSettings = readSettings(params.initializationOptions);
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    this.workspaceRoot = folder ? filePath(folder) : null;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        hoverProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        // Pull when the client can (VS Code, recent Neovim); otherwise we push. Never both: that would show everything twice.
        ...(this.pullMode ? { diagnosticProvider: { identifier: 'dfopt', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'dfopt', version },
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Diagnostics

  private schedule(uri: string, reason: Reason): void {
    this.lastScheduledAt = performance.now();
    const reasons = this.pending.get(uri);
    if (reasons) {
      reasons.add(reason);
      return;
    }
    this.pending.set(uri, new Set([reason]));
    // After the current message: lets the rest of this event (TextDocuments' own bookkeeping) finish first.
    setImmediate(() => {
      const due = this.pending.get(uri) ?? new Set<Reason>();
      this.pending.delete(uri);
      void this.guard('publishDiagnostics', undefined, () => this.push(uri, due));
    });
  }

  private async push(uri: string, reasons: ReadonlySet<Reason>): Promise<void> {
    if (this.pullMode) return;
    const document = this.documents.get(uri);
    if (!document) return;
    // A newer version is already in the inbox: its own change event will lint it.
    if (this.inbox?.hasNewer(uri, document.version)) return;
    const settings = await this.settingsFor(uri);
    const current = this.documents.get(uri);
    // Stale: the text changed while the settings were fetched.
    if (current?.version !== document.version) return;
    let diagnostics: Diagnostic[] = [];
    let version = document.version;
    if (settings.enable) {
      const target = settings.run === 'onSave' ? (this.saved.get(uri) ?? { text: document.getText(), version }) : { text: document.getText(), version };
      if (settings.run === 'onSave' && reasons.size === 1 && reasons.has('change')) return;
      diagnostics = this.diagnosticsFor(uri, target.text, target.version);
      version = target.version;
    }
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const document = this.documents.get(uri);
    if (!document) return [];
    return this.guard('diagnostic', [], async () => {
      const settings = await this.settingsFor(uri);
      const current = this.documents.get(uri);
      if (!current || !settings.enable) return [];
      if (settings.run === 'onSave') {
        const saved = this.saved.get(uri);
        if (saved) return this.diagnosticsFor(uri, saved.text, saved.version);
      }
      return this.diagnosticsFor(uri, current.getText(), current.version);
    });
  }

  private close(uri: string): void {
    for (const map of [this.analyses, this.saved, this.setups, this.settingsCache]) map.delete(uri);
    if (!this.pullMode) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private relintAll(): void {
    if (this.pullMode) {
      if (this.capabilities.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of this.documents.all()) this.schedule(document.uri, 'config');
  }

  private diagnosticsFor(uri: string, text: string, version: number): Diagnostic[] {
    const { configError, ignored } = this.setupFor(uri);
    if (ignored) return [];
    const analysis = this.analysisOf(uri, text, version);
    const diagnostics = analysis.findings.map((f) => toDiagnostic(f, uri));
    if (configError) {
      diagnostics.unshift(
        fileDiagnostic(analysis.source, 'config-error', `${configError.message} (dfopt uses its default settings until this is fixed)`, DiagnosticSeverity.Error),
      );
    }
    for (const failure of analysis.failures) {
      diagnostics.unshift(
        fileDiagnostic(
          analysis.source,
          'internal-error',
          `Rule ${failure.ruleId} failed on this file (${errorMessage(failure.error)}); the other rules ran. This is a dfopt bug: please report it.`,
          DiagnosticSeverity.Warning,
        ),
      );
    }
    if (analysis.tooLarge !== null) {
      diagnostics.unshift(
        fileDiagnostic(analysis.source, 'too-large', `dfopt does not lint this file: it is ${tooLargeDetail(analysis.tooLarge)}, as on the command line`, DiagnosticSeverity.Warning),
      );
    }
    if (analysis.crash) {
      diagnostics.unshift(
        fileDiagnostic(analysis.source, 'internal-error', `dfopt could not lint this file (${errorMessage(analysis.crash)}). This is a dfopt bug: please report it.`, DiagnosticSeverity.Error),
      );
    }
    return diagnostics;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Documents, configs and settings

  private analysisFor(document: TextDocument): Analysis {
    return this.analysisOf(document.uri, document.getText(), document.version);
  }

  /** The analysis of one version of a document, computed once: diagnostics, actions and hover share it. */
  private analysisOf(uri: string, text: string, version: number): Analysis {
    const cached = this.analyses.get(uri);
    if (cached && cached.version === version && cached.source.text === text) return cached;
    const analysis = analyze(text, version, this.setupFor(uri).setup);
    for (const failure of analysis.failures) this.reportOnce(`rule:${failure.ruleId}`, `dfopt: rule ${failure.ruleId} failed`, failure.error, MessageType.Warning);
    if (analysis.crash) this.reportOnce('crash', 'dfopt: could not lint a file', analysis.crash, MessageType.Error);
    this.analyses.set(uri, analysis);
    if (!this.warmUpStarted) this.warmUp(uri, text);
    return analysis;
  }

  /**
   * A fresh server's first few hundred lints run the rules in V8's interpreter and baseline tiers, at about twice
   * the cost of the optimised code V8 compiles once a function has run long enough: in the bench (issue 17) edits
   * 1-100 cost 3.2-3.5 ms of main thread each against 1.1 (back to back) to 2.3 (typed) later. So, once, after the
   * first document is linted, the server lints that text again whenever it has had nothing to lint for
   * WARM_UP_IDLE_MS (the user reading, or between keystrokes), at most WARM_UP_LINTS times and WARM_UP_CPU_MS of CPU
   * in all, one lint per turn of the event loop: a keystroke then waits for at most the one warm-up lint under way
   * (none at all for a document whose lint is slower than WARM_UP_MAX_LINT_MS), and edits sent back to back are
   * never delayed. The results are thrown away; ShellCheck is not run for them. DFOPT_LSP_WARM_UP=0 turns it off
   * (the bench's A/B: typed p95 6.1-6.6 ms without, 4.6-5.4 with, on a quiet machine).
   */
  private warmUp(uri: string, text: string): void {
    this.warmUpStarted = true;
    if (process.env.DFOPT_LSP_WARM_UP === '0') return;
    const { setup, ignored } = this.setupFor(uri);
    if (ignored) return;
    const quiet: LintSetup = { ...setup, shellcheck: undefined };
    const variants = [text, `${text}\n`];
    let lints = 0;
    let cpuMicros = 0;
    let cheapest = Infinity;
    const step = () => {
      if (!this.documents.get(uri)) return;
      const idleFor = performance.now() - this.lastScheduledAt;
      if (this.pending.size > 0 || idleFor < WARM_UP_IDLE_MS) {
        setTimeout(step, Math.max(1, WARM_UP_IDLE_MS - idleFor)).unref();
        return;
      }
      const before = process.cpuUsage();
      analyze(variants[lints % 2]!, -1, quiet);
      const spent = process.cpuUsage(before);
      const micros = spent.user + spent.system;
      cpuMicros += micros;
      cheapest = Math.min(cheapest, micros);
      lints++;
      // The cheapest lint so far, not the last: early lints pay one-time costs (first compiles) and any lint a GC.
      if ((lints >= 3 && cheapest > WARM_UP_MAX_LINT_MS * 1000) || lints >= WARM_UP_LINTS || cpuMicros >= WARM_UP_CPU_MS * 1000) {
        this.connection.console.log(`dfopt: warmed up with ${lints} lints of ${uri} while idle (${Math.round(cpuMicros / 1000)} ms of CPU; DFOPT_LSP_WARM_UP=0 turns this off)`);
        return;
      }
      setImmediate(step);
    };
    setTimeout(step, WARM_UP_IDLE_MS).unref();
  }

  private setupFor(uri: string): DocumentSetup {
    let setup = this.setups.get(uri);
    if (setup) return setup;
    const path = filePath(uri);
    // An untitled buffer is governed by the workspace's config, as a new file at its root would be.
    const governed = path ?? (this.workspaceRoot ? join(this.workspaceRoot, 'Dockerfile') : null);
    let config: DfoptConfig = {};
    let configError: Error | null = null;
    if (governed) {
      try {
        config = this.resolver.forFile(governed);
      } catch (error) {
        configError = error instanceof Error ? error : new Error(String(error));
        const key = `config:${error instanceof ConfigError ? error.file : configError.message}`;
        this.reportOnce(key, `dfopt: ${configError.message}`, error instanceof ConfigError ? null : error, MessageType.Error);
      }
    }
    const ignored = path !== null && safeIsIgnored(path, config);
    const buildContext = path ? directoryBuildContext(dirname(path), path) : undefined;
    let shellcheck: ShellCheckRunner | undefined;
    try {
      shellcheck = shellcheckRunner(config.shellcheck, config.baseDir) ?? undefined;
    } catch (error) {
      this.reportOnce(`shellcheck:${config.shellcheck}`, `dfopt: shellcheck: ${(error as Error).message}`, null, MessageType.Warning);
    }
    setup = { setup: { registry: this.registry, config, buildContext, shellcheck }, configError, ignored };
    this.setups.set(uri, setup);
    return setup;
  }

  private settingsFor(uri: string): Promise<ClientSettings> {
    if (!this.configurationSupport) return Promise.resolve(this.globalSettings);
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dfopt' }).then(
        (raw: unknown) => readSettings(raw, this.globalSettings),
        () => this.globalSettings,
      );
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Never crash

  /** Runs a handler; an exception becomes a logged error (shown once) and a neutral answer, never a dead server. */
  private async guard<T>(what: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.reportOnce(`handler:${what}`, `dfopt: ${what} failed`, error, MessageType.Error);
      return fallback;
    }
  }

  private reportOnce(key: string, message: string, error: unknown, type: MessageType): void {
    if (error) this.connection.console.error(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message: error ? `${message}: ${errorMessage(error)}` : message });
  }
}

function filePath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function safeIsIgnored(path: string, config: DfoptConfig): boolean {
  try {
    return isIgnored(path, config.ignore, config.baseDir);
  } catch {
    return false;
  }
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
