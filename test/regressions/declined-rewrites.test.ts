import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Issue 21 item 5: `dfopt fix` (and --explain) lists each size rewrite it considered and did not make, with the
// reason in one line; the JSON fix report has them under `declined`.
const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');
const fix = (text: string, args: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-declined-'));
  writeFileSync(join(dir, 'Dockerfile'), text);
  const r = spawnSync(process.execPath, [BIN, 'fix', '--no-color', ...args, 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
  return r.stdout;
};

const POSTGRES =
  'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends postgresql && rm -rf /var/lib/apt/lists/*\n' +
  'USER postgres\nCMD ["postgresql"]\n';
const PATH_LOOKUP = 'FROM gcc:13\nWORKDIR /src\nCOPY . .\nRUN make && cp hello /usr/local/bin/\nEXPOSE 80/TCP\nCMD ["hello"]\n';

describe('fix reports the size rewrites it did not make (issue 21 item 5)', () => {
  it('--explain on a declined distro-package case prints the reason', () => {
    expect(fix(POSTGRES, ['--unsafe', '--explain', '--only', 'use-multi-stage'])).toContain(
      'Dockerfile: not made: use-multi-stage at 1:6: postgresql: its maintainer script creates the database cluster ' +
        '(pg_createcluster) under /var/lib/postgresql and /etc/postgresql, which copying its files would miss\n',
    );
  });
  it('fix --unsafe --explain with every rule, as a new user runs it, prints the reason first and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-declined-'));
    writeFileSync(join(dir, 'Dockerfile'), POSTGRES);
    const r = spawnSync(process.execPath, [BIN, 'fix', '--no-color', '--unsafe', '--explain', 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.split('\n')[0]).toBe(
      'Dockerfile: not made: use-multi-stage at 1:6: postgresql: its maintainer script creates the database cluster ' +
        '(pg_createcluster) under /var/lib/postgresql and /etc/postgresql, which copying its files would miss',
    );
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(POSTGRES);
  });
  it('--explain on a GUI program prints why it was not rewritten', () => {
    const gimp = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gimp && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["gimp"]\n';
    expect(fix(gimp, ['--unsafe', '--explain', '--only', 'use-multi-stage'])).toContain(
      'Dockerfile: not made: use-multi-stage at 1:6: gimp is a GUI program (a desktop application), whose toolkit loads plugins, themes and fonts that ldd and dpkg -L do not list\n',
    );
  });
  it('a declined C rewrite is listed next to the fixes that were applied', () => {
    const out = fix(PATH_LOOKUP, ['--unsafe']);
    expect(out).toContain('applied');
    expect(out).toContain('  not made: use-multi-stage at 1:6: CMD runs `hello` by PATH lookup: where the build put it is not written down (use an absolute path)\n');
  });
  it('an unsafe rewrite without --unsafe is listed as such', () => {
    expect(fix('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n', [])).toMatch(
      /not made: use-multi-stage at 1:6: its fix may change the image: run with --unsafe to apply it \(Go multi-stage build: /,
    );
  });
  it('the JSON fix report has them under `declined`', () => {
    const report = JSON.parse(fix(POSTGRES, ['--unsafe', '--format', 'json'])) as Array<{ declined: Array<{ rule: string; line: number; reason: string }> }>;
    expect(report[0]!.declined).toEqual([expect.objectContaining({ rule: 'use-multi-stage', line: 1, reason: expect.stringContaining('pg_createcluster') })]);
  });
});
