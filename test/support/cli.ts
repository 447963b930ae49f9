import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built CLI (test/support/buildCli.js builds it once per jest run), run as users run it. */
export const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');

export interface RunOptions {
  readonly cwd: string;
  readonly input?: string | Buffer;
  /** Added to the environment; FORCE_COLOR from the test runner is dropped unless given here. */
  readonly env?: Record<string, string | undefined>;
  readonly timeout?: number;
}

export function runDfopt(args: readonly string[], options: RunOptions): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: undefined, ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input, env, encoding: 'utf8', timeout: options.timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new temporary directory holding `files` (paths relative to it; folders are made). */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
