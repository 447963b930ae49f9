/**
 * `dfopt lsp --stdio`: the language server over standard input and output. Built as its own bundle (dist/lsp.js)
 * and loaded only by the `lsp` command, so `dfopt lint` never pays for vscode-languageserver.
 */
import { format } from 'node:util';
import { createConnection, StreamMessageReader } from 'vscode-languageserver/node';
import { FrameWriter } from './frameWriter';
import { DfoptServer, InboxWatcher } from './server';

export { DfoptServer, InboxWatcher, readSettings } from './server';

export function startStdioServer(): void {
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
