// 1,000 random edits (insertions and deletions at random offsets of corpus files, biased towards the half-typed
// text that breaks parsers: open heredocs, dangling continuations, broken JSON, escape directives) against one
// `dfopt lsp --stdio`, with requests in between: every request is answered, the server never exits, and the last
// version of every document gets its diagnostics. Seeded, so a failure replays: DFOPT_SEED=<n> npm run test:lsp.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { rngFrom as random } from '../../scripts/fuzz-lib';
import { CAPABILITIES, LspClient } from '../lsp/lspClient';

const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'files');
const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');
const SEED = Number(process.env.DFOPT_SEED ?? 17);
const EDITS = 1000;


const FRAGMENTS = [
  '\\\n', '\\', '<<EOF\n', '<<-EOT\nline\n', 'EOF\n', '["', '", "', ']', '[', '"', "'", '$', '${', '${VAR:-', '}', '\n', '\r\n', '\r',
  '# escape=`\n', '# escape=\\\n', '# escape=x\n', '# syntax=docker/dockerfile:1\n', '`\n', 'RUN ', 'FROM ', 'FROM scratch\n', ' AS ',
  'COPY --from=', '--mount=type=cache,target=/root/.cache ', 'ONBUILD ', 'HEALTHCHECK CMD ', 'ARG X=1\n', 'ENV A=$A B=${A}\n',
  '&& ', '|| ', '| ', ';', '(', ')', '{ ', 'if [ -f x ]; then ', 'fi', '😀', '\t', ' ', '#', '# dfopt-disable-next-line ', 'é',
];

function corpusFiles(): { name: string; text: string }[] {
  const dir = existsSync(CORPUS) ? CORPUS : null;
  if (dir) {
    const names = readdirSync(dir).sort();
    // Every 150th file: a spread of sizes and styles, the same on every run.
    return names.filter((_, i) => i % 150 === 0).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  }
  console.warn(`random-edits: corpus not found at ${CORPUS}; editing the fixtures instead`);
  return readdirSync(FIXTURES)
    .slice(0, 20)
    .flatMap((rule) => {
      const file = join(FIXTURES, rule, 'bad.Dockerfile');
      return existsSync(file) ? [{ name: `${rule}.Dockerfile`, text: readFileSync(file, 'utf8') }] : [];
    });
}

describe(`1,000 random edits (seed ${SEED})`, () => {
  let client: LspClient | undefined;
  afterAll(() => client?.kill());

  it('every request is answered, the server stays up, and each document ends with diagnostics for its last version', async () => {
    const rand = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(5);
    client = new LspClient();
    client.settings = { unsafeFixes: true };
    await client.initialize(CAPABILITIES, null);
    const uris = files.map((f) => `untitled:${f.name}`);
    for (const [i, file] of files.entries()) await client.open(uris[i]!, file.text);

    let requests = 0;
    let appliedFixes = 0;
    for (let n = 0; n < EDITS; n++) {
      const uri = pick(uris);
      const doc = client.documents.get(uri)!;
      const text = doc.getText();
      const at = Math.floor(rand() * (text.length + 1));
      const deleting = rand() < 0.4 && text.length > 0;
      const end = deleting ? Math.min(text.length, at + 1 + Math.floor(rand() * 30)) : at;
      const insert = deleting ? '' : pick(FRAGMENTS);
      await client.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(end) }, text: insert }]);

      // Now and then, what an editor asks while the user types; each must come back (an error response is a failure).
      if (n % 5 === 0) {
        const current = client.documents.get(uri)!;
        // Half the time on a diagnostic the client holds, where the quick fixes are.
        const held = client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
        const position =
          held.length > 0 && rand() < 0.5 ? pick(held).range.start : current.positionAt(Math.floor(rand() * (current.getText().length + 1)));
        const range = { start: position, end: position };
        const [actions] = await Promise.all([
          client.codeActions(uri, range, [], rand() < 0.3 ? ['source.fixAll'] : undefined),
          client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }),
          client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
          client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position }),
        ]);
        requests += 4;
        // Apply a fix now and then: its edits must fit the text they were computed for.
        const fix = (actions as CodeAction[]).find((a) => a.edit && a.kind !== 'refactor.rewrite');
        if (fix && rand() < 0.5 && client.documents.get(uri)!.version === current.version) {
          await client.apply(uri, fix.edit!);
          appliedFixes++;
        }
      }
    }
    for (const uri of uris) await client.diagnostics(uri, client.documents.get(uri)!.version, 30_000);
    expect(client.process.exitCode).toBeNull();
    expect(requests).toBeGreaterThanOrEqual(EDITS / 5 * 4);
    // Rule failures are reported, not fatal; list them so a crash the edits found is visible in the output.
    const failures = client.messages.filter((m) => m.type === 1);
    if (failures.length > 0) console.warn(`random-edits: the server reported\n${failures.map((m) => m.message).join('\n')}`);
    expect(failures.filter((m) => !m.message.startsWith('dfopt: rule '))).toEqual([]);
    console.log(`random-edits: ${EDITS} edits, ${requests} requests, ${appliedFixes} fixes applied, ${files.length} documents`);
    expect(await client.shutdown()).toBe(0);
  }, 180_000);
});
