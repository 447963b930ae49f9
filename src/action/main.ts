/**
 * The GitHub Action's entry point (action.yml runs it with the inputs as INPUT_* variables, as the runner passes
 * them): lints with annotations on the workflow log (or another format), optionally writes SARIF for code scanning,
 * optionally fixes or checks first. It is the CLI's commands with inputs instead of flags, so both behave alike.
 */
import { appendFileSync } from 'node:fs';
import { createDefaultRegistry } from '../index';
import { runFix } from '../cli/fixCommand';
import { readBounded } from '../cli/readDockerfile';
import { type CommandIO, EXIT_USAGE, runLint } from '../cli/lintCommand';
import { FORMAT_NAMES, type FormatName, printable } from '../report';

const THRESHOLDS = ['error', 'warning', 'info', 'style', 'none'] as const;
type Threshold = (typeof THRESHOLDS)[number];

/**
 * An input as the runner passes it: `INPUT_` + the name upper-cased, spaces as `_` (hyphens kept, as in
 * `INPUT_FAILURE-THRESHOLD`); action.yml's composite step also passes the `_` spelling, which shells can read.
 */
export function input(env: NodeJS.ProcessEnv, name: string): string {
  const upper = name.replace(/ /g, '_').toUpperCase();
  return (env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, '_')}`] ?? '').trim();
}

function booleanInput(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = input(env, name).toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ActionInputError(`input '${name}' must be true or false, not '${value}'`);
}

class ActionInputError extends Error {}

/** Runs the action; returns the exit code. `io` and `env` are injectable so tests run it as the runner would. */
export function runAction(env: NodeJS.ProcessEnv, io: CommandIO): number {
  const registry = createDefaultRegistry();
  let paths: string[];
  let format: FormatName;
  let threshold: Threshold | undefined;
  let fix: boolean;
  let check: boolean;
  try {
    // One path per line, or several on a line separated by spaces (workflow authors write both).
    paths = input(env, 'paths').split(/\s+/).filter(Boolean);
    const formatInput = input(env, 'format') || 'github';
    if (!(FORMAT_NAMES as readonly string[]).includes(formatInput)) throw new ActionInputError(`input 'format' must be one of ${FORMAT_NAMES.join(', ')}, not '${formatInput}'`);
    format = formatInput as FormatName;
    const thresholdInput = input(env, 'failure-threshold');
    if (thresholdInput && !(THRESHOLDS as readonly string[]).includes(thresholdInput)) {
      throw new ActionInputError(`input 'failure-threshold' must be one of ${THRESHOLDS.join(', ')}, not '${thresholdInput}'`);
    }
    threshold = (thresholdInput || undefined) as Threshold | undefined;
    fix = booleanInput(env, 'fix');
    check = booleanInput(env, 'check');
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    io.stderr(`dfopt: ${printable(error.message)}\n`);
    return EXIT_USAGE;
  }
  const config = input(env, 'config') || undefined;
  const sarifFile = input(env, 'sarif-file');
  const common = { paths, stdin: false, rule: [], config, failureThreshold: threshold, color: false };

  let fixCode = 0;
  if (fix || check) {
    fixCode = runFix({ ...common, dryRun: false, check, unsafe: false, only: [] }, registry, io);
    if (fixCode === EXIT_USAGE) return fixCode;
  }
  const lintCode = runLint(
    { ...common, format, maxWarnings: -1, quiet: false, alsoWrite: sarifFile ? [{ format: 'sarif', outputFile: sarifFile }] : [] },
    registry,
    io,
  );
  if (sarifFile && env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputEntry('sarif-file', sarifFile));
  return Math.max(fixCode, lintCode);
}

/**
 * One step output in GITHUB_OUTPUT's syntax. `name=value` holds one line only: a value with a line break (a file name
 * may have one) would end there and its next line be read as another output. Such a value goes between delimiter
 * lines, as @actions/core writes every output, with a delimiter the value does not hold.
 */
export function outputEntry(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  let delimiter = 'ghadelimiter_dfopt';
  while (value.includes(delimiter)) delimiter += '_';
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

if (require.main === module) {
  const io: CommandIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readBounded(0),
  };
  process.exitCode = runAction(process.env, io);
}
