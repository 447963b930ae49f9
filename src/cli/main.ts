import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Os from 'node:os';
import type { Argv } from 'yargs';
import type YargsModule from 'yargs';
import { version } from '../../package.json';
import type * as LspModule from '../lsp';
import { createDefaultRegistry } from '../index';
import { FORMAT_NAMES, type FormatName, printable } from '../report';
import { runExplain, runRules } from './infoCommands';
import { runFix } from './fixCommand';
import { type FixArgs, type InputArgs, type LintArgs, parseFixArgs, parseLintArgs } from './fastArgs';
import { runInit } from './initCommand';
import { type CommandIO, EXIT_USAGE, runLint, runLintWorkerThread } from './lintCommand';
import { WORKER_FLAG } from './lintWorkers';
import { fileErrorCause, readBounded } from './readDockerfile';
import { colorByDefault, fdWriter, isTerminal } from './stdio';
import { booleanValueError, usageMessage } from './usageMessage';

// A reader that stops early (`dfopt lint | head`) closes the pipe: the rest of the report has nowhere to go, which is
// not a failure of the run, so the run finishes and its exit code still says what it found (fdWriter drops the rest).
// Other write errors (a full disk) are one line and exit 2, never Node's stack trace.
// The writes are synchronous, so a failed one is remembered: the command's own exit code comes after it.
let writeFailed = false;
const io: CommandIO = {
  stdout: fdWriter(1, (error) => {
    io.stderr(`dfopt: cannot write to standard output (${fileErrorCause(error)})\n`);
    writeFailed = true;
  }),
  stderr: fdWriter(2, () => {
    writeFailed = true;
  }),
  readStdin: () => readBounded(0),
  // CI logs are files, not screens: a redrawn progress line would only add noise there.
  interactiveStderr: isTerminal(2) && !process.env.CI,
};

/** picocolors' default (NO_COLOR, FORCE_COLOR, whether stdout is a terminal); --color/--no-color win. */
const useColor = (flag: boolean | undefined): boolean => flag ?? colorByDefault(process.argv, process.env);

const exitWith = (code: number): void => {
  process.exitCode = writeFailed ? EXIT_USAGE : code;
};

/** Options `lint` and `fix` share: what to read and how it is configured. */
const withInputOptions = <T>(y: Argv<T>) =>
  y
    .positional('paths', { type: 'string', array: true, default: [] as string[] })
    .option('stdin', { type: 'boolean', default: false, describe: 'Read the Dockerfile from standard input' })
    .option('stdin-filename', {
      type: 'string',
      requiresArg: true,
      coerce: needsValue<string>('--stdin-filename', false),
      describe: 'Name shown for standard input (and where its config is found)',
    })
    .option('failure-threshold', {
      choices: ['error', 'warning', 'info', 'style', 'none'] as const,
      requiresArg: true,
      coerce: needsValue<'error' | 'warning' | 'info' | 'style' | 'none'>('--failure-threshold', false),
      describe: "Lowest severity that makes the exit code 1 (default: the config's failureThreshold, else error — or info, hadolint's default, when the config is a .hadolint.yaml; none never fails)",
    })
    .option('rule', {
      type: 'string',
      default: [] as string[],
      // Repeatable, one value each: an array option would swallow the paths after it (`--rule a=error Dockerfile`).
      requiresArg: true,
      coerce: needsValue<string[]>('--rule', true),
      describe: 'Set a rule level: --rule id=off|info|warning|error (repeatable)',
    })
    .option('build-arg', {
      type: 'string',
      default: [] as string[],
      requiresArg: true,
      coerce: needsValue<string[]>('--build-arg', true),
      describe: "A build argument, NAME=VALUE, or NAME for the environment's value, as docker build takes it (repeatable); BUILDKIT_DOCKERFILE_CHECK replaces the file's # check= directive",
    })
    .option('config', {
      alias: 'c',
      type: 'string',
      requiresArg: true,
      coerce: needsValue<string>('--config', false),
      describe: 'Use this config file instead of looking for .dfopt.yaml',
    })
    .option('context', {
      type: 'string',
      requiresArg: true,
      coerce: needsValue<string>('--context', false),
      describe: "Build context directory for checks that read it (.dockerignore); default: the Dockerfile's directory",
    })
    .option('color', { type: 'boolean', describe: 'Force colours on or off (--no-color); NO_COLOR and FORCE_COLOR are honoured' });

/** The server is a bundle of its own (dist/lsp.js), read only here, so it costs `dfopt lint` nothing. */
function startLanguageServer(): void {
  let server: typeof LspModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    server = require(join(__dirname, 'lsp.js')) as typeof LspModule;
  } catch (error) {
    io.stderr(`dfopt: cannot load the language server (${join(__dirname, 'lsp.js')}): ${(error as Error).message.split('\n')[0]}; rebuild with npm run build\n`);
    return exitWith(EXIT_USAGE);
  }
  server.startStdioServer();
}

/** `--max-warnings N`: a whole number (-1: no limit, as in ESLint); anything else is a usage error. */
function maxWarnings(value: string | string[]): number {
  const given = [value].flat();
  const last = given[given.length - 1] ?? '';
  if (!/^(-1|\d+)$/.test(last.trim())) {
    throw new Error(last === '' ? '--max-warnings needs a number, e.g. --max-warnings 0' : `--max-warnings takes a whole number of warnings, not '${last}'`);
  }
  return Number(last);
}

/**
 * yargs' coerce for an option that takes a value. Given none, such an option was silently ignored: a `--config $CFG`
 * with CFG unset linted under the default config. requiresArg makes `--config` at the end (or before another option)
 * a usage error; this does the same for an empty one (`--config=`). A repeatable option's values come back as a list.
 */
const needsValue =
  <T extends string | string[]>(flag: string, list: boolean) =>
  (value: string | string[]): T => {
    const given = [value].flat();
    // The words of usageMessage's translation of requiresArg's message: one message for both ways of giving none.
    if (given.some((v) => v === '')) throw new Error(`${flag} needs a value`);
    return (list ? given : given[given.length - 1]!) as T;
  };

/** `--output-file`, the same for lint and fix. */
const OUTPUT_FILE_OPTION = {
  alias: 'o',
  type: 'string',
  requiresArg: true,
  coerce: needsValue<string>('--output-file', false),
  describe: 'Write the report to a file',
} as const;

/** `--jobs N|auto`: a whole number of threads, at least 1; auto is one per CPU. */
function jobs(value: string | string[]): number {
  const given = [value].flat();
  const last = (given[given.length - 1] ?? '').trim();
  if (last === 'auto') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:os') as typeof Os).availableParallelism();
  }
  if (!/^[1-9]\d{0,3}$/.test(last)) throw new Error(last === '' ? '--jobs needs a number of threads or auto, e.g. --jobs 2' : `--jobs takes a number of threads (1 or more) or auto, not '${last}'`);
  return Number(last);
}

const stdinWithPaths = (argv: { stdin: boolean; paths: readonly string[] }): boolean => {
  if (!argv.stdin || argv.paths.length === 0) return false;
  io.stderr('dfopt: --stdin reads one Dockerfile from standard input; do not also give paths\n');
  return true;
};

/**
 * An error dfopt did not expect is a bug, not the user's doing: one line that says so (exit 2, as for any run that
 * could not finish), with the stack only on request (DFOPT_DEBUG=1), since a trace helps us but never the user.
 */
function reportInternalError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`dfopt: internal error: ${printable(message.split('\n')[0] ?? '')} (a bug in dfopt; DFOPT_DEBUG=1 shows where)\n`);
  if (process.env.DFOPT_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  process.exitCode = EXIT_USAGE;
}

/** The options lint and fix share, from either command's argv. */
function inputOptions(argv: InputArgs) {
  return {
    paths: argv.paths,
    stdin: argv.stdin,
    stdinFilename: argv['stdin-filename'],
    failureThreshold: argv['failure-threshold'],
    rule: argv.rule,
    buildArg: argv['build-arg'] ?? [],
    config: argv.config,
    context: argv.context,
    color: useColor(argv.color),
  };
}

/** `dfopt lint`, from yargs' argv or the fast path's. */
function lintCommand(argv: LintArgs): void {
  if (stdinWithPaths(argv)) return exitWith(EXIT_USAGE);
  exitWith(
    runLint(
      {
        ...inputOptions(argv),
        format: argv.format,
        outputFile: argv['output-file'],
        maxWarnings: argv['max-warnings'] ?? -1,
        quiet: argv.quiet,
        cache: argv.cache,
        cacheLocation: argv['cache-location'],
        shellcheck: argv.shellcheck,
        timing: argv.timing ?? false,
        jobs: argv.jobs ?? 1,
      },
      createDefaultRegistry(),
      io,
    ),
  );
}

/** `dfopt fix`, from yargs' argv or the fast path's. */
function fixCommand(argv: FixArgs): void {
  if (stdinWithPaths(argv)) return exitWith(EXIT_USAGE);
  exitWith(
    runFix(
      {
        ...inputOptions(argv),
        dryRun: argv['dry-run'],
        check: argv.check,
        exitNonZeroOnFix: argv['exit-non-zero-on-fix'],
        unsafe: argv.unsafe,
        only: argv.only,
        pin: argv.pin,
        verify: argv.verify ?? false,
        explain: argv.explain,
        format: argv.format,
        outputFile: argv['output-file'],
      },
      createDefaultRegistry(),
      io,
    ),
  );
}

try {
  const args = process.argv.slice(2);
  if (args[0] === WORKER_FLAG) runLintWorkerThread(createDefaultRegistry());
  else if (runFastPath(args)) exitNow();
  else runCli();
} catch (error) {
  reportInternalError(error);
}

/**
 * Runs the everyday commands without yargs (loaded only for anything else): `dfopt [lint] [options] paths` (see
 * parseLintArgs), pre-commit's `dfopt fix --exit-non-zero-on-fix <files>`, and --version and --help as yargs prints
 * them. False when the command line is none of these.
 */
function runFastPath(args: readonly string[]): boolean {
  const fast = parseLintArgs(args);
  const fastFix = fast ? null : parseFixArgs(args);
  if (fast) lintCommand(fast);
  else if (fastFix) fixCommand(fastFix);
  // Scripts and pre-commit set-ups ask for the version at every run.
  else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    io.stdout(`${version}\n`);
    exitWith(0); // a failed write is exit 2, as for any command
  } else if (args.length === 1 && (args[0] === '--help' || args[0] === '-h') && printRenderedHelp()) exitWith(0);
  else return false;
  return true;
}

/**
 * Ends the process once a fast-path command has finished. What they do is synchronous (fdWriter's writes, spawnSync,
 * worker threads joined before runLint returns), so nothing is left for the event loop, and a natural exit only spends
 * time on work nobody waits for: the young-generation collection V8 schedules as an idle task when its young
 * generation is nearly full (~1 ms in a one-file lint), and Node freeing the isolate and its heap. Measured (issue 18;
 * 100 alternating runs, medians of perf stat's task-clock): a one-file `dfopt lint` 51.6 -> 49.0 ms of CPU. The
 * 'exit' listeners (bin/dfopt.js writing the code cache) still run. yargs' paths end naturally: they write through
 * process.stdout, which may still hold output.
 */
function exitNow(): never {
  process.exit();
}

/**
 * `dfopt --help` into a pipe or a file: the text the build had yargs render (dist/help.txt, see scripts/build.js), so
 * yargs is not loaded. A terminal gets yargs' own rendering, wrapped to its width. False when there is no such file.
 */
function printRenderedHelp(): boolean {
  if (isTerminal(1)) return false;
  let text: string;
  try {
    text = readFileSync(join(__dirname, 'help.txt'), 'utf8');
  } catch {
    return false;
  }
  io.stdout(text);
  return true;
}

function runCli(): void {
  // yargs prints help, the version and its own messages through process.stdout/stderr: the same rule as fdWriter's
  // there (a reader gone is not a failure; other write errors are one line and exit 2, never Node's stack trace).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      if (stream === process.stdout) io.stderr(`dfopt: cannot write to standard output (${fileErrorCause(error)})\n`);
      process.exitCode = EXIT_USAGE;
    });
  }
  const booleanError = booleanValueError(process.argv.slice(2));
  if (booleanError !== null) {
    io.stderr(`dfopt: ${printable(booleanError)} (see dfopt --help)\n`);
    process.exit(EXIT_USAGE);
  }
  // Required here, not imported: the bundle then evaluates yargs only on this path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yargs = require('yargs') as typeof YargsModule;
  // `--shellcheck` takes an optional value: alone, it must not swallow the path after it (`--shellcheck Dockerfile`).
  void yargs(process.argv.slice(2).map((arg) => (arg === '--shellcheck' ? '--shellcheck=' : arg)))
    .scriptName('dfopt')
    .version(version)
    .usage('$0 [lint] [paths..]\n\nLint Dockerfiles: hadolint- and BuildKit-compatible rules, with autofix.')
    .command(
      ['lint [paths..]', '$0 [paths..]'],
      'Lint Dockerfiles (files, directories or globs; default: the current directory)',
      (y) =>
        withInputOptions(y)
          .option('format', {
            alias: 'f',
            choices: FORMAT_NAMES,
            default: 'stylish' as FormatName,
            requiresArg: true,
            coerce: needsValue<FormatName>('--format', false),
            describe: 'Output format',
          })
          .option('output-file', OUTPUT_FILE_OPTION)
          .option('max-warnings', {
            // A string, checked here: as a number option yargs turned a missing value into NaN, taking no limit.
            type: 'string',
            coerce: (value: string | string[]) => maxWarnings(value),
            describe: 'Exit 1 when there are more warnings than this',
          })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
          .option('cache', { type: 'boolean', default: false, describe: 'Only lint files that changed since the last --cache run (kept in .dfoptcache)' })
          .option('cache-location', {
            type: 'string',
            requiresArg: true,
            coerce: needsValue<string>('--cache-location', false),
            describe: 'The cache file, or a directory to hold .dfoptcache (default: .dfoptcache here)',
          })
          .option('jobs', {
            alias: 'j',
            type: 'string',
            coerce: (value: string | string[]) => jobs(value),
            describe: 'Lint over up to N threads (auto: one per CPU) when there are enough files to pay for them (at least 64 files per thread); not with --cache',
          })
          .option('timing', {
            type: 'boolean',
            default: false,
            describe: "Print the 10 rules that took the most time (and parsing) to stderr after the report, as ESLint's TIMING=1",
          })
          .option('shellcheck', {
            type: 'string',
            describe: "Also run the real ShellCheck on RUN scripts for the SC codes dfopt does not check itself: --shellcheck (the one on PATH), --shellcheck=PATH, =auto (only if installed) or =off; default: the config's shellcheck, else off",
          }),
      (argv) => lintCommand(argv),
    )
    .command(
      'fix [paths..]',
      'Fix Dockerfiles in place (safe fixes; --unsafe for more), then report what is left',
      (y) =>
        withInputOptions(y)
          .option('dry-run', { type: 'boolean', default: false, describe: 'Print a unified diff and write nothing' })
          .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 if any file would change' })
          .option('exit-non-zero-on-fix', {
            type: 'boolean',
            default: false,
            describe: 'Exit 1 when a fix changed a file, even if nothing is left to report (pre-commit hooks)',
          })
          .option('unsafe', { type: 'boolean', default: false, describe: 'Also apply fixes that may change what the image contains or runs' })
          .option('only', {
            type: 'string',
            default: [] as string[],
            requiresArg: true,
            coerce: needsValue<string[]>('--only', true),
            describe: 'Only fixes of these rules: --only id,id (repeatable)',
          })
          .option('pin', {
            type: 'string',
            default: [] as string[],
            requiresArg: true,
            coerce: needsValue<string[]>('--pin', true),
            describe: 'Pin a base image for pin-base-image: --pin image=tag|digest (repeatable; adds to imagePins)',
          })
          .option('format', {
            alias: 'f',
            choices: ['stylish', 'json'] as const,
            default: 'stylish' as const,
            requiresArg: true,
            coerce: needsValue<'stylish' | 'json'>('--format', false),
            describe: 'Output format',
          })
          .option('output-file', OUTPUT_FILE_OPTION)
          .option('explain', { type: 'boolean', default: false, describe: 'Explain each optimizer rewrite: the artifact, the start command, why this final base' })
          .option('verify', {
            type: 'boolean',
            default: false,
            describe: 'Build and run the original and the fixed image (docker, podman or buildah); write only if the fix builds and runs the same',
          }),
      (argv) => fixCommand(argv),
    )
    .command(
      'rules',
      'List every rule with its aliases, category, severity and fix',
      (y) => y.option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const, requiresArg: true }),
      (argv) => exitWith(runRules(createDefaultRegistry(), argv.format, io)),
    )
    .command(
      'explain <rule>',
      'Show the documentation of a rule (by id or alias, e.g. DL3006)',
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (argv) => exitWith(runExplain(createDefaultRegistry(), argv.rule, io)),
    )
    .command(
      'init',
      'Write a starter .dfopt.yaml here, or convert the .hadolint.yaml found here',
      (y) => y.option('force', { type: 'boolean', default: false, describe: 'Replace an existing .dfopt.yaml' }),
      (argv) => exitWith(runInit({ dir: process.cwd(), force: argv.force }, createDefaultRegistry(), io)),
    )
    .command(
      'lsp',
      'Start the language server for editors (LSP over standard input and output)',
      (y) =>
        y
          .option('stdio', { type: 'boolean', default: true, describe: 'Talk over standard input and output (the only transport)' })
          // Some clients add the editor's process id; the server watches its client through `initialize` instead.
          .option('clientProcessId', { type: 'number', hidden: true }),
      () => startLanguageServer(),
    )
    .strict()
    .help()
    .alias('help', 'h')
    .alias('version', 'v')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // yargs hands over its own usage errors only (YError: bad option values, parser errors); ours never get here.
      // Its messages span lines ("Invalid values:\n  Argument: …"), and the promise is one line, so fold them.
      const folded = (message || error?.message || 'invalid command line').replace(/\s*\n\s*/g, ' ').trim();
      const text = usageMessage(folded, process.argv.slice(2));
      io.stderr(`dfopt: ${printable(text)} (see dfopt --help)\n`);
      process.exit(EXIT_USAGE);
    })
    .parse();
}
