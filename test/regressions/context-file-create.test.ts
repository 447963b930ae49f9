import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileAtomic } from '../../src/cli/fixCommand';
import { runDfopt, tempProject } from '../support/cli';

// missing-dockerignore's fix creates .dockerignore where dfopt found none, and the file was put in place with
// rename(2), which replaces whatever has the name: a symbolic link to a missing file (read as "no .dockerignore") was
// replaced by a regular file, and so would be a file created between the read and the write. A file the fix creates is
// now created only where nothing has the name; otherwise the Dockerfile is not fixed: one line, exit 2.
const SECRETS_APP = 'FROM alpine:3.19\nWORKDIR /app\nCOPY . .\n';

describe('a .dockerignore the fix would create', () => {
  it('where a symbolic link to a missing file has the name: left as it is', () => {
    const dir = tempProject({ Dockerfile: SECRETS_APP, id_rsa: 'key\n' });
    symlinkSync('/nonexistent/shared.dockerignore', join(dir, '.dockerignore'));
    const r = runDfopt(['fix', '--unsafe', 'Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe('dfopt: Dockerfile: not fixed: .dockerignore is a symbolic link to a missing file; nothing was written\n');
    expect(r.code).toBe(2);
    expect(readlinkSync(join(dir, '.dockerignore'))).toBe('/nonexistent/shared.dockerignore');
  });

  it('where a directory has the name: nothing written', () => {
    const dir = tempProject({ Dockerfile: SECRETS_APP, id_rsa: 'key\n' });
    mkdirSync(join(dir, '.dockerignore'));
    const r = runDfopt(['fix', '--unsafe', 'Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe('dfopt: Dockerfile: not fixed: .dockerignore is a directory; nothing was written\n');
    expect(r.code).toBe(2);
    expect(lstatSync(join(dir, '.dockerignore')).isDirectory()).toBe(true);
  });

  it('where nothing has the name: created', () => {
    const dir = tempProject({ Dockerfile: SECRETS_APP, id_rsa: 'key\n' });
    expect(runDfopt(['fix', '--unsafe', 'Dockerfile'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('id_rsa*\n');
  });
});

// The write itself, for a name taken after dfopt looked (the race the check above cannot close).
describe('createFileAtomic', () => {
  it.each([
    ['a file', (path: string) => writeFileSync(path, 'theirs\n')],
    ['a symbolic link to a missing file', (path: string) => symlinkSync('missing', path)],
  ])('does not replace %s, and leaves no temporary file', (_label, make) => {
    const dir = tempProject({});
    const path = join(dir, '.dockerignore');
    make(path);
    const before = lstatSync(path);
    expect(() => createFileAtomic(path, 'ours\n')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(lstatSync(path).ino).toBe(before.ino);
    expect(readdirSync(dir)).toEqual(['.dockerignore']);
  });

  it('replaces with replace: true (dfopt init --force)', () => {
    const dir = tempProject({ '.dfopt.yaml': 'old\n' });
    createFileAtomic(join(dir, '.dfopt.yaml'), 'new\n', { replace: true });
    expect(readFileSync(join(dir, '.dfopt.yaml'), 'utf8')).toBe('new\n');
  });
});
