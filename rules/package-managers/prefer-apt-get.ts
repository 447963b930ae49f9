import { defineRule, fixer, fixOrDeclined, type RuleContext, type TextEdit } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { effectiveArgv, runCommands } from '../../src/shell';
import {
  covers,
  deletedDir,
  deletedOperands,
  hasAnyOption,
  managerCommand,
  scratchMountTargets,
} from '../../src/shell/packageManagers';
import type { BuildState } from '../../src/model';
import { onEveryRun, type ToolCommand, toolCommands } from './toolCommands';

/** `apt` subcommands that query rather than change: apt-cache does those. */
const QUERIES = new Set(['search', 'show', 'showsrc', 'policy', 'depends', 'rdepends', 'madison', 'showpkg']);

/** Subcommands apt-get runs exactly as apt does (apt's own defaults only change their output). */
const SAME = new Set(['update', 'remove', 'purge', 'autoremove', 'clean']);
/**
 * Subcommands that download packages: apt deletes the .debs after installing (`Binary::apt::APT::Keep-Downloaded-Packages
 * "false"`), apt-get keeps them in /var/cache/apt/archives, so they are the same only when that directory does not
 * reach the layer.
 */
const DOWNLOADING = new Set(['install', 'reinstall']);
const ARCHIVES = '/var/cache/apt/archives';

/** Whether /var/cache/apt/archives is a cache/tmpfs mount of the RUN or emptied after `from` in the same RUN. */
function archivesDropped(run: InstructionNode, state: BuildState, from: number): boolean {
  if (scratchMountTargets(run, state.workdir).some((t) => covers(t, ARCHIVES))) return true;
  return runCommands(run).some(({ command, script }) => {
    if (script.toSource(command.start) <= from) return false;
    const argv = effectiveArgv(command);
    const manager = managerCommand(argv);
    if (manager?.manager === 'apt' && manager.subcommand === 'clean') return true;
    return (deletedOperands(argv) ?? []).some((w) => {
      const dir = deletedDir(w.value, state.workdir);
      return dir !== null && dir !== '/' && covers(dir, ARCHIVES);
    });
  });
}

/** `apt` → `apt-get` when apt-get does exactly what apt did (see fixSafety), else why not (one clause). */
function toAptGet(context: RuleContext, run: InstructionNode, state: BuildState, command: ToolCommand): TextEdit | string {
  const { invocation } = command;
  const sub = invocation.subcommand;
  if (!SAME.has(sub) && !DOWNLOADING.has(sub)) {
    return sub ? `\`${QUERIES.has(sub) ? 'apt-cache' : 'apt-get'} ${sub}\` does not do exactly what \`apt ${sub}\` does` : 'apt without a subcommand has no apt-get equivalent';
  }
  if (DOWNLOADING.has(sub)) {
    if (hasAnyOption(invocation.args, '-d', '--download-only')) return 'with --download-only, apt and apt-get keep different files';
    // apt reads these only as patterns, apt-get also as globs and regexes.
    if (invocation.args.operands.some((w) => /^[?~]|[*?[\]]/.test(w.value.split('=')[0]!))) return 'apt reads these package names as patterns, apt-get as globs or regular expressions';
    if (!archivesDropped(run, state, command.sourceStart)) {
      return 'apt-get keeps the downloaded .deb files in /var/cache/apt/archives, which apt removes; clean them in the same RUN (`apt-get clean`) and the fix applies';
    }
  }
  const word = invocation.commandWord;
  const range = command.range(word);
  const written = context.ast.source.text.slice(range.start.offset, range.end.offset);
  const quoted = 'the program name is quoted, escaped or built from a variable';
  if (written !== word.raw) return quoted;
  if (run.execForm) return word.raw === JSON.stringify(word.value) ? fixer.replace(range, JSON.stringify(`${word.value}-get`)) : quoted;
  // `apt`, `/usr/bin/apt`: plain words only (no quotes or escapes to carry over).
  return word.raw === word.value && /(^|\/)apt$/.test(word.raw) ? fixer.replace(range, `${word.raw}-get`) : quoted;
}

export default defineRule({
  meta: {
    id: 'prefer-apt-get',
    aliases: ['DL3027'],
    category: 'correctness',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags `apt` used in a RUN, where `apt-get` or `apt-cache` belong.',
      rationale:
        '`apt` is the interactive front end: its output and behaviour may change between releases, and it warns ' +
        '"apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` and `apt-cache` are the ' +
        'stable, scriptable commands with the same subcommands.',
      bad: 'FROM debian:12\nRUN apt update && apt install -y curl\n',
      good: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && apt-cache policy curl \\\n && rm -rf /var/lib/apt/lists/*\n',
      fixSafety:
        'Unsafe (applied with `--unsafe`): it changes the program a RUN executes, which dfopt\'s safe fixes never do. ' +
        'It replaces `apt` with `apt-get` (`/usr/bin/apt` with `/usr/bin/apt-get`) only where apt-get does what apt ' +
        'did. `update`, `remove`, `purge`, `autoremove` and `clean` are the same code in both; apt only changes their ' +
        'output (colours, progress bar, the stable-CLI warning). `install` and `reinstall` differ in one default: apt ' +
        'deletes the downloaded .deb files afterwards, apt-get keeps them in /var/cache/apt/archives, which would grow ' +
        'the layer on base images without Debian\'s docker-clean hook; so they are fixed only when the same RUN empties ' +
        'that directory later (`apt-get clean`, `rm -rf /var/cache/apt/archives/*` or `/var/cache/apt/*`) or mounts a ' +
        'cache or tmpfs over it, and not when they name packages by glob or pattern (apt-get also reads those as ' +
        'regular expressions) or only download (`-d`). No fix for `upgrade` (apt also installs new dependencies, ' +
        'apt-get does not), `full-upgrade`, queries (`search`, `list`, `show`: apt-cache is the tool, with other ' +
        'output), or a bare `apt`.',
      notes:
        'Any command named `apt` is reported, also behind `sudo` or as `/usr/bin/apt` (hadolint 2.12 only sees a ' +
        'bare `apt`), in heredoc bodies and exec-form RUNs. `apt-get`, `apt-cache` and `aptitude` are not. The ' +
        'message suggests apt-cache for query subcommands (`search`, `show`, `policy`, …).',
    },
  },
  create(context) {
    return onEveryRun(context, (run, state) => {
      for (const command of toolCommands(context, run, state)) {
        const { invocation } = command;
        if (invocation.tool !== 'apt') continue;
        const sub = invocation.subcommand;
        const replacement = QUERIES.has(sub) ? 'apt-cache' : 'apt-get';
        const range = command.range(invocation.commandWord, invocation.subcommandWord ?? invocation.commandWord);
        const what = sub ? `apt ${sub}` : 'apt';
        context.report({
          range,
          message:
            `${what} at line ${range.start.line + 1} uses apt, whose command line is not stable for scripts; ` +
            `use \`${replacement}${sub ? ` ${sub}` : ''}\` instead.`,
          ...fixOrDeclined(toAptGet(context, run, state, command)),
        });
      }
    });
  },
});

