import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');
const dfopt = (args: string[], cwd: string, input?: string) => {
  const r = spawnSync(process.execPath, [BIN, 'fix', '--no-color', ...args], { cwd, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const project = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-pin-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

const BEFORE = '# base images\nFROM node AS build\nRUN npm ci\nFROM alpine:latest\n';

describe('dfopt fix --pin', () => {
  it('pins base images from --pin (repeatable) and leaves the paths after it alone', () => {
    const dir = project({ Dockerfile: BEFORE });
    const r = dfopt(['--pin', 'node=22.11-bookworm', '--pin', 'alpine=3.20', 'Dockerfile'], dir);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('# base images\nFROM node:22.11-bookworm AS build\nRUN npm ci\nFROM alpine:3.20\n');
    expect(r.stdout).toContain('applied 2 fixes (pin-base-image ×2)');
  });

  it('without a pin there is no fix', () => {
    const r = dfopt(['--stdin'], tmpdir(), BEFORE);
    expect(r.stdout).toBe(BEFORE);
    expect(r.stderr).toContain('pin-base-image');
  });

  it('merges into the config imagePins, --pin winning for the same image', () => {
    const dir = project({ Dockerfile: BEFORE, '.dfopt.yaml': 'imagePins:\n  node: "20"\n  docker.io/library/alpine: "3.19"\n' });
    const r = dfopt(['--stdin', '--stdin-filename', 'Dockerfile', '--pin', 'alpine=3.20'], dir, BEFORE);
    expect(r.stdout).toBe('# base images\nFROM node:20 AS build\nRUN npm ci\nFROM alpine:3.20\n');
  });

  it('accepts a digest', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const r = dfopt(['--stdin', `--pin=alpine=${digest}`], tmpdir(), 'FROM alpine\n');
    expect(r.stdout).toBe(`FROM alpine@${digest}\n`);
  });

  it('rejects a --pin that is not image=tag with exit 2', () => {
    const dir = project({ Dockerfile: BEFORE });
    const r = dfopt(['--pin', 'node', 'Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pin node: expected image=tag');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BEFORE);
  });
});
