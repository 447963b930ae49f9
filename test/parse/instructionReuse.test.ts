// The language server's reuse of unchanged instructions' parses between versions of a document (issue 17): what a
// reused parse gives must be what a fresh parse gives, and what is kept must stay bounded.
import fc from 'fast-check';
import { lint, lintText } from '../../src';
import { type DockerfileAST, MEMO, memoKey, memoOn, parseDockerfile, setInstructionReuse } from '../../src/parse';
import { keptParses } from '../../src/parse/parseDockerfile';
import { commandUses, runScripts } from '../../src/shell';
import { continuationLines, swallowedInstructions } from '../../rules/instructions/support';
import { scriptCheckKey, scriptHits, type ShellTarget } from '../../rules/shell/support';
import { FIXTURE_TEXTS } from '../support/mutatedDockerfiles';

const V1 = [
  'FROM alpine:3.20 AS build',
  'ARG VERSION=1.2',
  'RUN apk add --no-cache curl \\',
  '    && curl -fsSL https://example.com/x-${VERSION}.tgz | tar -xz -C /opt',
  'COPY --from=build --chown=1:1 /opt /opt',
  'RUN <<EOF',
  'set -e',
  'apt-get update',
  'EOF',
  'ONBUILD RUN echo hi > /x',
  'ENV A=1 B="two words"',
  'FROM debian:12-slim',
  'RUN apt-get install -y curl && rm -rf /tmp/*',
  'CMD ["curl", "http://x"]',
  '',
].join('\n');

/** Everything a node holds, positions included, as plain data. */
const plain = (ast: DockerfileAST): string =>
  JSON.stringify(ast.instructions, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && 'sourceOffsets' in value && 'text' in value
      ? { text: (value as { text: string }).text, offsets: (value as { sourceOffsets: readonly number[] }).sourceOffsets }
      : value,
  );

const fresh = (text: string) => {
  setInstructionReuse(false);
  try {
    return { ast: plain(parseDockerfile(text)), findings: JSON.stringify(lintText(text).findings) };
  } finally {
    setInstructionReuse(true);
  }
};

describe('instruction reuse between versions (language server)', () => {
  beforeEach(() => setInstructionReuse(true));
  afterAll(() => setInstructionReuse(false));

  it('gives the AST and findings of a fresh parse after an edit that shifts the lines below it', () => {
    const lines = V1.split('\n');
    // A line added above the second stage: what is above it is reused, what is below has moved.
    const v2 = [...lines.slice(0, 11), '# a new line', ...lines.slice(11)].join('\n');
    // And one typed into a line: everything after it moves by a character.
    const v3 = v2.replace('ARG VERSION=1.2', 'ARG VERSION=1.23');
    const expected = new Map([V1, v2, v3].map((t) => [t, fresh(t)]));
    setInstructionReuse(false);
    setInstructionReuse(true);
    const first = parseDockerfile(V1);
    for (const text of [V1, v2, v3, v2, V1, v3]) {
      const ast = parseDockerfile(text);
      expect(plain(ast)).toBe(expected.get(text)!.ast);
      expect(JSON.stringify(lintText(text).findings)).toBe(expected.get(text)!.findings);
    }
    const second = parseDockerfile(v2);
    // Reused above the new line (the same words), made anew below it, and every node a lint's own.
    expect(second.instructions[0]!.words).toBe(first.instructions[0]!.words);
    expect(second.instructions[6]!.words).toBe(first.instructions[6]!.words);
    expect(second.instructions[0]).not.toBe(first.instructions[0]);
    expect(second.instructions[7]!.words).not.toBe(first.instructions[7]!.words);
    expect(second.instructions[7]!.range.start.line).toBe(first.instructions[7]!.range.start.line + 1);
    expect(second.instructions.map((i) => i.index)).toEqual(first.instructions.map((_, i) => i));
  });

  it('keeps shared memos on the parse and a lint\'s memos on its own nodes', () => {
    const a = parseDockerfile(V1);
    const b = parseDockerfile(`${V1}# tail\n`);
    const runA = a.instructions[2]!;
    const runB = b.instructions[2]!;
    expect(runScripts(runB)).toBe(runScripts(runA));
    expect(commandUses(runB)).toBe(commandUses(runA));
    const perLint = memoKey('test.perLint');
    expect(memoOn(runA, perLint, () => 'a')).toBe('a');
    expect(runB[MEMO]?.[perLint]).toBeUndefined();
    expect(memoOn(runB, perLint, () => 'b')).toBe('b');
    // ONBUILD's trigger too: its own node per lint, its parse shared.
    expect(b.instructions[5]!.trigger).not.toBe(a.instructions[5]!.trigger);
    expect(b.instructions[5]!.trigger!.argsText).toBe(a.instructions[5]!.trigger!.argsText);
    // A copy with other arguments does not read the parse's memos.
    const copy = { ...runB, argsText: parseDockerfile('FROM a\nRUN true\n').instructions[1]!.argsText };
    expect(runScripts(copy)[0]!.text).toBe('true');
  });

  it('keeps the continuation-line scans of an unchanged instruction, and its findings', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN apk add curl \\',
      '',
      '    # a comment',
      '    git \\',
      'COPY . /app',
      'ENV A=1',
      '',
    ].join('\n');
    // Typed into the line above: the RUN moves by a character (a new parse), then back (the first one's again).
    const moved = text.replace('alpine:3.20', 'alpine:3.201');
    const expected = new Map([text, moved].map((t) => [t, fresh(t)]));
    for (const t of [text, moved, text, moved]) expect(JSON.stringify(lintText(t).findings)).toBe(expected.get(t)!.findings);
    const a = parseDockerfile(text);
    const b = parseDockerfile(`${text}# tail\n`);
    const c = parseDockerfile(moved);
    expect(continuationLines(b, b.instructions[1]!)).toBe(continuationLines(a, a.instructions[1]!));
    expect(swallowedInstructions(b, b.instructions[1]!)).toBe(swallowedInstructions(a, a.instructions[1]!));
    expect(swallowedInstructions(a, a.instructions[1]!).map((l) => [l.line, l.keyword])).toEqual([[5, 'COPY']]);
    expect(continuationLines(c, c.instructions[1]!)).not.toBe(continuationLines(a, a.instructions[1]!));
    expect(continuationLines(c, c.instructions[1]!)).toEqual(continuationLines(a, a.instructions[1]!));
    // A copy placed elsewhere does not read the parse's scan.
    const shifted = { ...a.instructions[1]!, range: a.instructions[2]!.range, keywordRange: a.instructions[2]!.keywordRange };
    expect(continuationLines(a, shifted)).not.toBe(continuationLines(a, a.instructions[1]!));
  });

  it('keeps what the shell rules find in a script of an unchanged RUN', () => {
    const key = scriptCheckKey();
    let searches = 0;
    const find = (target: ShellTarget) => {
      searches++;
      return [target.script.text.length];
    };
    const hitsOf = (text: string) => {
      const script = runScripts(parseDockerfile(text).instructions[2]!)[0]!;
      return scriptHits({ script, ast: script.ast! } as ShellTarget, key, find);
    };
    const first = hitsOf(V1);
    expect(hitsOf(`${V1}# tail\n`)).toBe(first);
    expect(searches).toBe(1);
    // Moved by a character: another parse of the RUN, but the same script text, so the same tree (runScript's memo).
    expect(hitsOf(V1.replace('alpine:3.20', 'alpine:3.201'))).toBe(first);
    expect(searches).toBe(1);
    expect(hitsOf(V1.replace('apk add --no-cache curl', 'apk add curl'))).toEqual([first[0]! - 11]);
    expect(searches).toBe(2);
  });

  it('keeps a bounded number of parses and of text', () => {
    const first = parseDockerfile(V1);
    // Not asked for by the documents parsed since: gone.
    for (let i = 0; i < 5; i++) parseDockerfile(`FROM alpine:3.20\nRUN echo ${i}\n`);
    expect(parseDockerfile(V1).instructions[0]!.words).not.toBe(first.instructions[0]!.words);
    // Many instructions, each document a few: at most two generations of 2,048.
    const many = Array.from({ length: 900 }, (_, i) => `RUN echo ${i}`).join('\n');
    for (let i = 0; i < 20; i++) parseDockerfile(`FROM alpine:3.20\nRUN echo version ${i}\n${many}\n`);
    expect(keptParses().entries).toBeLessThanOrEqual(2 * 2048);
    // Long instructions: at most two generations of 500,000 characters.
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 30; i++) parseDockerfile(`FROM alpine:3.20\nRUN echo ${i} ${big}\n`);
    expect(keptParses().chars).toBeLessThanOrEqual(2 * 500_000);
    // A document larger than half of that is not kept at all (it would push out its own parses).
    setInstructionReuse(false);
    setInstructionReuse(true);
    parseDockerfile(`FROM alpine:3.20\nRUN echo ${'y'.repeat(300_000)}\n`);
    expect(keptParses()).toEqual({ entries: 0, chars: 0 });
    parseDockerfile(V1);
    expect(keptParses().entries).toBe(10);
    setInstructionReuse(false);
    expect(keptParses()).toEqual({ entries: 0, chars: 0 });
  });
});

// The hand-made versions above, generalised: editing sessions on two documents at once, as a language server sees
// them (characters typed, typed over and deleted, lines duplicated, deleted, moved and pasted), each version's
// findings with reuse on against the same version's findings from a fresh parse. A stale parse or memo shows as a
// difference: this catches a reuse that ignores the text or the line (the hand-made cases above catch neither).
describe('instruction reuse over random editing sessions', () => {
  const TYPED = ['a', 'x', '1', ' ', '\t', '\n', '\\', '"', "'", '$', '{', '}', '#', '=', '-', '&', ';', '|', '/', '*',
    '`'];
  const PASTED = [
    'FROM alpine:3.19 AS build', 'COPY --from=build /out /out', 'RUN apt-get update && apt-get install curl',
    'RUN cd /app && make', 'ENV A=1 B=$A', 'ARG VERSION=1.0', 'WORKDIR app', '# hadolint ignore=DL3008',
    '# dfopt-disable-next-line', 'RUN <<EOF', 'EOF', 'RUN echo a \\', 'SHELL ["/bin/bash", "-c"]',
    'ONBUILD RUN echo hi', '# escape=`',
  ];
  const anEdit = fc.record({
    kind: fc.constantFrom('type', 'overwrite', 'delete', 'duplicate-line', 'delete-line', 'paste-line',
      'move-line'),
    at: fc.nat(),
    to: fc.nat(),
    typed: fc.constantFrom(...TYPED),
    pasted: fc.constantFrom(...PASTED),
  });
  type Edit = typeof anEdit extends fc.Arbitrary<infer E> ? E : never;
  const applyEdit = (text: string, e: Edit): string => {
    const at = e.at % (text.length + 1);
    const lines = text.split('\n');
    const line = e.at % lines.length;
    switch (e.kind) {
      case 'type':
        return text.slice(0, at) + e.typed + text.slice(at);
      // Every offset after it stays where it was, while a line break typed or typed over moves lines and columns.
      case 'overwrite':
        return text.slice(0, at) + e.typed + text.slice(at + 1);
      case 'delete':
        return text.slice(0, at) + text.slice(at + 1 + (e.to % 3));
      case 'duplicate-line':
        lines.splice(line, 0, lines[line]!);
        break;
      case 'delete-line':
        lines.splice(line, 1);
        break;
      case 'paste-line':
        lines.splice(line, 0, e.pasted);
        break;
      case 'move-line': {
        const [moved] = lines.splice(line, 1);
        lines.splice(e.to % (lines.length + 1), 0, moved!);
        break;
      }
    }
    return lines.join('\n');
  };
  const findings = (text: string): string => JSON.stringify(lint(text, { config: { extends: 'all' } }).findings);

  afterEach(() => setInstructionReuse(false));

  it('gives every version the findings of a fresh parse', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURE_TEXTS),
        fc.constantFrom(...FIXTURE_TEXTS),
        fc.array(fc.tuple(anEdit, anEdit), { minLength: 1, maxLength: 12 }),
        (first, second, edits) => {
          const sessions = [[first], [second]];
          for (const pair of edits) pair.forEach((e, d) => sessions[d]!.push(applyEdit(sessions[d]!.at(-1)!, e)));
          setInstructionReuse(false);
          const expected = sessions.map((versions) => versions.map(findings));
          setInstructionReuse(true);
          for (let k = 0; k < sessions[0]!.length; k++) {
            for (let d = 0; d < 2; d++) expect(findings(sessions[d]![k]!)).toBe(expected[d]![k]);
          }
        },
      ),
      { numRuns: 120, seed: 18 },
    );
  }, 60_000);
});
