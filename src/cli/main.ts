import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { version } from '../../package.json';
import { createDefaultRegistry } from '../index';
import { FORMAT_NAMES, type FormatName } from '../report';
import { runExplain, runRules } from './infoCommands';
import { type CommandIO, EXIT_USAGE, runLint } from './lintCommand';

const io: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0),
};

/** picocolors already honours NO_COLOR, FORCE_COLOR and whether stdout is a terminal; --color/--no-color win. */
const useColor = (flag: boolean | undefined): boolean => flag ?? pc.isColorSupported;

const exitWith = (code: number): void => {
  process.exitCode = code;
};

void yargs(hideBin(process.argv))
  .scriptName('dfopt')
  .version(version)
  .usage('$0 [lint] [paths..]\n\nLint Dockerfiles: hadolint- and BuildKit-compatible rules, with autofix.')
  .command(
    ['lint [paths..]', '$0 [paths..]'],
    'Lint Dockerfiles (files, directories or globs; default: the current directory)',
    (y) =>
      y
        .positional('paths', { type: 'string', array: true, default: [] as string[] })
        .option('stdin', { type: 'boolean', default: false, describe: 'Read the Dockerfile from standard input' })
        .option('stdin-filename', { type: 'string', describe: 'Name shown for standard input (and where its config is found)' })
        .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'stylish' as FormatName, describe: 'Output format' })
        .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to a file' })
        .option('max-warnings', { type: 'number', default: -1, describe: 'Exit 1 when there are more warnings than this' })
        .option('failure-threshold', {
          choices: ['error', 'warning', 'info', 'style', 'none'] as const,
          describe: 'Lowest severity that makes the exit code 1 (default: error; none never fails)',
        })
        .option('rule', { type: 'string', array: true, default: [] as string[], describe: 'Set a rule level: --rule id=off|info|warning|error' })
        .option('config', { alias: 'c', type: 'string', describe: 'Use this config file instead of looking for .dfopt.yaml' })
        .option('context', { type: 'string', describe: "Build context directory for checks that read it (.dockerignore); default: the Dockerfile's directory" })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
        .option('color', { type: 'boolean', describe: 'Force colours on or off (--no-color); NO_COLOR and FORCE_COLOR are honoured' }),
    (argv) => {
      if (argv.stdin && argv.paths.length > 0) {
        io.stderr('dfopt: --stdin reads one Dockerfile from standard input; do not also give paths\n');
        return exitWith(EXIT_USAGE);
      }
      exitWith(
        runLint(
          {
            paths: argv.paths,
            stdin: argv.stdin,
            stdinFilename: argv['stdin-filename'],
            format: argv.format,
            outputFile: argv['output-file'],
            maxWarnings: argv['max-warnings'],
            failureThreshold: argv['failure-threshold'],
            rule: argv.rule,
            config: argv.config,
            context: argv.context,
            quiet: argv.quiet,
            color: useColor(argv.color),
          },
          createDefaultRegistry(),
          io,
        ),
      );
    },
  )
  .command(
    'rules',
    'List every rule with its aliases, category, severity and fix',
    (y) => y.option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const }),
    (argv) => exitWith(runRules(createDefaultRegistry(), argv.format, io)),
  )
  .command(
    'explain <rule>',
    'Show the documentation of a rule (by id or alias, e.g. DL3006)',
    (y) => y.positional('rule', { type: 'string', demandOption: true }),
    (argv) => exitWith(runExplain(createDefaultRegistry(), argv.rule, io)),
  )
  .strict()
  .help()
  .alias('help', 'h')
  .alias('version', 'v')
  .wrap(Math.min(110, process.stdout.columns || 100))
  .fail((message, error) => {
    if (error) throw error;
    io.stderr(`dfopt: ${message}\nRun 'dfopt --help' for usage.\n`);
    process.exit(EXIT_USAGE);
  })
  .parse();
