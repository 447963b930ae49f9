import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANY_FILES } from '../../src/cli/lintCommand';
import { tempProject } from '../support/cli';

const ROOT = resolve(__dirname, '..', '..');

// A lint over many files changes V8 flags while it runs (the inlining budget in bin/dfopt.js, the heap growing factor
// in runLint). V8 rejects a code cache made under other flags than the run reading it has: both must be back to the
// default when bin/dfopt.js writes the cache at exit, or every later run compiles the bundle from scratch.
describe('the code cache a long run writes', () => {
  it('is accepted by the next run', () => {
    const pkg = tempProject();
    for (const file of ['bin/dfopt.js', 'dist/cli.js', 'package.json']) {
      mkdirSync(join(pkg, file, '..'), { recursive: true });
      copyFileSync(join(ROOT, file), join(pkg, file));
    }
    const project = tempProject();
    for (let i = 0; i < MANY_FILES; i++) writeFileSync(join(project, `${i}.Dockerfile`), `FROM alpine:3.20\nRUN echo ${i}\n`);
    const dfopt = (...args: string[]) => spawnSync(process.execPath, [join(pkg, 'bin', 'dfopt.js'), ...args], { cwd: project, encoding: 'utf8' });
    const cache = join(pkg, 'dist', 'cli.js.cache');

    expect(dfopt('lint', '.', '-f', 'compact')).toMatchObject({ status: 0, stderr: '' });
    const written = statSync(cache).mtimeMs;
    expect(dfopt('lint', '0.Dockerfile')).toMatchObject({ status: 0, stderr: '' });
    expect(statSync(cache).mtimeMs).toBe(written); // accepted by V8, so not rewritten
  });
});
