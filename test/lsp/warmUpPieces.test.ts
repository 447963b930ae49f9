import { createDefaultRegistry } from '../../src/index';
import { analyze } from '../../src/lsp/analysis';
import { warmUpPieces } from '../../src/lsp/server';

const setup = { registry: createDefaultRegistry(), config: {}, buildContext: undefined };
const piecesOf = (text: string) => warmUpPieces(analyze(text, 1, setup));
/** n instructions of one line each, numbered so that every line of the text is different. */
const envs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `ENV V${from + i}=${from + i}`);

describe('warmUpPieces (the language server warm-up texts)', () => {
  it('leaves a short document whole', () => {
    const text = ['FROM alpine:3.20', ...envs(0, 5), ''].join('\n');
    expect(piecesOf(text)).toEqual([text]);
  });

  it('cuts a long document where instructions start, each piece led by the head and by its stage FROM', () => {
    const head = ['# syntax=docker/dockerfile:1', '# a comment before the first instruction', ''];
    const lines = [...head, 'FROM alpine:3.20 AS build', ...envs(0, 40), 'FROM debian:12 AS run', ...envs(40, 40), ''];
    const text = lines.join('\n');
    const pieces = piecesOf(text);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    const bodies = pieces.map((piece) => {
      const pieceLines = piece.split('\n');
      expect(pieceLines.slice(0, head.length)).toEqual(head);
      const rest = pieceLines.slice(head.length);
      // Every piece is linted as part of a stage: it starts with a FROM, its own or its stage's put in front.
      expect(rest[0]).toMatch(/^FROM /);
      expect(rest.length).toBeLessThanOrEqual(30 + 2);
      return text.includes(`${rest[0]}\n${rest[1]}`) ? rest : rest.slice(1);
    });
    // Put back together without the FROMs put in front, the pieces are the document: nothing lost or repeated.
    expect(head.join('\n') + '\n' + bodies.map((b) => b.join('\n')).join('')).toBe(text);
    expect(bodies.some((b, i) => i > 0 && !b[0]!.startsWith('FROM '))).toBe(true);
  });

  it('never cuts an instruction, however long; an ONBUILD and its trigger stay together', () => {
    const run = ['RUN set -eux; \\', ...Array.from({ length: 50 }, (_, i) => `    echo ${i}; \\`), '    true'];
    const text = ['FROM alpine:3.20', ...envs(0, 10), 'ONBUILD RUN echo \\', '    trigger', ...run, ...envs(10, 10), ''].join('\n');
    const pieces = piecesOf(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.filter((p) => p.includes(run.join('\n')))).toHaveLength(1);
    expect(pieces.filter((p) => p.includes('ONBUILD RUN echo \\\n    trigger'))).toHaveLength(1);
    for (const piece of pieces) expect(analyze(piece, 1, setup).findings.map((f) => f.ruleId)).not.toContain('syntax-error');
  });

  it('keeps the escape directive at the head of every piece', () => {
    const text = ['# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', ...envs(0, 35), 'RUN echo a `', '    b', ...envs(35, 35), ''].join('\n');
    const pieces = piecesOf(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.startsWith('# escape=`\nFROM ')).toBe(true);
  });

  it('hands back a text that does not parse as it is', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\necho never ends\n';
    const analysis = analyze(text, 1, setup);
    expect(warmUpPieces(analysis)).toEqual(analysis.ast ? expect.any(Array) : [text]);
    expect(warmUpPieces({ ...analysis, ast: null })).toEqual([text]);
  });
});
