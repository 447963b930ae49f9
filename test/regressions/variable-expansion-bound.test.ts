import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixText } from '../../src/fix';
import { buildSemanticModel, MAX_EXPANDED_LENGTH, substitute } from '../../src/model';
import { createDefaultRegistry, lintText, parseDockerfile } from '../../src';

// Issue 18, defect 2: `ENV A=x` then 30 lines of `ENV A=${A}${A}` (487 bytes) doubled the value to 2^30 characters
// and crashed lint with `RangeError: Invalid string length` (exit 1, which CI reads as findings).
const doubling = (keyword: 'ENV' | 'ARG', line: string, n = 30, head = 'FROM alpine:3.20\n'): string =>
  `${head}${keyword} A=x\n${`${keyword} ${line}\n`.repeat(n)}`;
const ENV_BOMB = doubling('ENV', 'A=${A}${A}');
// 2^17 > 64 KiB: the 17th doubling (line 2 + 17, 1-based) is the first over the bound.
const FIRST_OVER = 2 + 17;

const expansionFindings = (text: string) => lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === 'expansion-too-large');

describe('variable expansion is bounded', () => {
  it('30 self-doubling ENV lines lint, with one finding where the bound is first exceeded', () => {
    const found = expansionFindings(ENV_BOMB);
    expect(found.map((f) => f.range.start.line + 1)).toEqual([FIRST_OVER]);
    expect(found[0]!.message).toContain("'A'");
  });

  it('the value past the bound is unknown, never longer than the bound', () => {
    const model = buildSemanticModel(parseDockerfile(ENV_BOMB));
    const valueBefore = (line: number) => model.stateBefore(model.finalStage!.instructions.find((i) => i.range.start.line + 1 === line)!).env.get('A');
    expect(valueBefore(FIRST_OVER)).toHaveLength(2 ** 16);
    expect(valueBefore(FIRST_OVER + 1)).toBeNull();
    expect(model.expansionOverflows.map((o) => [o.instruction.range.start.line + 1, o.name])).toEqual([[FIRST_OVER, 'A']]);
  });

  it.each([
    ['ARG in a stage', doubling('ARG', 'A=${A}${A}')],
    ['global ARG used in FROM', `${doubling('ARG', 'A=${A}${A}', 30, '')}FROM alpine:$A\n`],
    ['${A:-…} and ${A:+…} forms', doubling('ENV', 'A=${A:-y}${A:+$A}')],
    ['default words that double', doubling('ENV', 'A=${B:-$A$A}')],
    ['heredoc after the chain', `${ENV_BOMB}COPY <<EOF /x\n$A\nEOF\nRUN echo "$A" > /y\n`],
    ['WORKDIR and USER', `${ENV_BOMB}WORKDIR /$A$A\nUSER $A$A\n`],
  ])('%s: no crash, one finding', (_name, text) => {
    expect(expansionFindings(text)).toHaveLength(1);
  });

  it('substitute never returns more than the bound; past it the references are unresolved', () => {
    const big = 'x'.repeat(MAX_EXPANDED_LENGTH);
    const result = substitute('$A$A', (n) => (n === 'A' ? big : undefined));
    expect(result.tooLarge).toBe(true);
    expect(result.unresolved).toEqual(['A']);
    expect(result.value.length).toBeLessThanOrEqual(MAX_EXPANDED_LENGTH);
    expect(substitute('$A', (n) => (n === 'A' ? big : undefined))).toEqual({ value: big, unresolved: [] });
  });

  it('the fixer and the optimizer settle on it too', () => {
    const result = fixText(`${ENV_BOMB}RUN apt-get install -y curl\nCOPY . .\nCMD ["sh", "-c", "$A"]\n`, {
      registry: createDefaultRegistry(),
      config: { extends: 'all' },
      unsafe: true,
    });
    expect(result.parsed).toBe(true);
  });

  it('the CLI reports it as a finding, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-expansion-'));
    writeFileSync(join(dir, 'Dockerfile'), ENV_BOMB);
    const r = spawnSync(process.execPath, [resolve(__dirname, '..', '..', 'bin', 'dfopt.js'), 'Dockerfile', '--no-color'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^ +${FIRST_OVER}:\\d+ +warning .*expansion-too-large$`, 'm'));
    expect(r.status).toBe(0);
  });
});

describe('invalid-default-arg-in-from past the bound', () => {
  it('does not judge a FROM whose ARG is too large to expand', () => {
    const text = `${doubling('ARG', 'A=${A}${A}', 30, '')}FROM alpine:$A\n`;
    const ids = lintText(text, { extends: 'all' }).findings.map((f) => f.ruleId);
    expect(ids).toContain('expansion-too-large');
    expect(ids).not.toContain('invalid-default-arg-in-from');
  });
});

describe('ARG defaults, now expanded by the model', () => {
  const modelOf = (text: string) => buildSemanticModel(parseDockerfile(text));

  it('global ARGs expand with the ones before them, as BuildKit does (FROM sees the result)', () => {
    const model = modelOf('ARG BASE=ubuntu:24.04\nARG IMAGE=${BASE}\nFROM ${IMAGE}\n');
    expect(model.stages[0]!.base.ref).toMatchObject({ repository: 'ubuntu', tag: '24.04' });
  });

  it('stage ARGs expand with the stage scope', () => {
    const model = modelOf('FROM alpine:3.20\nARG SRC=/usr/src\nARG N=$SRC/n\nRUN true\n');
    expect(model.finalStage!.finalState.args.get('N')).toBe('/usr/src/n');
  });

  it.each([
    ['an ARG without a value', 'ARG V\nARG IMAGE=php:${V}-apache\nFROM $IMAGE\n', 'php:${V}-apache'],
    ['a form substitute does not handle', 'ARG P=linux/arm64\nARG A=${P#linux/}\nFROM alpine:$A\n', 'alpine:${P#linux/}'],
    ['quotes inside the value', 'ARG B=x\nARG A=${B:+"yes"}\nFROM alpine:$A\n', 'alpine:${B:+"yes"}'],
  ])('a default that uses %s stays as written, so FROM still reads as dynamic', (_name, text, ref) => {
    expect(modelOf(text).stages[0]!.base.ref.text).toBe(ref);
  });
});
