import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDfopt, tempProject } from '../support/cli';

// A build context's files were read whole: a 700 MB package.json (a repository may hold anything) made every
// `dfopt lint` below it take 4 s and 1.1 GB of memory, once in the config lookup (package.json#dfopt) and once for the
// rules that read manifests. Context files are now read to their first 1 MiB, with a note; a package.json over 1 MiB
// is looked through for the key without being held in memory, and is a config error only when it names dfopt.
const MIB = 1024 * 1024;
const NODE_APP = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm cache clean --force\n';

describe('build-context files over 1 MiB', () => {
  it('a .dockerignore: its first 1 MiB applies (to the last whole line), with a note', () => {
    const dir = tempProject({ Dockerfile: 'FROM alpine:3.19\nWORKDIR /app\nCOPY . .\n', '.env': 'TOKEN=1\n', 'id_rsa': 'key\n' });
    // `.env` inside the first MiB; `id_rsa` after it, cut off.
    writeFileSync(join(dir, '.dockerignore'), `.env\n${'#'.repeat(MIB + 10)}\nid_rsa\n`);
    const r = runDfopt(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe(`dfopt: note: ${join(dir, '.dockerignore')} is over 1 MiB; checks that read it (.dockerignore, manifests) saw only its first 1 MiB\n`);
    const messages = (JSON.parse(r.stdout) as Array<{ findings: Array<{ message: string }> }>)[0]!.findings.map((f) => f.message).join('\n');
    expect(messages).toContain('id_rsa');
    expect(messages).not.toContain('.env');
  });

  it('a package.json of 64 MiB without a dfopt key: the lint runs, reading 1 MiB of it, with a note', () => {
    const dir = tempProject({ Dockerfile: NODE_APP, 'package-lock.json': '{}\n' });
    writeFileSync(join(dir, 'package.json'), '');
    truncateSync(join(dir, 'package.json'), 64 * MIB);
    const r = runDfopt(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe(`dfopt: note: ${join(dir, 'package.json')} is over 1 MiB; checks that read it (.dockerignore, manifests) saw only its first 1 MiB\n`);
    expect(r.code).toBe(0);
  });

  it('a package.json over 1 MiB that names dfopt (at its end): one config error, exit 2', () => {
    const dir = tempProject({ Dockerfile: NODE_APP });
    writeFileSync(join(dir, 'package.json'), '');
    truncateSync(join(dir, 'package.json'), 2 * MIB);
    appendFileSync(join(dir, 'package.json'), '"dfopt": {}');
    const r = runDfopt(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe(`dfopt: ${join(dir, 'package.json')}: config file is too large (2.0 MiB; the limit is 1.0 MiB)\n`);
    expect(r.code).toBe(2);
  });
});

// A fix that appends to .dockerignore (missing-dockerignore's) rewrites the file whole, from the text it read. Cut to
// its first 1 MiB, a 1 MiB .dockerignore came back as 13 bytes; with a byte that is not UTF-8 (a Latin-1 comment,
// `caf\xe9`), the byte came back as U+FFFD (this one before the read limit too). Such a file is now left as it is, and
// so is the Dockerfile: one line, exit 2.
describe('a fix that would rewrite a context file it did not read exactly', () => {
  const SECRETS_APP = 'FROM alpine:3.19\nWORKDIR /app\nCOPY . .\n';
  it.each([
    ['over 1 MiB', Buffer.from(`.env\n${'#'.repeat(MIB + 10)}\n`), '.dockerignore is over 1 MiB, and dfopt read only its first 1 MiB'],
    ['not UTF-8', Buffer.from('# caf\xe9\nnode_modules\n', 'latin1'), '.dockerignore is not UTF-8 text, and rewriting it would change its other bytes'],
  ])('%s: nothing is written', (_label, ignore, why) => {
    const dir = tempProject({ Dockerfile: SECRETS_APP, id_rsa: 'key\n' });
    writeFileSync(join(dir, '.dockerignore'), ignore);
    const r = runDfopt(['fix', '--unsafe', 'Dockerfile'], { cwd: dir });
    expect(r.stderr.split('\n').filter((line) => !line.startsWith('dfopt: note:'))).toEqual([`dfopt: Dockerfile: not fixed: ${why}; nothing was written`, '']);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, '.dockerignore')).equals(ignore)).toBe(true);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(SECRETS_APP);
    // --dry-run says the same, before showing a diff of a write that would be refused.
    const dry = runDfopt(['fix', '--unsafe', '--dry-run', 'Dockerfile'], { cwd: dir });
    expect(dry.stderr).toContain(`dfopt: Dockerfile: not fixed: ${why}; nothing was written\n`);
    expect(dry.stdout).toBe('');
  });

  it('UTF-8 with CRLF and a BOM: appended to, every byte before kept', () => {
    const dir = tempProject({ Dockerfile: SECRETS_APP, id_rsa: 'key\n' });
    writeFileSync(join(dir, '.dockerignore'), '\ufeff# café\r\nnode_modules\r\n');
    const r = runDfopt(['fix', '--unsafe', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('\ufeff# café\r\nnode_modules\r\nid_rsa*\r\n');
  });
});
