// dfopt's own image (Dockerfile at the repository root) must pass dfopt's recommended rules. The CLI lints it with the
// repository as build context, so the rules that read the context (copy-ignored-file, …) see the real .dockerignore.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

it("dfopt lint reports nothing on dfopt's own Dockerfile", () => {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin', 'dfopt.js'), 'lint', '--format', 'json', 'Dockerfile'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([{ file: 'Dockerfile', findings: [] }]);
  expect(r.status).toBe(0);
});
