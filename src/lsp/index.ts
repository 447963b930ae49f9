/**
 * `dfopt lsp --stdio`: the language server over standard input and output. Built as its own bundle (dist/lsp.js)
 * and loaded only by the `lsp` command, so `dfopt lint` never pays for vscode-languageserver.
 */
import { format } from 'node:util';
import v8 from 'node:v8';
import { createConnection, StreamMessageReader } from 'vscode-languageserver/node';
import { FrameWriter } from './frameWriter';
import { DfoptServer, InboxWatcher } from './server';

export { DfoptServer, InboxWatcher, readSettings } from './server';

/**
 * V8's cumulative inlining budget (bytecode bytes) for one TurboFan compile in the server; V8's default is 920.
 * A server lints the same text again at every keystroke, so its first hundred or so edits run while TurboFan
 * compiles the engine on the other core. At the default budget, the first 300 lints of a 300-line file cost
 * 1.6 s of TurboFan compiling, and the first 100 edits had a p95 of ~7 ms. At 150, the small inlines (accessors, tiny
 * helpers) stay, compiling costs 0.95 s, and the steady state is unchanged (lint p50 1.38 ms either way). Over 1,000
 * edits the bench's p95 went from 5.3-6.2 ms to 3.9-4.8 ms (npm run bench -- --only lsp, paired builds; issue 17).
 */
const INLINE_BUDGET = 150;

export function startStdioServer(): void {
  // Only TurboFan reads this, at each compile, and nothing has been optimised yet: no lint has run in this process.
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINE_BUDGET}`);
  // stdout carries the protocol: anything a dependency logs goes to stderr, which clients show as the server's log.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  }
  const reader = new InboxWatcher(new StreamMessageReader(process.stdin));
  const connection = createConnection(reader, new FrameWriter(process.stdout));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  // The client went away without `exit`: leave too, rather than linger as an orphan.
  const leave = (): never => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', leave);
  process.stdin.on('close', leave);
  // Last line of defence: every handler is guarded, but a server that dies takes every open editor's diagnostics with it.
  process.on('uncaughtException', (error) => connection.console.error(`dfopt: uncaught ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (error) => connection.console.error(`dfopt: unhandled rejection ${String(error)}`));
  new DfoptServer(connection, reader).listen();
}
