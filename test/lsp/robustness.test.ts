// What the server lints while the user is half-way through typing: never an exception, and one broken rule
// costs only its own findings.
import { allRules } from '../../rules';
import { defineRule, lint, RuleRegistry } from '../../src/engine';
import { createDefaultRegistry } from '../../src/index';
import { analyze } from '../../src/lsp/analysis';

const registry = createDefaultRegistry();
const setup = { registry, config: { extends: 'all' as const }, buildContext: undefined };

describe('half-typed Dockerfiles', () => {
  it.each([
    ['an unterminated heredoc', 'FROM alpine:3.20\nRUN <<EOF\napk add curl\n'],
    ['a heredoc marker and nothing else', 'FROM alpine:3.20\nRUN <<'],
    ['a dangling continuation', 'FROM alpine:3.20\nRUN apk add \\\n'],
    ['a continuation at the end of the file', 'FROM alpine:3.20\nRUN echo \\'],
    ['a broken JSON form', 'FROM alpine:3.20\nCMD ["sh", "-c\n'],
    ['an unclosed JSON array', 'FROM alpine:3.20\nENTRYPOINT ["a", \nCMD [\n'],
    ['an invalid escape directive', '# escape=x\nFROM alpine:3.20\nRUN echo hi\n'],
    ['an escape directive with no value', '# escape=\nFROM alpine:3.20\n'],
    ['a backtick escape at the end', '# escape=`\nFROM alpine:3.20\nRUN echo `'],
    ['a flag with no value', 'FROM --platform= alpine\nCOPY --from= . .\nRUN --mount= echo\n'],
    ['a lone keyword', 'FROM'],
    ['an unclosed variable', 'FROM alpine:3.20\nARG V\nRUN echo ${V:-\n'],
    ['stray quotes', 'FROM alpine:3.20\nRUN echo "unterminated\nENV A="b\n'],
    ['CRLF and a lone CR', 'FROM alpine:3.20\r\nRUN echo a\rb\r\n'],
    ['only a comment', '# dfopt-disable-next-line\n'],
    ['nothing', ''],
  ])('%s gives diagnostics or nothing, never an exception', (_, text) => {
    const analysis = analyze(text, 1, setup);
    expect(analysis.crash).toBeNull();
    expect(analysis.failures).toEqual([]);
    for (const f of analysis.findings) {
      expect(f.range.start.offset).toBeLessThanOrEqual(f.range.end.offset);
      expect(f.range.end.offset).toBeLessThanOrEqual(text.length);
    }
  });
});

describe('a rule that throws', () => {
  const broken = defineRule({
    meta: {
      id: 'broken-rule',
      aliases: [],
      category: 'correctness',
      severity: 'error',
      fix: 'none',
      docs: { summary: 'Throws on every RUN.', rationale: '-', bad: '-', good: '-' },
    },
    create: () => ({
      RUN() {
        throw new Error('boom');
      },
    }),
  });
  const pinBaseImage = allRules.find((r) => r.meta.id === 'pin-base-image')!;

  it('is reported once per lint, and the other rules still run', () => {
    const rules = new RuleRegistry([broken, pinBaseImage]);
    const analysis = analyze('FROM ubuntu\nRUN a\nRUN b\nRUN c\n', 1, { registry: rules, config: { extends: 'all' }, buildContext: undefined });
    expect(analysis.crash).toBeNull();
    expect(analysis.failures).toHaveLength(1);
    expect(analysis.failures[0]).toMatchObject({ ruleId: 'broken-rule', error: expect.objectContaining({ message: 'boom' }) });
    expect(analysis.findings.map((f) => f.ruleId)).toEqual(['pin-base-image']);
  });

  it('is reported once per lint when it throws in create, and the other rules still run', () => {
    const brokenCreate = defineRule({
      meta: { ...broken.meta, id: 'broken-create' },
      create: () => {
        throw new Error('bang');
      },
    });
    const rules = new RuleRegistry([brokenCreate, pinBaseImage]);
    const analysis = analyze('FROM ubuntu\nRUN a\n', 1, { registry: rules, config: { extends: 'all' }, buildContext: undefined });
    expect(analysis.failures).toEqual([{ ruleId: 'broken-create', error: expect.objectContaining({ message: 'bang' }) }]);
    expect(analysis.findings.map((f) => f.ruleId)).toEqual(['pin-base-image']);
  });

  it('without isolation (the CLI), takes the whole lint down (why the server isolates rules)', () => {
    const plain = new RuleRegistry([broken, pinBaseImage]);
    expect(() => lint('FROM ubuntu\nRUN a\n', { registry: plain, config: { extends: 'all' } })).toThrow('boom');
  });
});
