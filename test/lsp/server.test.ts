// End to end: the built `dfopt lsp --stdio`, driven by a real JSON-RPC client as an editor drives it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { CAPABILITIES, LspClient } from './lspClient';

const DOCKERFILE = [
  'FROM ubuntu:22.04 AS build',
  'MAINTAINER someone@example.com',
  'RUN apt-get update && apt-get install -y curl',
  'from debian:12.5-slim',
  'COPY --from=build /usr/bin/curl /usr/bin/curl',
  'CMD curl http://x',
  '',
].join('\n');

// pin-apt-versions is off in recommended; these tests use its findings as ordinary fix-less diagnostics.
const PIN_APT = 'rules:\n  pin-apt-versions: warning\n';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-lsp-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));
const byCode = (diagnostics: readonly Diagnostic[], code: string): Diagnostic => {
  const found = diagnostics.find((d) => d.code === code);
  if (!found) throw new Error(`no ${code} diagnostic in ${codes(diagnostics).join(', ')}`);
  return found;
};

// Each test spawns a server; on a loaded machine (the whole suite in parallel) that takes more than jest's 5 s.
jest.setTimeout(30_000);

describe('dfopt lsp --stdio', () => {
  let client: LspClient | undefined;
  afterEach(() => client?.kill());

  it('publishes diagnostics, applies quick fixes, disables a rule for a line, fixes all, and exits on shutdown', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    const init = await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    expect(init.serverInfo.name).toBe('dfopt');
    expect(init.capabilities).toMatchObject({ textDocumentSync: { change: 2 }, hoverProvider: true, definitionProvider: true });
    // This client only takes pushed diagnostics, so the server must not also offer pull (they would show twice).
    expect(init.capabilities.diagnosticProvider).toBeUndefined();

    await client.open(uri, DOCKERFILE);
    const first = await client.diagnostics(uri, 1);
    expect(codes(first.diagnostics)).toEqual(['no-maintainer', 'apt-no-install-recommends', 'pin-apt-versions', 'consistent-instruction-casing', 'json-cmd-entrypoint']);
    const maintainer = byCode(first.diagnostics, 'no-maintainer');
    expect(maintainer).toMatchObject({
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
      severity: 1,
      source: 'dfopt',
      tags: [2],
      codeDescription: { href: expect.stringMatching(/docs\/rules\/no-maintainer\.md$/) },
    });
    expect(byCode(first.diagnostics, 'apt-no-install-recommends').range).toEqual({ start: { line: 2, character: 22 }, end: { line: 2, character: 37 } });

    // Quick fix: the preferred (safe) action for MAINTAINER.
    const actions = await client.codeActions(uri, maintainer.range, [maintainer]);
    const titles = actions.map((a) => `${a.kind}: ${a.title}`);
    expect(titles).toEqual(
      expect.arrayContaining(['quickfix: Disable no-maintainer for this line', 'quickfix: Disable no-maintainer in this file', 'source.fixAll.dfopt: Fix all safe dfopt problems']),
    );
    const quickFix = actions.find((a) => a.isPreferred)!;
    expect(quickFix.kind).toBe('quickfix');
    expect(quickFix.diagnostics).toEqual([maintainer]);
    const v2 = await client.apply(uri, quickFix.edit!);
    expect(client.text(uri)).toContain('LABEL org.opencontainers.image.authors="someone@example.com"');
    const second = await client.diagnostics(uri, v2);
    expect(codes(second.diagnostics)).not.toContain('no-maintainer');
    expect(codes(second.diagnostics)).toContain('consistent-instruction-casing');

    // Unsafe fixes are not quick fixes unless the user turns them on.
    const recommends = byCode(second.diagnostics, 'apt-no-install-recommends');
    const unsafeOff = await client.codeActions(uri, recommends.range, [recommends]);
    expect(unsafeOff.map((a) => a.title)).not.toContainEqual(expect.stringContaining('unsafe'));

    // Disable a rule for one line: the directive goes above the instruction and the finding goes away.
    const disable = unsafeOff.find((a) => a.title === 'Disable apt-no-install-recommends for this line')!;
    const v3 = await client.apply(uri, disable.edit!);
    expect(client.text(uri)).toContain('# dfopt-disable-next-line apt-no-install-recommends\nRUN apt-get update');
    expect(codes((await client.diagnostics(uri, v3)).diagnostics)).not.toContain('apt-no-install-recommends');

    // Fix all (what editor.codeActionsOnSave asks for): safe fixes only, never the unsafe JSON-form CMD.
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    expect(fixAll.map((a) => a.kind)).toEqual(['source.fixAll.dfopt']);
    const v4 = await client.apply(uri, fixAll[0]!.edit!);
    expect(client.text(uri)).toContain('\nFROM debian:12.5-slim\n');
    expect(client.text(uri)).toContain('\nCMD curl http://x\n');
    const fourth = await client.diagnostics(uri, v4);
    expect(codes(fourth.diagnostics)).toEqual(['pin-apt-versions', 'json-cmd-entrypoint']);

    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.until(() => client!.published.at(-1)?.diagnostics.length === 0, 5000, 'cleared diagnostics');

    expect(await client.shutdown()).toBe(0);
    // The process is gone: signalling it fails.
    expect(() => process.kill(client!.process.pid!, 0)).toThrow();
  });

  it('offers unsafe fixes, titled as such, when unsafeFixes is on; the optimizer rewrite as a refactor', async () => {
    const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
    const dir = project({ Dockerfile: text });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    client.settings = { unsafeFixes: true };
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, text);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const multiStage = byCode(diagnostics, 'use-multi-stage');
    const actions: CodeAction[] = await client.codeActions(uri, multiStage.range, [multiStage]);
    const rewrite = actions.find((a) => a.kind === 'refactor.rewrite');
    expect(rewrite?.title).toMatch(/^Rewrite: /);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: multiStage.range.start });
    expect(JSON.stringify(hover.contents)).toContain('use-multi-stage');
    await client.apply(uri, rewrite!.edit!);
    expect(client.text(uri)).toMatch(/FROM golang:1\.22 AS build[\s\S]*COPY --from=build/);

    const other = pathToFileURL(join(dir, 'other.Dockerfile')).href;
    await client.open(other, 'FROM debian:12.5-slim\nCMD echo hi\n');
    const shellForm = byCode((await client.diagnostics(other, 1)).diagnostics, 'json-cmd-entrypoint');
    const unsafe = (await client.codeActions(other, shellForm.range, [shellForm])).find((a) => a.title.includes('unsafe'));
    expect(unsafe).toMatchObject({ kind: 'quickfix', title: expect.stringMatching(/\(unsafe: may change what the image contains or runs\)$/) });
    expect(unsafe!.isPreferred).toBeUndefined();
  });

  it('a fix that writes .dockerignore creates it through the WorkspaceEdit, and the finding goes once it exists', async () => {
    const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';
    const dir = project({ Dockerfile: text });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    client.settings = { unsafeFixes: true };
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, text);
    const finding = byCode((await client.diagnostics(uri, 1)).diagnostics, 'missing-dockerignore');
    const action = (await client.codeActions(uri, finding.range, [finding])).find((a) => a.title.includes('unsafe'))!;
    const ignoreUri = pathToFileURL(join(dir, '.dockerignore')).href;
    const changes = action.edit!.documentChanges!;
    expect(changes[0]).toEqual({ kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } });
    // What an editor does with it: create the file, insert the text, save; then the server hears of the new file.
    const insert = changes[1] as { textDocument: { uri: string }; edits: { newText: string }[] };
    expect(insert.textDocument.uri).toBe(ignoreUri);
    expect(insert.edits[0]!.newText).toMatch(/^\.git\n/m);
    writeFileSync(join(dir, '.dockerignore'), insert.edits[0]!.newText);
    const count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ignoreUri, type: 1 }] });
    await client.until(() => client!.published.length > count, 5000, 'diagnostics after .dockerignore appeared');
    expect(codes(client.published.at(-1)!.diagnostics)).not.toContain('missing-dockerignore');
  });

  // The append goes after the text the server read: a .dockerignore over its 1 MiB read limit would get it in the
  // middle, so that fix is not offered there; a small one gets it at its end.
  it.each([
    ['under 1 MiB: appended at its end', 'node_modules\n', true],
    ['over 1 MiB: not offered', `node_modules\n${'#'.repeat(1024 * 1024)}\n`, false],
  ])('a fix that appends to an existing .dockerignore, %s', async (_label, ignore, offered) => {
    const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';
    const dir = project({ Dockerfile: text, '.dockerignore': ignore, '.env': 'TOKEN=1\n' });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    client.settings = { unsafeFixes: true };
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, text);
    const finding = byCode((await client.diagnostics(uri, 1)).diagnostics, 'missing-dockerignore');
    const action = (await client.codeActions(uri, finding.range, [finding])).find((a) => a.title.includes('unsafe'));
    if (!offered) return expect(action).toBeUndefined();
    const end = { line: 1, character: 0 };
    expect(action!.edit!.documentChanges).toEqual([{ textDocument: { uri: pathToFileURL(join(dir, '.dockerignore')).href, version: null }, edits: [{ range: { start: end, end }, newText: '.env\n' }] }]);
  });

  // The build context was read once per document: a .env added later was never seen (only config and ignore files are
  // watched) until the server restarted. A save now reads the context afresh.
  it('a file added to the build context counts after the next save', async () => {
    const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';
    const dir = project({ Dockerfile: text, '.dockerignore': 'node_modules\n' });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, text);
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).not.toContain('missing-dockerignore');
    writeFileSync(join(dir, '.env'), 'TOKEN=1\n');
    const count = client.published.length;
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.until(() => client!.published.length > count, 5000, 'diagnostics after the save');
    expect(codes(client.published.at(-1)!.diagnostics)).toContain('missing-dockerignore');
  });

  // Halfway through typing a new instruction (`RU`) the file has a syntax error and no tree, and hover showed nothing
  // anywhere in it. Keywords are found by the parser's line scan then.
  it('hover explains the instructions of a file with a syntax error', async () => {
    const text = 'FROM alpine:3.19\nRUN echo hi \\\n  COPY\nRU\n';
    const dir = project({ Dockerfile: text });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, text);
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).toEqual(['syntax-error']);
    const hover = (line: number, character: number): Promise<Hover | null> =>
      client!.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    expect(JSON.stringify((await hover(0, 2))?.contents)).toContain('FROM [--platform=');
    expect(JSON.stringify((await hover(1, 1))?.contents)).toContain('RUN ');
    // A word inside a continuation is an argument, not an instruction.
    expect(await hover(2, 3)).toBeNull();
    expect(JSON.stringify((await hover(3, 0))?.contents)).toContain('syntax-error');
  });

  it('hover, document symbols and go to definition follow stages', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, DOCKERFILE);
    const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

    const definition: Location = await client.connection.sendRequest('textDocument/definition', at(4, 14));
    expect(definition).toEqual({ uri, range: { start: { line: 0, character: 21 }, end: { line: 0, character: 26 } } });

    const stageHover: Hover = await client.connection.sendRequest('textDocument/hover', at(0, 23));
    expect(JSON.stringify(stageHover.contents)).toMatch(/stage 'build'.*FROM ubuntu:22.04.*line 5: `COPY` --from/);
    const fromHover: Hover = await client.connection.sendRequest('textDocument/hover', at(4, 14));
    expect(JSON.stringify(fromHover.contents)).toContain("stage 'build'");
    const keywordHover: Hover = await client.connection.sendRequest('textDocument/hover', at(2, 1));
    expect(JSON.stringify(keywordHover.contents)).toContain('Runs a command in a new layer');
    const findingHover: Hover = await client.connection.sendRequest('textDocument/hover', at(1, 3));
    expect(JSON.stringify(findingHover.contents)).toMatch(/no-maintainer.*docs\/rules\/no-maintainer\.md/);

    // relatedInformation: on the earlier CMD (BuildKit's place), the CMD that replaces it. The default preset gives one
    // finding per pair, so hadolint's DL4003 on the second CMD is not repeated (issue 19).
    const twice = pathToFileURL(join(dir, 'twice.Dockerfile')).href;
    await client.open(twice, 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n');
    const pair = (await client.diagnostics(twice, 1)).diagnostics.filter((d) => d.code === 'single-cmd-entrypoint-healthcheck');
    expect(pair.map((d) => d.relatedInformation)).toEqual([
      [{ location: { uri: twice, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } } }, message: 'the CMD that replaces it' }],
    ]);

    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => [s.name, s.detail, s.children?.map((c) => c.name)])).toEqual([
      ['build', 'FROM ubuntu:22.04', ['FROM', 'MAINTAINER', 'RUN']],
      ['stage 1', 'FROM debian:12.5-slim (final)', ['FROM', 'COPY', 'CMD']],
    ]);
  });

  it('disables a rule in the file below the parser directives, adding to the directive already there', async () => {
    const text = '# syntax=docker/dockerfile:1\nFROM ubuntu:22.04\nRUN apt-get install -y curl\n';
    const dir = project({ Dockerfile: text, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, text);
    const disableInFile = async (code: string) => {
      const published = client!.published.filter((p) => p.uri === uri).at(-1)!;
      const diagnostic = byCode(published.diagnostics, code);
      const actions = await client!.codeActions(uri, diagnostic.range, [diagnostic]);
      const version = await client!.apply(uri, actions.find((a) => a.title === `Disable ${code} in this file`)!.edit!);
      return codes((await client!.diagnostics(uri, version)).diagnostics);
    };
    await client.diagnostics(uri, 1);
    expect(await disableInFile('pin-apt-versions')).not.toContain('pin-apt-versions');
    expect(client.text(uri)).toBe('# syntax=docker/dockerfile:1\n# dfopt-disable-file pin-apt-versions\nFROM ubuntu:22.04\nRUN apt-get install -y curl\n');
    expect(await disableInFile('apt-no-install-recommends')).toEqual([]);
    expect(client.text(uri)).toContain('# dfopt-disable-file pin-apt-versions, apt-no-install-recommends\n');
  });

  it('publishes only the newest version of a burst of edits, and follows run: onSave and enable', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, DOCKERFILE);
    await client.diagnostics(uri, 1);
    // 30 keystrokes sent at once, as a fast typist or a paste produces them.
    const end = { line: 6, character: 0 };
    const sent = [];
    for (let i = 0; i < 30; i++) sent.push(client.change(uri, [{ range: { start: end, end }, text: i === 29 ? 'RUN echo\n' : '' }]));
    const last = (await Promise.all(sent)).at(-1)!;
    await client.diagnostics(uri, last);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
    expect(versions.length).toBeLessThan(10);
    // Never an older version after a newer one.
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);

    // run: onSave — a change alone publishes nothing; the save publishes the saved text's diagnostics.
    client.settings = { run: 'onSave' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const count = client.published.length;
    const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    // A request answered after the change proves the change was handled (and would have been linted by now).
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(client.published.slice(count).map((p) => p.version)).not.toContain(v);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    expect((await client.diagnostics(uri, v)).diagnostics.length).toBeGreaterThan(0);

    // enable: false clears them.
    client.settings = { enable: false };
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => client!.published.length > before, 5000, 'diagnostics after disabling');
    expect(client.published.at(-1)!.diagnostics).toEqual([]);
  });

  it('warms up once while idle after the first lint, edits still answered in between; DFOPT_LSP_WARM_UP=0 turns it off', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    const warmed = (logs: readonly string[]) => logs.filter((l) => l.startsWith('dfopt: warmed up with '));
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    const start = Date.now();
    await client.open(uri, DOCKERFILE);
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).toContain('no-maintainer');
    // Idle long enough for the warm-up to begin, then an edit (deleting the MAINTAINER line) while it runs.
    await new Promise((done) => setTimeout(done, 40));
    const v = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    expect(codes((await client.diagnostics(uri, v)).diagnostics)).not.toContain('no-maintainer');
    await client.until(() => warmed(client!.logs).length > 0, 20_000, 'the warm-up log line');
    const took = Date.now() - start;
    const [line] = warmed(client.logs);
    const lints = Number(/with (\d+) lints/.exec(line!)?.[1]);
    expect(lints).toBeGreaterThanOrEqual(3);
    expect(lints).toBeLessThanOrEqual(400);
    // The warm-up's own lints publish nothing: only the two versions the client sent.
    expect([...new Set(client.published.filter((p) => p.uri === uri).map((p) => p.version))]).toEqual([1, v]);
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(warmed(client.logs)).toHaveLength(1);

    const off = new LspClient({ cwd: dir, env: { DFOPT_LSP_WARM_UP: '0' } });
    try {
      await off.initialize(CAPABILITIES, pathToFileURL(dir).href);
      await off.open(uri, DOCKERFILE);
      await off.diagnostics(uri, 1);
      // Twice as long as the warm-up above took to finish, then a request to be sure every log line sent is in.
      await new Promise((done) => setTimeout(done, Math.max(500, 2 * took)));
      await off.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      expect(warmed(off.logs)).toEqual([]);
    } finally {
      off.kill();
    }
  });

  it('exits when the editor goes away without shutdown (its stdin closes), rather than lingering', async () => {
    client = new LspClient();
    await client.initialize(CAPABILITIES, null);
    client.process.stdin!.end();
    expect(await client.exited).toBe(1);
  });

  it('does not lint a document over 1 MiB, as the CLI does not read one: one warning on line 1, no fixes; lints it again once smaller', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    const fillerLines = 17_000; // 64 bytes each: 1.04 MiB
    await client.open(uri, DOCKERFILE + `# ${'x'.repeat(61)}\n`.repeat(fillerLines));
    const big = await client.diagnostics(uri, 1);
    expect(big.diagnostics).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: DOCKERFILE.indexOf('\n') } },
        severity: 2,
        code: 'too-large',
        source: 'dfopt',
        message: `dfopt does not lint this file: it is too large (${DOCKERFILE.length + 64 * fillerLines} bytes; the limit is 1048576 bytes), as on the command line`,
      },
    ]);
    const whole = { start: { line: 0, character: 0 }, end: { line: 6 + fillerLines, character: 0 } };
    expect(await client.codeActions(uri, whole, [], ['source.fixAll'])).toEqual([]);

    await client.change(uri, [{ range: { start: { line: 6, character: 0 }, end: whole.end }, text: '' }]);
    expect(codes((await client.diagnostics(uri, 2)).diagnostics)).toContain('no-maintainer');
    expect(await client.shutdown()).toBe(0);
  });

  it('answers pull diagnostics when the client asks for them, and then does not push', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': PIN_APT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    const init = await client.initialize({ ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } });
    expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false });
    await client.open(uri, DOCKERFILE);
    const report: { kind: string; items: Diagnostic[] } = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    expect(codes(report.items)).toContain('no-maintainer');
    expect(client.published).toEqual([]);
  });

  it('shows a config error once, on line 1 and as a message, and lints again when the config is fixed', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': `${PIN_APT}  no-maintaner: off\n` });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, DOCKERFILE);
    const broken = await client.diagnostics(uri, 1);
    expect(broken.diagnostics[0]).toMatchObject({ code: 'config-error', severity: 1, range: { start: { line: 0, character: 0 } } });
    expect(broken.diagnostics[0]!.message).toMatch(/\.dfopt\.yaml:3: rules\.no-maintaner/);
    await client.change(uri, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '# more\n' }]);
    await client.diagnostics(uri, 2);
    expect(client.messages.filter((m) => m.message.includes('no-maintaner'))).toHaveLength(1);

    writeFileSync(join(dir, '.dfopt.yaml'), `${PIN_APT}  no-maintainer: off\n`);
    const count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.dfopt.yaml')).href, type: 2 }] });
    await client.until(() => client!.published.length > count, 5000, 'diagnostics after the config change');
    const fixed = client.published.at(-1)!;
    expect(codes(fixed.diagnostics)).not.toContain('config-error');
    expect(codes(fixed.diagnostics)).not.toContain('no-maintainer');
    expect(codes(fixed.diagnostics)).toContain('pin-apt-versions');
    expect(await client.shutdown()).toBe(0);
  });

  // Opening a cloned repository's Dockerfile ran the program its .dfopt.yaml named for `shellcheck:`.
  it('runs no program a workspace config names: a config error instead', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dfopt.yaml': 'shellcheck: ./evil.sh\n', 'evil.sh': '#!/bin/sh\ntouch ran\n' });
    chmodSync(join(dir, 'evil.sh'), 0o755);
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    client = new LspClient({ cwd: dir });
    await client.initialize(CAPABILITIES, pathToFileURL(dir).href);
    await client.open(uri, DOCKERFILE);
    const published = await client.diagnostics(uri, 1);
    expect(published.diagnostics[0]).toMatchObject({ code: 'config-error', severity: 1 });
    expect(published.diagnostics[0]!.message).toMatch(/\.dfopt\.yaml:1: shellcheck: must be auto, off or shellcheck \(the one on PATH\), not '\.\/evil\.sh'/);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    expect(await client.shutdown()).toBe(0);
  });
});
