import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { sarifValidator } from '../support/sarifSchema';
import { outputEntry } from '../../src/action/main';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(ROOT, 'dist', 'action.js');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { id?: string; run: string; env?: Record<string, string> }[] };
};

const BAD = 'FROM ubuntu\nWORKDIR app\nRUN apt-get update\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-action-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the entry point as the runner does: inputs as INPUT_* variables, GITHUB_OUTPUT a file to append to. */
function runAction(dir: string, inputs: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: join(dir, 'github-output') };
  for (const [name, value] of Object.entries(inputs)) env[name] = value;
  const r = spawnSync(process.execPath, [ENTRY], { cwd: dir, env, encoding: 'utf8' });
  const output = existsSync(env.GITHUB_OUTPUT!) ? readFileSync(env.GITHUB_OUTPUT!, 'utf8') : '';
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output };
}

describe('action.yml', () => {
  const lintStep = action.runs.steps.find((s) => s.id === 'lint')!;

  it('is a composite action that runs the built entry point', () => {
    expect(action.runs.using).toBe('composite');
    expect(lintStep.run).toBe('node "$GITHUB_ACTION_PATH/dist/action.js"');
  });

  it('passes every input to the entry point, named as the runner names inputs', () => {
    const passed = Object.entries(lintStep.env ?? {}).map(([name, value]) => [name, value]);
    const expected = Object.keys(action.inputs).map((input) => [`INPUT_${input.toUpperCase().replace(/-/g, '_')}`, `\${{ inputs.${input} }}`]);
    expect(passed.sort()).toEqual(expected.sort());
  });

  it('the example workflow uses only inputs the action declares', () => {
    const workflow = parse(readFileSync(join(ROOT, 'docs', 'integrations', 'github-workflow.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const step = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('dfopt/dfopt@'))!;
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  });
});

describe('the action entry point, run with INPUT_* variables', () => {
  it('annotates findings, writes SARIF that validates, and sets the sarif-file output', () => {
    const dir = workspace({ Dockerfile: BAD, 'ok.Dockerfile': 'FROM alpine:3.20\nCMD ["sh"]\n' });
    const r = runAction(dir, { INPUT_PATHS: '.', INPUT_FORMAT: 'github', INPUT_SARIF_FILE: 'dfopt.sarif' });
    expect(r.code).toBe(1); // absolute-workdir is an error
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=pin-base-image \(DL3006\)::Base image 'ubuntu' has no tag/),
      expect.stringMatching(/^::error file=Dockerfile,line=2,col=9,endLine=2,endColumn=12,title=absolute-workdir \(DL3000\)::WORKDIR 'app' is relative/),
      expect.stringMatching(/^::warning file=Dockerfile,line=3,col=5,.*title=clean-package-cache \(DL3009\)::/),
    ]);
    expect(r.output).toBe('sarif-file=dfopt.sarif\n');
    const log = JSON.parse(readFileSync(join(dir, 'dfopt.sarif'), 'utf8'));
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['pin-base-image', 'absolute-workdir', 'clean-package-cache']);
  });

  // `sarif-file=<name>\n` ended the output at a line break in the name, and its next line became another output.
  it('writes a sarif-file name with a line break between delimiter lines, so it cannot add an output', () => {
    const dir = workspace({ Dockerfile: 'FROM alpine:3.20\nCMD ["sh"]\n' });
    const name = 'report\ninjected=1.sarif';
    const r = runAction(dir, { INPUT_PATHS: 'Dockerfile', INPUT_SARIF_FILE: name });
    expect(r.code).toBe(0);
    expect(r.output).toBe(`sarif-file<<ghadelimiter_dfopt\n${name}\nghadelimiter_dfopt\n`);
    expect(existsSync(join(dir, name))).toBe(true);
    expect(outputEntry('x', 'a\nghadelimiter_dfopt')).toBe('x<<ghadelimiter_dfopt_\na\nghadelimiter_dfopt\nghadelimiter_dfopt_\n');
  });

  it('takes the failure threshold under the runner’s own spelling (INPUT_FAILURE-THRESHOLD) too', () => {
    const dir = workspace({ Dockerfile: 'FROM ubuntu\n' });
    expect(runAction(dir, { INPUT_PATHS: 'Dockerfile' }).code).toBe(0);
    expect(runAction(dir, { INPUT_PATHS: 'Dockerfile', 'INPUT_FAILURE-THRESHOLD': 'warning' }).code).toBe(1);
    expect(runAction(dir, { INPUT_PATHS: 'Dockerfile', INPUT_FAILURE_THRESHOLD: 'warning' }).code).toBe(1);
  });

  it('check fails when safe fixes would change a file and writes nothing; fix applies them', () => {
    const text = 'from alpine:3.20\nCMD ["sh"]\n';
    const dir = workspace({ Dockerfile: text });
    const checked = runAction(dir, { INPUT_PATHS: 'Dockerfile', INPUT_CHECK: 'true' });
    expect(checked.code).toBe(1);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(text);
    const fixed = runAction(dir, { INPUT_PATHS: 'Dockerfile', INPUT_FIX: 'true' });
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM alpine:3.20\nCMD ["sh"]\n');
  });

  it('refuses a sarif-file that is one of the Dockerfiles, and leaves it as it was', () => {
    const dir = workspace({ Dockerfile: BAD });
    expect(runAction(dir, { INPUT_PATHS: '.', INPUT_SARIF_FILE: 'Dockerfile' })).toMatchObject({
      code: 2,
      stderr: 'dfopt: the sarif report file Dockerfile is a Dockerfile being linted: the report would replace it\n',
    });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BAD);
  });

  it('refuses a bad input with one line and exit 2', () => {
    const dir = workspace({ Dockerfile: BAD });
    expect(runAction(dir, { INPUT_FORMAT: 'xml' })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "dfopt: input 'format' must be one of stylish, json, sarif, checkstyle, junit, codeclimate, github, gnu, compact, not 'xml'\n",
    });
    expect(runAction(dir, { INPUT_FIX: 'yes' })).toMatchObject({ code: 2, stderr: "dfopt: input 'fix' must be true or false, not 'yes'\n" });
  });
});
