import { readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDefaultRegistry } from '../../src';
import { runDfopt, tempProject } from '../support/cli';
import { loadConfigFile } from '../../src/config';

const dfopt = (args: string[], cwd: string) => runDfopt(args, { cwd });
const tmp = () => tempProject();

describe('dfopt init', () => {
  it('writes a starter .dfopt.yaml that loads and lints', () => {
    const dir = tmp();
    const r = dfopt(['init'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe("Wrote .dfopt.yaml. 'dfopt lint' now uses it.\n");
    const config = loadConfigFile(join(dir, '.dfopt.yaml'), createDefaultRegistry());
    expect(config).toMatchObject({ extends: 'recommended', failureThreshold: 'error', rules: {} });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCMD ["sh"]\n');
    expect(dfopt(['lint'], dir).code).toBe(0);
  });

  // existsSync says no for a symbolic link to a missing file, and the write's rename replaced the link.
  it('never replaces a symbolic link to a missing config without --force', () => {
    const dir = tmp();
    symlinkSync('shared/dfopt.yaml', join(dir, '.dfopt.yaml'));
    expect(dfopt(['init'], dir)).toEqual({ code: 2, stdout: '', stderr: `dfopt: ${join(dir, '.dfopt.yaml')}: cannot write (already exists)\n` });
    expect(readlinkSync(join(dir, '.dfopt.yaml'))).toBe('shared/dfopt.yaml');
  });

  it('never overwrites a dfopt config without --force', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.dfopt.yaml'), 'rules: {}\n# mine\n');
    expect(dfopt(['init'], dir)).toEqual({ code: 2, stdout: '', stderr: "dfopt: .dfopt.yaml already exists; 'dfopt init --force' replaces it\n" });
    expect(readFileSync(join(dir, '.dfopt.yaml'), 'utf8')).toBe('rules: {}\n# mine\n');
    expect(dfopt(['init', '--force'], dir).code).toBe(0);
    expect(readFileSync(join(dir, '.dfopt.yaml'), 'utf8')).toContain('extends: recommended');
  });

  it('converts .hadolint.yaml, keeping its gate and naming what it leaves out', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3008, SC1091]\noverride:\n  error: [DL3015]\ntrustedRegistries: [docker.io]\n');
    const r = dfopt(['init'], dir);
    expect(r.stdout).toBe("Wrote .dfopt.yaml from .hadolint.yaml. 'dfopt lint' now uses it.\n");
    const text = readFileSync(join(dir, '.dfopt.yaml'), 'utf8');
    // SC codes without a native rule are the shellcheck relay's: kept, not left out.
    expect(text).toContain('SC1091: off # shellcheck\n');
    expect(text).not.toContain('# Left out');
    expect(text).toContain('DL3008: off # pin-apt-versions\n');
    expect(text).toContain("failureThreshold: info # hadolint's default, kept\n");
    // The conversion means the same as the original for every setting dfopt reads.
    const registry = createDefaultRegistry();
    const { source: _a, baseDir: _b, ...converted } = loadConfigFile(join(dir, '.dfopt.yaml'), registry);
    const { source: _c, baseDir: _d, ...original } = loadConfigFile(join(dir, '.hadolint.yaml'), registry);
    expect(converted).toEqual({ extends: 'recommended', ...original });
  });

  it('refuses a malformed .hadolint.yaml with one line and writes nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: DL3008\n');
    const r = dfopt(['init'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dfopt: .*\.hadolint\.yaml: ignored: must be a list of rule codes; nothing was written\n$/);
  });
});
