import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfigFile } from '../../src/config';
import { runDfopt, tempProject } from '../support/cli';
import { createDefaultRegistry } from '../../src';

// Issue 18, defect 3: a config with more than 100 YAML aliases made the `yaml` package throw a ReferenceError from
// toJS(), which nothing caught: a stack trace and exit 1 instead of one line and exit 2.
const UNFIXED = 'FROM alpine:3.20\nMAINTAINER me\n';


const dfopt = (args: string[], cwd: string) => runDfopt(args, { cwd, timeout: 20_000 });
const project = tempProject;

/** `rules:` with one anchor and 101 aliases to it: over the yaml package's default of 100. */
const MANY_ALIASES = `rules:\n  pin-base-image: &level warning\n${Array.from({ length: 101 }, (_, i) => `  r${i}: *level\n`).join('')}`;
/** "Billion laughs": nine levels of ten aliases each, 10^9 strings once expanded. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => {
    const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
    return `${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`;
  }),
  'rules: *i',
  '',
].join('\n');

describe('config files that do not parse are config errors', () => {
  it.each([
    ['.dfopt.yaml with 101 aliases', '.dfopt.yaml', MANY_ALIASES, /^dfopt: .*\.dfopt\.yaml:3: too many YAML aliases/],
    ['billion laughs in .dfopt.yaml', '.dfopt.yaml', BILLION_LAUGHS, /^dfopt: .*\.dfopt\.yaml:2: too many YAML aliases/],
    ['billion laughs in .hadolint.yaml', '.hadolint.yaml', BILLION_LAUGHS, /^dfopt: .*\.hadolint\.yaml:2: too many YAML aliases/],
    ['a mapping used as a key (the yaml package warns on stderr)', '.dfopt.yaml', '? [a]\n: b\n', /^dfopt: .*\.dfopt\.yaml: \[ a \]: unknown key/],
    ['package.json that is not JSON', 'package.json', '{\n  "name": "x",\n  "dfopt": { "extends": "all", }\n}\n', /^dfopt: .*package\.json:3: invalid JSON/],
  ])('%s: one line, exit 2, nothing written', (_name, file, content, line) => {
    const dir = project({ Dockerfile: UNFIXED, [file]: content });
    const configArg = file === 'package.json' ? ['--config', 'package.json'] : [];
    for (const args of [['lint', 'Dockerfile', ...configArg], ['fix', 'Dockerfile', ...configArg]]) {
      const r = dfopt(args, dir);
      expect(r.stderr).toMatch(line);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(UNFIXED);
  });

  it('loadConfigFile throws a ConfigError naming the file and the first alias line', () => {
    const dir = project({ '.dfopt.yaml': MANY_ALIASES });
    const file = join(dir, '.dfopt.yaml');
    let thrown: unknown;
    try {
      loadConfigFile(file, createDefaultRegistry());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ file, line: 3 });
  });

  it('a config using an alias still loads', () => {
    const dir = project({ '.dfopt.yaml': `rules:\n  pin-base-image: &level warning\n  DL3007: *level\n` });
    expect(loadConfigFile(join(dir, '.dfopt.yaml'), createDefaultRegistry()).rules).toEqual({ 'pin-base-image': 'warning', DL3007: 'warning' });
  });
});
