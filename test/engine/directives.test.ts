import { defineRule, lint, type LintConfig, RuleRegistry } from '../../src/engine';
import { everyRun } from '../support/everyRunRule';

const everyFrom = defineRule({
  meta: { ...everyRun.meta, id: 'every-from', aliases: ['DL9002'] },
  create: (ctx) => ({ FROM: (node) => ctx.report({ node, message: 'from' }) }),
});
/** Two distinct checks under one rule, like pin-base-image's DL3006 (no tag) and DL3007 (latest). */
const tagCheck = defineRule({
  meta: { ...everyRun.meta, id: 'tag-check', aliases: ['DL9006', 'DL9007'] },
  create: (ctx) => ({
    FROM: (node) => ctx.report({ node, code: node.words[0]!.value.endsWith(':latest') ? 'DL9007' : 'DL9006', message: 'tag' }),
  }),
});
const registry = new RuleRegistry([everyRun, everyFrom]);
const found = (text: string, config: LintConfig = {}) =>
  lint(text, { registry, config: { extends: 'all', ...config } }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

describe('inline directives', () => {
  it('dfopt-disable-next-line silences the next instruction, all lines of it', () => {
    expect(found('FROM a:1\n# dfopt-disable-next-line every-run\nRUN a \\\n  b\nRUN c\n')).toEqual(['every-from@1', 'every-run@5']);
  });

  it('dfopt-disable-next-line with no ids silences every rule; with a reason after --', () => {
    expect(found('# dfopt-disable-next-line\nFROM a:1\nRUN a\n')).toEqual(['every-run@3']);
    expect(found('FROM a:1\n# dfopt-disable-next-line every-run -- generated file\nRUN a\n')).toEqual(['every-from@1']);
  });

  it('dfopt-disable … dfopt-enable is a block', () => {
    const text = 'FROM a:1\n# dfopt-disable every-run\nRUN a\nRUN b\n# dfopt-enable every-run\nRUN c\n';
    expect(found(text)).toEqual(['every-from@1', 'every-run@6']);
  });

  it('dfopt-disable without enable runs to the end of the file', () => {
    expect(found('FROM a:1\n# dfopt-disable\nRUN a\nFROM b:1\n')).toEqual(['every-from@1']);
  });

  it('dfopt-disable-file, with or without ids', () => {
    expect(found('# dfopt-disable-file\nFROM a:1\nRUN a\n')).toEqual([]);
    expect(found('FROM a:1\nRUN a\n# dfopt-disable-file every-run\n')).toEqual(['every-from@1']);
  });

  it('accepts aliases (hadolint codes, BuildKit names) wherever an id is accepted', () => {
    expect(found('FROM a:1\n# dfopt-disable-next-line DL9001\nRUN a\n')).toEqual(['every-from@1']);
    expect(found('FROM a:1\n# dfopt-disable-next-line everyrun\nRUN a\n')).toEqual(['every-from@1']);
  });

  it('honours # hadolint ignore= on the first line (not a parser directive)', () => {
    expect(found('# hadolint ignore=DL9002\nFROM a:1\nRUN a\n')).toEqual(['every-run@3']);
  });

  it('honours # hadolint ignore= for the next instruction, through aliases', () => {
    expect(found('FROM a:1\n# hadolint ignore=DL9001,DL3008\nRUN a\nRUN b\n')).toEqual(['every-from@1', 'every-run@4']);
  });

  it('honours # hadolint global ignore=', () => {
    expect(found('# hadolint global ignore=DL9002\nFROM a:1\nFROM b:1\nRUN x\n')).toEqual(['every-run@4']);
  });

  it('ignores # hadolint ignore= when disableIgnorePragma is set', () => {
    expect(found('FROM a:1\n# hadolint ignore=DL9001\nRUN a\n', { disableIgnorePragma: true })).toEqual(['every-from@1', 'every-run@3']);
  });

  it("honours BuildKit's # check=skip= directive, and skip=all", () => {
    expect(found('# check=skip=EveryRun\nFROM a:1\nRUN a\n')).toEqual(['every-from@2']);
    expect(found('# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a:1\nRUN a\n')).toEqual([]);
  });

  it('finds directives among prose comments that start like them (Suppressions reads only comments that can be one)', () => {
    const prose = '# check the cache\n# https://example.com\n# dfopt is a linter\n';
    expect(found(`${prose}FROM a:1\n${prose}# hadolint ignore=DL9001\nRUN a\nRUN b\n`)).toEqual(['every-from@4', 'every-run@10']);
    // BuildKit reads the key of a check= comment above one instruction case-insensitively.
    expect(found(`FROM a:1\n${prose}# CHECK = skip=EveryRun\nRUN a\nRUN b\n`)).toEqual(['every-from@1', 'every-run@7']);
    expect(found(`FROM a:1\n${prose}# checkx=skip=EveryRun\nRUN a\n`)).toEqual(['every-from@1', 'every-run@6']);
  });

  it('reports an unknown rule id in a dfopt directive, but not in hadolint comments (they carry ShellCheck codes)', () => {
    expect(found('FROM a:1\n# dfopt-disable-next-line evry-run\nRUN a\n# hadolint ignore=SC2086\nRUN b\n')).toEqual([
      'every-from@1',
      'invalid-directive@2',
      'every-run@3',
      'every-run@5',
    ]);
  });
});

describe('rules whose aliases are distinct checks', () => {
  const reg = new RuleRegistry([tagCheck]);
  const codes = (text: string, config: LintConfig = {}) =>
    lint(text, { registry: reg, config }).findings.map((f) => `${f.code}:${f.severity}@${f.range.start.line + 1}`);
  const text = 'FROM a\nFROM b:latest\n';

  it('report the code of each finding', () => expect(codes(text)).toEqual(['DL9006:warning@1', 'DL9007:warning@2']));

  it('an alias in an inline directive silences only its own findings; the rule id silences all', () => {
    expect(codes('# hadolint ignore=DL9007\nFROM a:latest\n# hadolint ignore=DL9007\nFROM b\n')).toEqual(['DL9006:warning@4']);
    expect(codes('# dfopt-disable tag-check\nFROM a:latest\nFROM b\n')).toEqual([]);
  });

  it('an alias in config sets the level of its own findings only', () => {
    expect(codes(text, { rules: { DL9007: 'off' } })).toEqual(['DL9006:warning@1']);
    expect(codes(text, { rules: { DL9006: 'error' } })).toEqual(['DL9006:error@1', 'DL9007:warning@2']);
    expect(codes(text, { rules: { 'tag-check': 'off', DL9007: 'info' } })).toEqual(['DL9007:info@2']);
  });
});

describe('a finding that is several codes at once (a hadolint code and a BuildKit check)', () => {
  const single = defineRule({
    meta: { ...everyRun.meta, id: 'single', aliases: ['DL9003', 'DL9004', 'SingleInstruction'] },
    create: (ctx) => ({
      CMD: (node) => ctx.report({ node, code: ['DL9003', 'SingleInstruction'], message: 'cmd' }),
      ENTRYPOINT: (node) => ctx.report({ node, code: ['DL9004', 'SingleInstruction'], message: 'entrypoint' }),
    }),
  });
  const reg = new RuleRegistry([single]);
  const codes = (text: string, config: LintConfig = {}) =>
    lint(text, { registry: reg, config }).findings.map((f) => `${f.codes.join('+')}@${f.range.start.line + 1}`);
  const text = 'FROM a:1\nCMD x\nENTRYPOINT y\n';

  it('is silenced by any of its codes', () => {
    expect(codes(`# check=skip=SingleInstruction\n${text}`)).toEqual([]);
    expect(codes('FROM a:1\n# hadolint ignore=DL9003\nCMD x\nENTRYPOINT y\n')).toEqual(['DL9004+SingleInstruction@4']);
  });

  it('takes the level set for any of its codes', () => {
    expect(codes(text, { rules: { DL9004: 'off' } })).toEqual(['DL9003+SingleInstruction@2']);
    expect(codes(text, { rules: { SingleInstruction: 'off' } })).toEqual([]);
  });
});

describe('rule configuration in the engine', () => {
  it('recommended is the default preset; rules can be turned off or re-levelled by id or alias', () => {
    const severities = (config: LintConfig) => lint('FROM a:1\nRUN a\n', { registry, config }).findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(severities({})).toEqual(['every-from:warning', 'every-run:warning']);
    expect(severities({ rules: { DL9001: 'off' } })).toEqual(['every-from:warning']);
    expect(severities({ rules: { 'every-from': 'error', EveryRun: 'info' } })).toEqual(['every-from:error', 'every-run:info']);
    expect(severities({ extends: 'strict' })).toEqual(['every-from:error', 'every-run:error']);
  });

  it('reports a syntax error as the only finding, with its position', () => {
    const result = lint('FROM a:1\nRUN a\nBOGUS x\n', { registry });
    expect(result.ast).toBeNull();
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ruleId: 'syntax-error', aliases: ['DL1000'], severity: 'error' });
    expect(result.findings[0]!.range.start).toMatchObject({ line: 2, column: 0 });
  });

  it('rejects two rules claiming one alias', () => {
    expect(() => new RuleRegistry([everyRun, { ...everyFrom, meta: { ...everyFrom.meta, aliases: ['DL9001'] } }])).toThrow(/claimed by both/);
  });
});

describe('# check=error=true', () => {
  /** A rule whose RUN findings are a BuildKit check and whose FROM findings are only a hadolint-style code. */
  const mixed = defineRule({
    meta: { ...everyRun.meta, id: 'mixed-check', aliases: ['DL9010', 'StageNameCasing'] },
    create: (ctx) => ({
      RUN: (node) => ctx.report({ node, code: ['DL9010', 'StageNameCasing'], message: 'run' }),
      FROM: (node) => ctx.report({ node, code: 'DL9010', message: 'from' }),
    }),
  });
  const mixedRegistry = new RuleRegistry([mixed]);
  const severities = (text: string, config: LintConfig = {}) =>
    lint(text, { registry: mixedRegistry, config: { extends: 'all', ...config } }).findings.map((f) => `${f.range.start.line + 1}:${f.severity}`);

  it('makes findings that are BuildKit checks errors, and leaves the others alone', () => {
    expect(severities('# check=error=true\nFROM a:1\nRUN a\n')).toEqual(['2:warning', '3:error']);
  });

  it('reads the value as Go booleans do, alongside skip=', () => {
    expect(severities('# check=skip=DuplicateStageName;error=TRUE\nFROM a:1\nRUN a\n')).toEqual(['2:warning', '3:error']);
    expect(severities('# check=error=1\nFROM a:1\nRUN a\n')).toEqual(['2:warning', '3:error']);
  });

  it('does nothing when false, absent, or not a parser directive', () => {
    expect(severities('# check=error=false\nFROM a:1\nRUN a\n')).toEqual(['2:warning', '3:warning']);
    expect(severities('FROM a:1\nRUN a\n')).toEqual(['1:warning', '2:warning']);
    expect(severities('FROM a:1\n# check=error=true\nRUN a\n')).toEqual(['1:warning', '3:warning']);
  });

  it('does not bring back findings that are off or skipped', () => {
    expect(severities('# check=error=true\nFROM a:1\nRUN a\n', { rules: { StageNameCasing: 'off' } })).toEqual(['2:warning']);
    expect(severities('# check=error=true;skip=StageNameCasing\nFROM a:1\nRUN a\n')).toEqual(['2:warning']);
  });
});

describe('the BUILDKIT_DOCKERFILE_CHECK build arg', () => {
  const withArg = (value: string): LintConfig => ({ buildArgs: { BUILDKIT_DOCKERFILE_CHECK: value } });

  it("replaces the file's # check= directive, skip list and error setting alike", () => {
    expect(found('# check=skip=all\nFROM a:1\nRUN a\n', withArg('skip=EveryRun'))).toEqual(['every-from@2']);
    expect(found('# check=error=true\nFROM a:1\nRUN a\n', withArg('skip=all'))).toEqual([]);
    expect(found('FROM a:1\nRUN a\n', withArg('skip=DL9002'))).toEqual(['every-run@2']);
  });

  it("takes error= from the arg, not from the file's directive", () => {
    const mixed = defineRule({
      meta: { ...everyRun.meta, id: 'mixed-check', aliases: ['DL9010', 'StageNameCasing'] },
      create: (ctx) => ({ RUN: (node) => ctx.report({ node, code: ['DL9010', 'StageNameCasing'], message: 'run' }) }),
    });
    const severity = (config: LintConfig) =>
      lint('# check=error=true\nFROM a:1\nRUN a\n', { registry: new RuleRegistry([mixed]), config: { extends: 'all', ...config } }).findings.map((f) => f.severity);
    expect(severity({})).toEqual(['error']);
    expect(severity(withArg('error=false'))).toEqual(['warning']);
    expect(severity(withArg('skip=EveryRun;error=true'))).toEqual(['error']);
  });

  it('leaves other build args and a check= comment above one instruction alone', () => {
    expect(found('# check=skip=EveryRun\nFROM a:1\nRUN a\n', { buildArgs: { OTHER: 'skip=all' } })).toEqual(['every-from@2']);
    expect(found('FROM a:1\n# check=skip=EveryRun\nRUN a\nRUN b\n', withArg('skip=DL9002'))).toEqual(['every-run@4']);
  });
});
