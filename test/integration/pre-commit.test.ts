// The pre-commit hooks (.pre-commit-hooks.yaml) run by the real pre-commit on a temporary repository, with
// `pre-commit try-repo`: pre-commit installs this package as it would from GitHub (language: node: npm install, npm
// pack, npm install -g into its own environment) and runs the hooks on the project's files. Slow (npm installs from
// the registry), so it is in test/integration (`npm run test:integration`); .ci/run installs pre-commit first.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'dfopt-pre-commit-'));
// Hermetic: pre-commit's store (cloned hook repos, node environments) in the temp directory, no colour, and no GIT_*
// variables leaking in when the tests themselves run from a git hook.
const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))) };
env.PRE_COMMIT_HOME = join(work, 'pre-commit-home');
env.NO_COLOR = '1';

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const available = !version.error && version.status === 0;
if (!available) {
  // CI installs pre-commit (.ci/run), so there its absence is a failure, not a skip.
  if (process.env.CI) throw new Error('pre-commit is not installed (apt-get install pre-commit); .ci/run installs it');
  console.warn('SKIPPED test/integration/pre-commit.test.ts: pre-commit is not installed (Debian: apt-get install pre-commit)');
}

function git(cwd: string, ...args: string[]): void {
  const r = run('git', args, cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.output}`);
}

function gitRepo(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'dfopt test');
  git(dir, 'config', 'user.email', 'test@dfopt.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

/**
 * The hook repository: this working tree as it is (tracked and untracked files, not ignored ones), committed in a
 * fresh repository. try-repo on ROOT itself would take only committed files and tracked changes, so a hook file not
 * yet added would be tested in its last committed state, or not at all.
 */
function hookRepo(): string {
  const dir = join(work, 'hooks');
  mkdirSync(dir);
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
  for (const file of listed.output.split('\0').filter(Boolean)) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  gitRepo(dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'dfopt under test');
  return dir;
}

const MAINTAINER = 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nCMD ["sh"]\n';
const LABELLED = 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nCMD ["sh"]\n';

(available ? describe : describe.skip)('pre-commit hooks', () => {
  it('dfopt fails on a bad Dockerfile, dfopt-fix rewrites it and fails, then both pass', () => {
    const hooks = hookRepo();
    const project = join(work, 'project');
    mkdirSync(join(project, 'deploy'), { recursive: true });
    const files: Record<string, string> = {
      Dockerfile: MAINTAINER, // identify's `dockerfile` type
      'deploy/Containerfile': MAINTAINER, // no identify type: reached through `files`
      'api.Dockerfile': 'FROM alpine:3.20 as api\nCMD ["sh"]\n', // a style finding: lint passes, fix changes it
      // Not Dockerfiles: dfopt would report a syntax error if the hooks passed them to it.
      'README.md': 'MAINTAINER is deprecated\n',
      'Dockerfiles.txt': 'not a Dockerfile\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
    gitRepo(project);
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'bad Dockerfiles');
    const tryRepo = (...hook: string[]) => run('pre-commit', ['try-repo', hooks, ...hook, '--all-files', '--color', 'never'], project);

    const lint = tryRepo('dfopt');
    expect(lint.output).toMatch(/^dfopt\.+Failed$/m);
    expect(lint.output).toMatch(/^Dockerfile\n +2:1 +error +MAINTAINER at line 2 is deprecated/m);
    expect(lint.output).toMatch(/^deploy\/Containerfile\n +2:1 +error +MAINTAINER/m);
    expect(lint.output).toContain('api.Dockerfile'); // passed to dfopt too (its style finding is listed)
    expect(lint.output).not.toMatch(/README\.md|Dockerfiles\.txt/);
    expect(lint.code).toBe(1);

    const fix = tryRepo('dfopt-fix');
    expect(fix.output).toMatch(/^dfopt fix\.+Failed$/m);
    expect(fix.output).toContain('- files were modified by this hook');
    expect(fix.output).toContain('Dockerfile: applied 1 fix (no-maintainer ×1)');
    expect(fix.code).toBe(1);
    expect(readFileSync(join(project, 'Dockerfile'), 'utf8')).toBe(LABELLED);
    expect(readFileSync(join(project, 'deploy/Containerfile'), 'utf8')).toBe(LABELLED);
    expect(readFileSync(join(project, 'api.Dockerfile'), 'utf8')).toBe('FROM alpine:3.20 AS api\nCMD ["sh"]\n');
    expect(readFileSync(join(project, 'README.md'), 'utf8')).toBe(files['README.md']);

    // What the user does next: stage the fixes and commit again; now both hooks pass.
    git(project, 'add', '-A');
    const again = tryRepo();
    expect(again.output).toMatch(/^dfopt\.+Passed$/m);
    expect(again.output).toMatch(/^dfopt fix\.+Passed$/m);
    expect(again.code).toBe(0);
  });
});
