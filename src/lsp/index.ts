/**
 * `dfopt lsp --stdio`: the language server over standard input and output. Built as its own bundle (dist/lsp.js)
 * and loaded only by the `lsp` command, so `dfopt lint` never pays for vscode-languageserver.
 */
import { format } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { createConnection, StreamMessageReader } from 'vscode-languageserver/node';
import { FrameWriter } from './frameWriter';
import { DfoptServer, InboxWatcher } from './server';

export { DfoptServer, InboxWatcher, readSettings } from './server';

export function startStdioServer(): void {
  // stdout carries the protocol: anything a dependency logs goes to stderr, which clients show as the server's log.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  }
  // Scavenges on the main thread alone. The young generation's survivors at any moment are about one lint's AST and
  // model (< 0.5 MB), which one thread copies in well under a millisecond; V8's parallel scavenger hands the work to
  // helper threads and waits for them, and on a busy machine (an editor, a build, other language servers) that wait
  // is the pause. Typed arm of the bench (about 81 scavenges per 1,000 edits, load average 7-11 on 2 cores): scavenge
  // p50 1.6-6.4 ms in parallel, 0.70-1.15 ms without (7 and 6 runs); in-process, 2,000 lints: 2.7-5.5 vs 0.57-0.62 ms.
  // An edit that lands on a scavenge waits for all of it (issue 17). Young-generation sizes: see bench/lspBench.ts.
  setFlagsFromString('--no-parallel-scavenge');
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
