import { linkSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runDfopt, tempProject } from '../support/cli';

// `dfopt lint Dockerfile -o Dockerfile` replaced the Dockerfile with the report, exit 0 (and `fix -o Dockerfile` the
// fixed Dockerfile): one slip of the keyboard, and the file is gone. A report file that is one of the run's Dockerfiles,
// by whatever path, is now refused before anything is read or written: one line, exit 2, every file as it was.
const DOCKERFILE = 'FROM alpine:3.19\nRUN apk add curl\n';

describe('a report file that is one of the Dockerfiles', () => {
  it.each([
    ['lint, the same name', ['lint', 'Dockerfile', '-o', 'Dockerfile'], '--output-file Dockerfile is a Dockerfile being linted: the report would replace it'],
    ['lint, another spelling of the path', ['lint', 'Dockerfile', '--output-file', './sub/../Dockerfile'], '--output-file ./sub/../Dockerfile is a Dockerfile being linted: the report would replace it'],
    ['lint of a directory, a symbolic link to a Dockerfile in it', ['lint', '.', '-f', 'sarif', '-o', 'link'], '--output-file link is a Dockerfile being linted (Dockerfile): the report would replace it'],
    ['lint, a hard link to the Dockerfile', ['lint', 'Dockerfile', '-o', 'hard'], '--output-file hard is a Dockerfile being linted (Dockerfile): the report would replace it'],
    ['lint --stdin, the file --stdin-filename names', ['lint', '--stdin', '--stdin-filename', 'Dockerfile', '-o', 'Dockerfile'], '--output-file Dockerfile is a Dockerfile being linted: the report would replace it'],
    ['fix --unsafe', ['fix', '--unsafe', 'Dockerfile', '-o', 'Dockerfile'], '--output-file Dockerfile is a Dockerfile being fixed: the report would replace it'],
  ])('%s: refused, exit 2, nothing written', (_label, args, message) => {
    const dir = tempProject({ Dockerfile: DOCKERFILE, 'sub/.keep': '' });
    symlinkSync('Dockerfile', join(dir, 'link'));
    linkSync(join(dir, 'Dockerfile'), join(dir, 'hard'));
    const r = runDfopt(args, { cwd: dir, input: DOCKERFILE });
    expect(r.stderr).toBe(`dfopt: ${message}\n`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(DOCKERFILE);
  });

  // The check's own stat threw on these, and the run ended in "internal error: ENOTDIR".
  it.each([
    ['under a file', 'Dockerfile/x', 'Dockerfile/x: cannot write the report (a component of the path is not a directory)'],
    ['a symbolic-link loop', 'loop', 'loop: cannot write the report (symbolic link loop)'],
  ])('a report file %s is the write error it was, not an internal error', (_label, output, message) => {
    const dir = tempProject({ Dockerfile: DOCKERFILE });
    symlinkSync('loop', join(dir, 'loop'));
    const r = runDfopt(['lint', 'Dockerfile', '-o', output], { cwd: dir });
    expect(r.stderr).toBe(`dfopt: ${message}\n`);
    expect(r.code).toBe(2);
  });

  it('a report file that exists and is not a Dockerfile of the run is replaced, as before', () => {
    const dir = tempProject({ Dockerfile: DOCKERFILE, 'other.Dockerfile': DOCKERFILE, 'report.txt': 'old report\n' });
    const r = runDfopt(['lint', 'Dockerfile', '-o', 'other.Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir, 'other.Dockerfile'), 'utf8')).toContain('clean-package-cache');
    expect(runDfopt(['lint', 'Dockerfile', '-o', 'report.txt'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('clean-package-cache');
  });
});
