import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDfopt, tempProject } from '../support/cli';

// Node reads file names as UTF-8: a Dockerfile named with a byte that is not (`Dockerfile.\xff`, which Linux allows)
// is listed as `Dockerfile.\uFFFD`, a name no file has, and `dfopt lint .` said "no such file or directory" of a file
// that `ls` shows. It now says why.
describe('a Dockerfile whose name is not UTF-8', () => {
  it('found in a directory: the reason, in one line, exit 2', () => {
    const dir = tempProject({ Dockerfile: 'FROM alpine:3.19\n' });
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'Dockerfile.')), Buffer.from([0xff])]), 'FROM alpine:3.19\n');
    const r = runDfopt(['lint', '.'], { cwd: dir });
    expect(r.stderr).toBe('dfopt: Dockerfile.\uFFFD: file name is not UTF-8, and dfopt reads names as UTF-8 (rename the file)\n');
    expect(r.code).toBe(2);
  });

  // Its readdir failed under the U+FFFD name, and the walk passed over it without a word: the Dockerfiles in it were
  // left out of the run. A directory the walk cannot list (this, or no permission) is now said in a note.
  it('a directory so named, in the tree linted: a note that it was not searched', () => {
    const dir = tempProject({ Dockerfile: 'FROM alpine:3.19\n' });
    const sub = Buffer.concat([Buffer.from(join(dir, 'sub')), Buffer.from([0xff])]);
    mkdirSync(sub);
    writeFileSync(Buffer.concat([sub, Buffer.from('/Dockerfile')]), 'FROM alpine:3.19\n');
    const r = runDfopt(['lint', '.'], { cwd: dir });
    expect(r.stderr).toBe('dfopt: note: sub\uFFFD: directory name is not UTF-8, and dfopt reads names as UTF-8 (rename the directory); not searched for Dockerfiles\n');
    expect(r.code).toBe(0);
  });
});
