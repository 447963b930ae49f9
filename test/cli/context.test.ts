import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempProject } from '../support/cli';

const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');

function dfopt(args: string[], options: { cwd: string; input?: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const project = tempProject;

const DOCKERFILE = 'FROM alpine:3.20\nCOPY build.log /logs/\n';
const copyIgnored = (stdout: string): string[] => stdout.split('\n').filter((l) => l.includes('copy-ignored-file'));

describe('build context (.dockerignore) in the CLI', () => {
  it("reads the Dockerfile's directory as the context by default", () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.dockerignore': '*.log\n' });
    const r = dfopt(['lint', 'Dockerfile', '--no-color'], { cwd: dir });
    expect(copyIgnored(r.stdout)).toEqual([expect.stringMatching(/2:6 .*'build\.log' is excluded by \.dockerignore/)]);
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile', () => {
    const dir = project({ 'app.Dockerfile': DOCKERFILE, 'app.Dockerfile.dockerignore': 'build.log\n', '.dockerignore': 'other\n' });
    const r = dfopt(['lint', 'app.Dockerfile', '--no-color'], { cwd: dir });
    expect(copyIgnored(r.stdout)).toEqual([expect.stringContaining('app.Dockerfile.dockerignore')]);
  });

  it('--context DIR points elsewhere, also for --stdin', () => {
    const dir = project({ 'docker/Dockerfile': DOCKERFILE, '.dockerignore': '*.log\n' });
    expect(copyIgnored(dfopt(['lint', 'docker/Dockerfile', '--no-color'], { cwd: dir }).stdout)).toEqual([]);
    expect(copyIgnored(dfopt(['lint', 'docker/Dockerfile', '--context', '.', '--no-color'], { cwd: dir }).stdout)).toHaveLength(1);
    expect(copyIgnored(dfopt(['lint', '--stdin', '--context', '.', '--no-color'], { cwd: dir, input: DOCKERFILE }).stdout)).toHaveLength(1);
  });

  it('uses no context for --stdin without --context', () => {
    const dir = project({ '.dockerignore': '*.log\n' });
    const r = dfopt(['lint', '--stdin', '--no-color'], { cwd: dir, input: DOCKERFILE });
    expect(r.code).toBe(0);
    expect(copyIgnored(r.stdout)).toEqual([]);
  });
});
