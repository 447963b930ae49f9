// Every SC code a native ShellCheck rule implements answers wherever a rule can be named, so a team moving from
// hadolint keeps its `# hadolint ignore=SC2086`, `.hadolint.yaml` entries and `--rule SC2086=off`. Each code is
// checked on a Dockerfile where it fires, against every suppression form, and each time another code (the witness)
// must still fire: naming one code of a rule with several (bash-features-under-sh) silences that code only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellRules } from '../../rules/shell';
import { createDefaultRegistry, type DfoptConfig, lint, loadConfig } from '../../src';
import { readInputs } from '../../src/cli/inputs';
import { lint as engineLint } from '../../src/engine';
import { IMPLEMENTED_CODES } from '../conformance/shellcheck/dfoptFindings';

/** A RUN where the code fires, for the codes a rule's bad example does not show (a rule with several codes shows a few). */
const EXAMPLES: Readonly<Record<string, string>> = {
  SC2197: 'fgrep root /etc/passwd',
  SC3001: 'diff <(ls /a) /b',
  SC3003: "printf $'a\\n'",
  SC3006: '((x = 1))',
  SC3009: 'mkdir -p /opt/{conf,bin}',
  SC3010: '[[ -d /a ]] && echo y',
  SC3011: 'cat <<< a',
  SC3014: '[ "$a" == b ]',
  SC3020: 'ls &> /dev/null',
  SC3029: 'ls |& cat',
  SC3037: 'echo -n a',
  SC3040: 'set -o pipefail',
  SC3043: 'f() { local x=1; echo "$x"; } && f',
  SC3044: 'pushd /tmp',
  SC3046: 'source /x',
  SC3047: "trap 'x' ERR",
  SC3053: 'echo ${!x}',
  SC3057: 'echo ${x:1}',
  SC3059: 'echo ${x^^}',
  SC3060: 'echo ${x/a/b}',
};
const WITNESS = 'SC3037';
const OTHER_WITNESS = 'SC2164';

const ruleOf = (code: string) => shellRules.find((r) => r.meta.aliases.includes(code))!;
const cases = [...IMPLEMENTED_CODES].sort().map((code) => {
  const witness = code === WITNESS ? OTHER_WITNESS : WITNESS;
  const example = (c: string) => (EXAMPLES[c] ? `FROM debian:12\nRUN ${EXAMPLES[c]}\n` : ruleOf(c).meta.docs.bad);
  // The code's Dockerfile, then the witness's RUN lines (its FROM left out).
  const text = example(code) + example(witness).replace(/^FROM .*\n/, '');
  return [code, witness, text] as const;
});

/** The codes found, once each, sorted. */
function codes(text: string, config: DfoptConfig): string[] {
  return codesOf(lint(text, { config }).findings);
}

function codesOf(findings: ReadonlyArray<{ readonly code?: string | null }>): string[] {
  return [...new Set(findings.flatMap((f) => (f.code && IMPLEMENTED_CODES.has(f.code) ? [f.code] : [])))].sort();
}

function file(name: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-sc-'));
  writeFileSync(join(dir, name), body);
  return join(dir, name);
}

/** The codes `dfopt lint --rule <spec> Dockerfile` finds next to a .dfopt.yaml that turns every rule on (its inputs and lint). */
function cliCodes(text: string, spec: string): string[] {
  const dockerfile = file('Dockerfile', text);
  writeFileSync(join(dockerfile, '..', '.dfopt.yaml'), 'extends: all\n');
  const registry = createDefaultRegistry();
  const problems: string[] = [];
  const inputs = readInputs({ paths: [dockerfile], stdin: false, rule: [spec] }, registry, () => Buffer.alloc(0), (p) => problems.push(p));
  expect(problems).toEqual([]);
  if (inputs === 'usage') throw new Error('usage');
  return codesOf(engineLint(inputs[0]!.text, { registry, config: inputs[0]!.config }).findings);
}

it('covers every implemented SC code: 40 or more, each on a Dockerfile where it fires', () => {
  expect(IMPLEMENTED_CODES.size).toBeGreaterThanOrEqual(40);
  expect(cases.map(([code]) => code)).toEqual([...IMPLEMENTED_CODES].sort());
  for (const code of Object.keys(EXAMPLES)) expect(IMPLEMENTED_CODES.has(code) ? code : `${code} not implemented`).toBe(code);
});

describe.each(cases)('%s (witness %s)', (code, witness, text) => {
  const all: DfoptConfig = { extends: 'all' };
  const beforeEachRun = (comment: string) => text.replace(/^RUN /gm, `${comment}\nRUN `);
  /** Only the code is gone. */
  const silenced = (found: string[]) => {
    expect(found).not.toContain(code);
    expect(found).toContain(witness);
  };

  it('fires, with its witness, with every rule on', () => {
    expect(codes(text, all)).toEqual(expect.arrayContaining([code, witness]));
    const own = lint(text, { config: all }).findings.find((f) => f.code === code)!;
    expect(own.ruleId).toBe(ruleOf(code).meta.id);
    expect(own.codes).toContain(code);
  });

  it('config rules: { SC: off }', () => silenced(codes(text, { extends: 'all', rules: { [code]: 'off' } })));
  it('--rule SC=off', () => silenced(cliCodes(text, `${code}=off`)));
  it('.dfopt.yaml rules: SC: off', () => silenced(codes(text, loadConfig(file('.dfopt.yaml', `extends: all\nrules:\n  ${code}: off\n`)))));
  it('# hadolint ignore=', () => silenced(codes(beforeEachRun(`# hadolint ignore=DL3008,${code}`), all)));
  it('# hadolint global ignore=', () => silenced(codes(`# hadolint global ignore=${code}\n${text}`, all)));
  it('# dfopt-disable-next-line', () => silenced(codes(beforeEachRun(`# dfopt-disable-next-line ${code}`), all)));
  it('# dfopt-disable (to the end of the file)', () => silenced(codes(`# dfopt-disable ${code}\n${text}`, all)));
  it('# dfopt-disable-file', () => silenced(codes(`${text}# dfopt-disable-file ${code}\n`, all)));
  it('# check=skip=', () => silenced(codes(`# check=skip=${code}\n${text}`, all)));

  it('.hadolint.yaml override and ignored', () => {
    const override = `override:\n  warning:\n    - ${code}\n    - ${witness}\n`;
    const on = loadConfig(file('.hadolint.yaml', override));
    const findings = lint(text, { config: on }).findings.filter((f) => f.code === code);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    silenced(codes(text, loadConfig(file('.hadolint.yaml', `${override}ignored:\n  - ${code}\n`))));
  });

  it('is not silenced by a pragma naming other codes', () => {
    expect(codes(beforeEachRun('# hadolint ignore=DL3008'), all)).toContain(code);
    expect(codes(beforeEachRun(`# dfopt-disable-next-line ${witness}`), all)).toContain(code);
  });
});
