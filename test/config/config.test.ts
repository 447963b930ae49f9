import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigResolver, findConfigFile, loadConfigFile, mapHadolintConfig, validateConfig } from '../../src/config';
import { createDefaultRegistry } from '../../src/index';

const registry = createDefaultRegistry();
const tmp = () => mkdtempSync(join(tmpdir(), 'dfopt-config-'));

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('accepts a full config, rule ids and aliases alike', () => {
    const config = validateConfig(
      {
        extends: 'all',
        rules: { 'pin-base-image': 'error', DL1000: ['warning', {}] },
        ignore: ['vendor/**'],
        failureThreshold: 'warning',
        trustedRegistries: ['ghcr.io'],
        imagePins: { node: '22.11-bookworm' },
        labelSchema: { maintainer: 'email' },
        strictLabels: true,
        optimize: { finalBase: 'scratch' },
      },
      'x.yaml',
      registry,
    );
    expect(config.optimize).toEqual({ finalBase: 'scratch' });
    expect(config.rules).toEqual({ 'pin-base-image': 'error', DL1000: ['warning', {}] });
  });

  it.each([
    [{ rules: { 'pin-base-imag': 'error' } }, "rules.pin-base-imag: unknown rule 'pin-base-imag' (did you mean 'pin-base-image'?)"],
    [{ rules: { 'pin-base-image': 'loud' } }, 'rules.pin-base-image: invalid level "loud"'],
    [{ rules: { 'pin-base-image': ['error', { nope: 1 }] } }, "rules.pin-base-image.1.nope: unknown option 'nope'"],
    [{ extends: 'everything' }, 'extends: must be one of recommended, strict, all, hadolint'],
    [{ colour: true }, 'colour: unknown key'],
    [{ ignore: 'vendor' }, 'ignore: must be a list of glob strings'],
    [{ failureThreshold: 'fatal' }, 'failureThreshold: must be one of'],
    [['a'], 'the config must be a mapping'],
    [{ labelSchema: { maintainer: 'date' } }, 'labelSchema.maintainer: unknown format "date" (use one of text, url,'],
    [{ labelSchema: ['maintainer'] }, 'labelSchema: must map label names to formats'],
    [{ strictLabels: 'yes' }, 'strictLabels: must be true or false'],
    [{ optimize: { finalBase: 'ubuntu' } }, 'optimize.finalBase: must be one of auto, scratch, distroless, busybox, slim, alpine, keep'],
    [{ optimize: { base: 'scratch' } }, 'optimize.base: unknown key (known: finalBase, stripBinaries)'],
    [{ optimize: { stripBinaries: 'yes' } }, 'optimize.stripBinaries: must be true or false'],
    [{ optimize: 'scratch' }, 'optimize: must be a mapping'],
  ])('rejects %j', (raw, message) => {
    expect(configError(() => validateConfig(raw, 'cfg.yaml', registry)).message).toContain(message);
  });
});

describe('loading config files', () => {
  it('reports the file and line of a bad key in YAML', () => {
    const dir = tmp();
    const file = join(dir, '.dfopt.yaml');
    writeFileSync(file, 'extends: recommended\nrules:\n  pin-base-image: warning\n  no-such-rule: error\n');
    const error = configError(() => loadConfigFile(file, registry));
    expect(error.message).toBe(`${file}:4: rules.no-such-rule: unknown rule 'no-such-rule'`);
  });

  it('reports malformed YAML with its line', () => {
    const dir = tmp();
    const file = join(dir, '.dfopt.yml');
    writeFileSync(file, 'rules:\n  a: [unclosed\n');
    expect(configError(() => loadConfigFile(file, registry)).message).toMatch(/\.dfopt\.yml:\d+: invalid YAML/);
  });

  it('reads JSON written in a .dfopt.yaml (JSON is YAML) and the dfopt key of package.json', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.dfopt.yaml'), '{"rules": {"DL3006": "off"}}');
    expect(loadConfigFile(join(dir, '.dfopt.yaml'), registry).rules).toEqual({ DL3006: 'off' });
    const pkgDir = tmp();
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: 'x', dfopt: { extends: 'all' } }));
    expect(findConfigFile(pkgDir)).toBe(join(pkgDir, 'package.json'));
    expect(loadConfigFile(join(pkgDir, 'package.json'), registry).extends).toBe('all');
  });

  it('walks up from the linted file; the nearest config wins; package.json without dfopt is skipped', () => {
    const root = tmp();
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, '.dfopt.yaml'), 'extends: all\n');
    writeFileSync(join(root, 'a', 'package.json'), '{"name": "no-config-here"}');
    writeFileSync(join(root, 'a', 'b', '.dfopt.yml'), 'extends: strict\n');
    const resolver = new ConfigResolver(registry);
    expect(resolver.forFile(join(root, 'a', 'Dockerfile')).extends).toBe('all');
    expect(resolver.forFile(join(root, 'a', 'b', 'Dockerfile')).extends).toBe('strict');
  });

  it('--config overrides discovery', () => {
    const root = tmp();
    writeFileSync(join(root, '.dfopt.yaml'), 'extends: all\n');
    const explicit = join(root, 'other.yaml');
    writeFileSync(explicit, 'extends: strict\n');
    expect(new ConfigResolver(registry, explicit).forFile(join(root, 'Dockerfile')).extends).toBe('strict');
  });

  // `shellcheck: ./tools/sc` in a repository's .dfopt.yaml ran that file on `dfopt lint` there (and in the language
  // server, on opening the folder's Dockerfile). A config file may come with the code it lints: it names no program.
  it.each([
    ['a relative path', './evil.sh'],
    ['an absolute path', '/bin/sh'],
    ['another program on PATH', 'sh'],
    ['a path in package.json', './evil.sh', 'package.json'],
  ])('a config file naming a program for shellcheck (%s) is a config error', (_label, setting, name = '.dfopt.yaml') => {
    const dir = tmp();
    const file = join(dir, name);
    writeFileSync(file, name === 'package.json' ? JSON.stringify({ dfopt: { shellcheck: setting } }) : `extends: all\nshellcheck: ${setting}\n`);
    const error = configError(() => loadConfigFile(file, registry));
    expect(error.message).toBe(
      `${file}${name === 'package.json' ? '#dfopt' : ':2'}: shellcheck: must be auto, off or shellcheck (the one on PATH), not '${setting}': ` +
        'a config file can come with the code it lints, so dfopt runs no program it names; give a path with --shellcheck=PATH',
    );
  });

  it.each(['auto', 'off', 'shellcheck', 'true', 'false'])('a config file may say shellcheck: %s', (setting) => {
    const file = join(tmp(), '.dfopt.yaml');
    writeFileSync(file, `shellcheck: ${setting}\n`);
    expect(loadConfigFile(file, registry).shellcheck).toBe({ true: 'auto', false: 'off' }[setting] ?? setting);
  });

  it('a config object a program passes (the library API) may name the binary', () => {
    expect(validateConfig({ shellcheck: '/opt/shellcheck/bin/shellcheck' }, 'config', registry, undefined, 'api').shellcheck).toBe('/opt/shellcheck/bin/shellcheck');
  });

  // `ignore: ['*a*a*a*a*a*a*a*a*a*a*a*a*x']` in a repository's config took 19 s on one 30-character file name
  // (picomatch's regular expressions backtrack). Globs of more than three wildcards, and extended globs, are refused.
  it.each([
    ['*a*a*a*a*a*a*a*a*a*a*a*a*x', "ignore.1: '*a*a*a*a*a*a*a*a*a*a*a*a*x' has 13 wildcards (* or **), more than 3: matching such a glob can take minutes on a long path; split it into simpler globs"],
    ['**/a*/**/a*/x', "ignore.1: '**/a*/**/a*/x' has 4 wildcards (* or **), more than 3: matching such a glob can take minutes on a long path; split it into simpler globs"],
    ['+(a|aa)x', "ignore.1: '+(a|aa)x': extended globs such as @(a|b) and +(…) are not supported; list the globs one by one"],
  ])('refuses the ignore glob %s', (glob, message) => {
    const file = join(tmp(), '.dfopt.yaml');
    writeFileSync(file, `ignore:\n  - vendor/**\n  - "${glob}"\n`);
    expect(configError(() => loadConfigFile(file, registry)).message).toBe(`${file}:3: ${message}`);
  });

  it.each(['vendor/**', '**/test/**', '**/node_modules/**/*', '*.tmp.*', '**/[abc]*-\\*-*.Dockerfile', 'a\\*\\*\\*\\*b', '{a,b}/**/*.Dockerfile'])('accepts the ignore glob %s', (glob) => {
    const file = join(tmp(), '.dfopt.yaml');
    writeFileSync(file, `ignore:\n  - '${glob}'\n`);
    expect(loadConfigFile(file, registry).ignore).toEqual([glob]);
  });

  it('never executes config: a YAML tag that would construct code is just data or an error', () => {
    const dir = tmp();
    const file = join(dir, '.dfopt.yaml');
    writeFileSync(file, 'extends: !!js/function "function(){ process.exit(9) }"\n');
    expect(() => loadConfigFile(file, registry)).toThrow(ConfigError);
  });
});

describe('.hadolint.yaml compatibility', () => {
  it('maps ignored, override, trustedRegistries, label-schema, strict-labels and disable-ignore-pragma', () => {
    const config = mapHadolintConfig(
      {
        ignored: ['DL3006', 'SC1091'],
        override: { error: ['DL3007'], info: ['DL3059'], ignore: ['DL3020'] },
        trustedRegistries: ['docker.io'],
        'label-schema': { maintainer: 'text' },
        'strict-labels': true,
        'disable-ignore-pragma': true,
        format: 'json',
      },
      '.hadolint.yaml',
      registry,
    );
    expect(config).toEqual({
      // An SC code without a native rule is the ShellCheck relay's (rule shellcheck), off like any other.
      extends: 'hadolint',
      rules: { DL3006: 'off', SC1091: 'off', DL3007: 'error', DL3059: 'info', DL3020: 'off' },
      trustedRegistries: ['docker.io'],
      labelSchema: { maintainer: 'text' },
      strictLabels: true,
      disableIgnorePragma: true,
      failureThreshold: 'info',
    });
  });

  it.each([
    [{}, 'info'],
    [null, 'info'],
    [{ 'failure-threshold': 'warning' }, 'warning'],
    [{ 'failure-threshold': 'none' }, 'style'],
    [{ 'no-fail': true, 'failure-threshold': 'error' }, 'none'],
  ])('maps failure settings %j (hadolint fails on info and above by default, and so does its config here)', (raw, threshold) => {
    expect(mapHadolintConfig(raw, 'h.yaml', registry).failureThreshold).toBe(threshold);
  });

  it.each([
    [{ override: { fatal: ['DL3006'] } }, 'override.fatal: unknown level'],
    [{ ignored: 'DL3006' }, 'ignored: must be a list of rule codes'],
    [{ bogus: 1 }, 'bogus: unknown hadolint config key'],
  ])('rejects %j', (raw, message) => {
    expect(configError(() => mapHadolintConfig(raw, 'h.yaml', registry)).message).toContain(message);
  });

  it('is found only when no dfopt config exists anywhere up the tree, and is read through aliases', () => {
    const root = tmp();
    mkdirSync(join(root, 'svc'), { recursive: true });
    writeFileSync(join(root, 'svc', '.hadolint.yaml'), 'ignored:\n  - DL3006\n');
    expect(findConfigFile(join(root, 'svc'))).toBe(join(root, 'svc', '.hadolint.yaml'));
    expect(loadConfigFile(join(root, 'svc', '.hadolint.yaml'), registry).rules).toEqual({ DL3006: 'off' });
    writeFileSync(join(root, '.dfopt.yaml'), 'extends: all\n');
    expect(findConfigFile(join(root, 'svc'))).toBe(join(root, '.dfopt.yaml'));
  });
});
