import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');
const dfopt = (args: string[], cwd: string, input?: string) => {
  const r = spawnSync(process.execPath, [BIN, 'fix', '--no-color', ...args], { cwd, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const project = (text: string, name = 'Dockerfile') => {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-fix-'));
  writeFileSync(join(dir, name), text);
  return dir;
};

// Fixable by shipped safe fixes: FromAsCasing and ExposeProtoCasing.
const BEFORE = '# keep me\r\nFROM alpine:3.20 as build\r\n\r\nEXPOSE 80/TCP\r\n';
const AFTER = '# keep me\r\nFROM alpine:3.20 AS build\r\n\r\nEXPOSE 80/tcp\r\n';

describe('dfopt fix', () => {
  it('rewrites in place, keeping CRLF, comments, blank lines and the file mode, and says what it did', () => {
    const dir = project(BEFORE);
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(AFTER);
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(r.stdout).toContain('Dockerfile: applied 2 fixes (from-as-casing ×1, expose-proto-casing ×1); RUN instructions 0 → 0');
    expect(readdirSync(dir)).toEqual(['Dockerfile']); // no temp file left behind
  });

  // Only root may give a file away: as root (CI), files owned by someone else keep their owner, group and set-id bits
  // (`docker run -v "$PWD:/work" dfopt fix` runs as root); another user who may write the file is told it is now theirs.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)('keeps the owner, group and set-id bits of a file it rewrites, when run as root', () => {
    const dir = project(BEFORE);
    const file = join(dir, 'Dockerfile');
    chownSync(file, 1234, 2345);
    chmodSync(file, 0o2640);
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(AFTER);
    const after = statSync(file);
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([1234, 2345, 0o2640]);
  });

  (asRoot ? it : it.skip)('says so when it cannot keep the owner (run as another user who may write the file)', () => {
    const dir = project(BEFORE);
    chmodSync(dir, 0o777);
    const file = join(dir, 'Dockerfile');
    chmodSync(file, 0o666);
    const r = spawnSync(process.execPath, [BIN, 'fix', '--no-color', 'Dockerfile'], { cwd: dir, encoding: 'utf8', uid: 1234, gid: 2345 });
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(AFTER);
    expect(statSync(file).uid).toBe(1234);
    expect(r.stderr).toBe(
      'dfopt: note: Dockerfile: the fixed file is owned by uid 1234, gid 2345, not uid 0, gid 0 as before (only root may give a file away)\n',
    );
  });

  (asRoot ? it : it.skip)('gives a .dockerignore it creates the owner and group of the Dockerfile, when run as root', () => {
    const dir = project('FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCMD ["/app/run"]\n');
    mkdirSync(join(dir, '.git'));
    chownSync(join(dir, 'Dockerfile'), 1234, 2345);
    const r = dfopt(['--unsafe', 'Dockerfile'], dir);
    expect(r.stdout).toContain('  created .dockerignore: 1 line\n');
    const created = statSync(join(dir, '.dockerignore'));
    expect([created.uid, created.gid]).toEqual([1234, 2345]);
  });

  (asRoot ? it : it.skip)('says why it writes nothing when the file is writable but its directory is not (run as another user)', () => {
    const dir = project(BEFORE);
    const file = join(dir, 'Dockerfile');
    chmodSync(dir, 0o755);
    chownSync(file, 1234, 2345);
    const r = spawnSync(process.execPath, [BIN, 'fix', '--no-color', 'Dockerfile'], { cwd: dir, encoding: 'utf8', uid: 1234, gid: 2345 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `dfopt: Dockerfile: its directory ${dir} does not allow a new file (permission denied), and fix writes the fixed text to a new file there ` +
        'and renames it over the old one, so that nothing is ever half-written; nothing was written (--stdin prints the fixed text)\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(BEFORE);
  });

  // A file mounted on its own (docker run -v "$PWD/Dockerfile:/work/Dockerfile") cannot be renamed over.
  const canBindMount = asRoot && spawnSync('sh', ['-c', 'd=$(mktemp -d) && touch $d/a $d/b && mount --bind $d/a $d/b && umount $d/b'], { stdio: 'ignore' }).status === 0;
  (canBindMount ? it : it.skip)('says why it writes nothing to a file that is a mount point', () => {
    const dir = project(BEFORE);
    const mounted = join(dir, 'Dockerfile');
    const source = join(dir, 'source.Dockerfile');
    writeFileSync(source, BEFORE);
    expect(spawnSync('mount', ['--bind', source, mounted]).status).toBe(0);
    try {
      const r = dfopt(['Dockerfile'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'dfopt: Dockerfile: it cannot be replaced, as it is a mount point (a file mounted on its own, e.g. docker run -v FILE:…; mount its directory instead); it is unchanged\n',
      );
      expect(readFileSync(mounted, 'utf8')).toBe(BEFORE);
      expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'source.Dockerfile']); // no temp file left behind
    } finally {
      spawnSync('umount', [mounted]);
    }
  });

  // Renamed over, a named pipe (or /dev/stdin, a socket, a device) would become a regular file holding the fixed text.
  it.each([
    ['a named pipe', `mkfifo pipe && { printf 'FROM alpine:3.20 as build\\n' > pipe & } && "$NODE" "$BIN" fix --no-color pipe; echo "exit $?"; ls -l pipe`, 'pipe'],
    ['/dev/stdin', `printf 'FROM alpine:3.20 as build\\n' | "$NODE" "$BIN" fix --no-color /dev/stdin; echo "exit $?"`, '/dev/stdin'],
  ])('writes nothing to %s, and says why', (_, script, name) => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-fix-'));
    const r = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE: process.execPath, BIN } });
    expect(r.stderr).toBe(`dfopt: ${name}: not a regular file but a named pipe, which fix does not write to; nothing was written (--stdin prints the fixed text)\n`);
    expect(r.stdout).toMatch(name === 'pipe' ? /^exit 2\np[rw-]{9} .* pipe\n$/ : /^exit 2\n$/);
  });

  it('says that other hard links keep the old text (the atomic write makes a new file)', () => {
    const dir = project(BEFORE);
    linkSync(join(dir, 'Dockerfile'), join(dir, 'linked.Dockerfile'));
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(AFTER);
    expect(readFileSync(join(dir, 'linked.Dockerfile'), 'utf8')).toBe(BEFORE);
    expect(r.stderr).toBe('dfopt: note: Dockerfile: it had 2 hard links: the fixed file is a new one under this name, and the other names keep the old text\n');
  });

  it('is idempotent: a second run changes nothing and --check then passes', () => {
    const dir = project(BEFORE);
    dfopt(['Dockerfile'], dir);
    const again = dfopt(['--check', 'Dockerfile'], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(AFTER);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = project(BEFORE);
    const r = dfopt(['--dry-run', 'Dockerfile'], dir);
    expect(r.stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,4 +1,4 @@\n # keep me\r\n-FROM alpine:3.20 as build\r\n+FROM alpine:3.20 AS build\r\n');
    expect(r.stdout).toContain('Dockerfile: would apply 2 fixes');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BEFORE);
  });

  it('--check writes nothing and exits 1 when a file would change', () => {
    const dir = project(BEFORE);
    const r = dfopt(['--check', 'Dockerfile'], dir);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BEFORE);
  });

  it('--exit-non-zero-on-fix writes the fixes and exits 1 when it changed something, 0 when nothing was left to change', () => {
    // The pre-commit convention: a hook that rewrote a file fails, so the user sees and stages the change.
    const dir = project(BEFORE);
    const first = dfopt(['--exit-non-zero-on-fix', 'Dockerfile'], dir);
    expect(first.code).toBe(1);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(AFTER);
    expect(first.stdout).toContain('Dockerfile: applied 2 fixes');
    const second = dfopt(['--exit-non-zero-on-fix', 'Dockerfile'], dir);
    expect(second.code).toBe(0);
    // Without the flag the same fixing run succeeds: the exit code is the flag's doing.
    expect(dfopt(['Dockerfile'], project(BEFORE)).code).toBe(0);
  });

  it('--stdin prints the fixed text on stdout and the report on stderr', () => {
    const r = dfopt(['--stdin'], tmpdir(), BEFORE);
    expect(r.stdout).toBe(AFTER);
    expect(r.stderr).toContain('<stdin>: applied 2 fixes');
  });

  it('--only limits the fixes to the rules named (ids or aliases) and rejects unknown ones', () => {
    const dir = project(BEFORE);
    dfopt(['--only', 'FromAsCasing', 'Dockerfile'], dir);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BEFORE.replace(' as ', ' AS '));
    const bad = dfopt(['--only', 'from-as-casin', 'Dockerfile'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("dfopt: --only from-as-casin: unknown rule (did you mean 'from-as-casing'?)");
  });

  it('a file that does not parse: one line naming file and line, exit 2, nothing written', () => {
    const text = 'FROM alpine:3.20 as build\nBOGUS\n';
    const dir = project(text);
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dfopt: Dockerfile:2:1: does not parse \(.*\); nothing was fixed or written\n$/);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('a read-only file: exit 2, left untouched (even for root, who could rename over it)', () => {
    const dir = project(BEFORE);
    chmodSync(join(dir, 'Dockerfile'), 0o444);
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('dfopt: Dockerfile: file is read-only; nothing was written (make it writable, or use --dry-run to see the fixes)');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BEFORE);
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o444);
    // Nothing to write: a read-only file that is already fixed is fine, and --dry-run never writes.
    expect(dfopt(['--dry-run', 'Dockerfile'], dir).code).toBe(0);
  });

  it('a binary file: exit 2, left untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-fix-'));
    const bytes = Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0x01, 0xff, 0x0a]);
    writeFileSync(join(dir, 'Dockerfile'), bytes);
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('dfopt: Dockerfile:1: binary file (contains NUL bytes), not a Dockerfile');
    expect(readFileSync(join(dir, 'Dockerfile'))).toEqual(bytes);
  });

  it('sums RUN instructions before → after over all files', () => {
    const dir = project('FROM alpine:3.20\nRUN echo a\nRUN echo b\n');
    writeFileSync(join(dir, 'other.Dockerfile'), 'FROM alpine:3.20\nRUN echo c\n');
    const r = dfopt(['Dockerfile', 'other.Dockerfile'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 files, changed 1 (1 fix); RUN instructions 3 → 2\n');
  });

  it('--unsafe runs the optimizer and says what the rewrite did, its stages and final-image RUN layers', () => {
    const dir = project('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n');
    const r = dfopt(['--unsafe', '--only', 'use-multi-stage', 'Dockerfile'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dockerfile: applied 1 fix (use-multi-stage ×1); RUN instructions 1 → 1; stages 1 → 2, RUN layers in the final image 1 → 0\n');
    expect(r.stdout).toContain(
      "  use-multi-stage: Go multi-stage build: builds in stage 'build', final stage FROM gcr.io/distroless/static-debian12:nonroot (a static binary needs no libc",
    );
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /out/app /out/app\n');
  });

  it('--explain gives the reasoning behind each rewrite', () => {
    const dir = project('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nEXPOSE 8080\nCMD ["/out/app"]\n');
    const r = dfopt(['--unsafe', '--explain', '--dry-run', '--only', 'use-multi-stage', 'Dockerfile'], dir);
    expect(r.stdout).toContain(
      [
        '    - why: `go build` at line 4 uses the Go toolchain (base image golang:1.23)',
        "    - builder: the original stage, named 'build'; CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK and STOPSIGNAL move to the final stage",
        '    - start command: CMD ["/out/app"]',
        '    - artifact: /out/app',
        '    - change: -ldflags="-s -w" added (optimize.stripBinaries, on by default when the build sets no -ldflags): no symbol table or DWARF; panics still print stack traces (set stripBinaries: false to keep debugger symbols)',
        '    - change: CGO_ENABLED=0 added to `go build` at line 4 for a static binary',
        '    - final base: gcr.io/distroless/static-debian12:nonroot — a static binary needs no libc; distroless/static adds CA certificates, /etc/passwd and /tmp',
        '    - not chosen: scratch — a few hundred KB smaller, but no CA certificates, /etc/passwd or /tmp (optimize.finalBase: scratch)',
      ].join('\n'),
    );
    expect(r.stdout).toContain('    - carried over: EXPOSE, WORKDIR /src, CMD\n');
  });

  it('optimize.finalBase in the config chooses the final base', () => {
    const dir = project('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n');
    writeFileSync(join(dir, '.dfopt.yaml'), 'optimize:\n  finalBase: scratch\n');
    dfopt(['--unsafe', '--only', 'use-multi-stage', 'Dockerfile'], dir);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('\nFROM scratch\n');
  });

  it('--unsafe writes a .dockerignore for COPY . . next to a .git folder; a second run changes nothing', () => {
    const dir = project('FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCMD ["/app/run"]\n');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const first = dfopt(['--unsafe', 'Dockerfile'], dir);
    expect(first.stdout).toContain('Dockerfile: applied 1 fix (missing-dockerignore ×1)');
    expect(first.stdout).toContain('  created .dockerignore: 1 line\n');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\n');
    const second = dfopt(['--unsafe', 'Dockerfile'], dir);
    expect(second.stdout).not.toContain('applied');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\n');
    expect(readdirSync(dir).sort()).toEqual(['.dockerignore', '.git', 'Dockerfile']);
  });

  it('--dry-run shows the .dockerignore it would write as a diff, and writes nothing', () => {
    const dir = project('FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCMD ["/app/run"]\n');
    writeFileSync(join(dir, '.dockerignore'), '*.tmp\n');
    writeFileSync(join(dir, '.env'), 'TOKEN=1\n');
    const r = dfopt(['--unsafe', '--dry-run', 'Dockerfile'], dir);
    expect(r.stdout).toContain('--- a/.dockerignore\n+++ b/.dockerignore\n');
    expect(r.stdout).toContain('+.env\n');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('*.tmp\n');
  });

  it('writes through a symlink to the file it points at, keeping the link', () => {
    const dir = project(BEFORE, 'real.Dockerfile');
    symlinkSync('real.Dockerfile', join(dir, 'Dockerfile'));
    dfopt(['Dockerfile'], dir);
    expect(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'Dockerfile'))).toBe('real.Dockerfile');
    expect(readFileSync(join(dir, 'real.Dockerfile'), 'utf8')).toBe(AFTER);
  });

  it('bad input: one line, exit 2, nothing written', () => {
    const dir = project('');
    const r = dfopt(['Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('dfopt: Dockerfile: file is empty');
  });
});
