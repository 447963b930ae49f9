import { join } from 'node:path';
import { runDfopt, tempProject } from '../support/cli';

// Issue 18, defect 6 (leftovers): an --output-file that cannot be written was reported with the raw errno code
// (`cannot write output (ENOENT)`), and `--max-warnings` without a number was accepted (NaN: no limit at all), taking
// the path after it as its value. Both are now one line naming the problem, exit 2.
const WARNS = 'FROM alpine:3.20\nRUN apk add curl\n';

describe('--output-file that cannot be written', () => {
  it.each([
    ['a missing directory', (dir: string) => join(dir, 'missing', 'report.json'), 'no such file or directory'],
    ['a directory', (dir: string) => dir, 'is a directory'],
  ])('names the file and the cause in words: %s', (_label, target, cause) => {
    for (const command of ['lint', 'fix']) {
      const dir = tempProject({ Dockerfile: WARNS });
      const r = runDfopt([command, 'Dockerfile', '--format', 'json', '-o', target(dir)], { cwd: dir });
      expect(r.stderr).toBe(`dfopt: ${target(dir)}: cannot write the report (${cause})\n`);
      expect(r.code).toBe(2);
    }
  });
});

describe('--max-warnings needs a whole number', () => {
  it.each([
    ['no value at the end', ['Dockerfile', '--max-warnings'], "dfopt: --max-warnings needs a number, e.g. --max-warnings 0 (see dfopt --help)\n"],
    ['a path taken as its value', ['--max-warnings', 'Dockerfile'], "dfopt: --max-warnings takes a whole number of warnings, not 'Dockerfile' (see dfopt --help)\n"],
    ['a fraction', ['Dockerfile', '--max-warnings=1.5'], "dfopt: --max-warnings takes a whole number of warnings, not '1.5' (see dfopt --help)\n"],
  ])('%s is a one-line usage error, exit 2', (_label, args, stderr) => {
    const r = runDfopt(['lint', ...args], { cwd: tempProject({ Dockerfile: WARNS }) });
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
  });

  it('still takes 0, a limit and -1 (no limit)', () => {
    const dir = tempProject({ Dockerfile: WARNS });
    expect(runDfopt(['lint', 'Dockerfile', '--max-warnings', '0'], { cwd: dir }).code).toBe(1);
    expect(runDfopt(['lint', 'Dockerfile', '--max-warnings', '2'], { cwd: dir }).code).toBe(0);
    expect(runDfopt(['lint', 'Dockerfile', '--max-warnings', '-1'], { cwd: dir }).code).toBe(0);
  });
});
