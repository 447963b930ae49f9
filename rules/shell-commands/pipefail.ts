import { defineRule, type RuleContext } from '../../src/engine';
import { type InstructionNode, memoKey, memoShared } from '../../src/parse';
import { basename, isPosixShell, runScripts, type ShellScript, type ShellWord, type SimpleCommand } from '../../src/shell';
import { parseOptions } from '../../src/shell/commandQueries';
import { conditionRanges } from '../shell/support';
import { apkInstalls, BUSYBOX_IMAGE, stageOrigin } from './busyboxStage';

/** `-o pipefail` among options (`-o pipefail`, `-eo pipefail`, `-euxo pipefail`). */
const setsPipefail = (words: readonly ShellWord[]): boolean =>
  parseOptions(words, { shortWithValue: 'o' }).options.some((o) => o.name === 'o' && o.value === 'pipefail');

const asWords = (values: readonly string[]): ShellWord[] => values.map((value) => ({ raw: value, value, start: 0, end: 0 }));

/** Whether the SHELL runs with pipefail: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`. */
function shellHasPipefail(shell: readonly string[]): boolean {
  // Asked for every RUN; the stages of a file share a few SHELL arrays (the default's one for all without SHELL).
  let known = pipefailShells.get(shell);
  if (known === undefined) {
    const c = shell.indexOf('-c');
    known = setsPipefail(asWords(shell.slice(1, c === -1 ? undefined : c)));
    pipefailShells.set(shell, known);
  }
  return known;
}

const pipefailShells = new WeakMap<readonly string[], boolean>();

/**
 * Builtins whose failure no one needs to see: `echo "$SUM  file" | sha256sum -c -` hides nothing, the check's status
 * is the pipe's. Only the commands before the last one of a pipe are hidden.
 */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', ':']);

/**
 * `yes | pacman -Scc`: yes runs until the reader exits and then dies of SIGPIPE, so there is no failure to hide, and
 * with pipefail every such pipe would fail the build with 141 (hand check 2026-12-09, 00502.Dockerfile:119).
 */
const ENDS_BY_SIGPIPE = new Set(['yes']);

/**
 * The shell to name in the advice: an Alpine or BusyBox stage has no bash unless it installs it (hand check
 * 2026-12-07, 00413.Dockerfile:11), and its ash knows `-o pipefail`, as hadolint's DL4006 page advises.
 */
function pipefailShell(context: RuleContext, run: InstructionNode): string {
  const origin = stageOrigin(context, run);
  return origin.image !== null && BUSYBOX_IMAGE.test(origin.image) && !apkInstalls(origin, /^bash([=<>~]|$)/) ? '/bin/ash' : '/bin/bash';
}

export default defineRule({
  meta: {
    id: 'pipefail',
    aliases: ['DL4006'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags a RUN with a pipe when neither the SHELL nor the RUN itself sets `-o pipefail`.',
      rationale:
        'A pipeline\'s exit status is that of its last command, so `curl -fsSL $URL | tar -xz` succeeds when the ' +
        'download fails, as long as tar is happy with empty input, and the build goes on with a broken layer. ' +
        '`set -o pipefail` makes the pipeline fail when any part of it does. Set it once for the stage with ' +
        '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `/bin/ash -eo pipefail -c` on Alpine), or at the start ' +
        'of the RUN.',
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n',
      good:
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n' +
        'FROM alpine:3.20\nRUN set -eo pipefail; wget -qO- https://example.com/app.tar.gz | tar -xz -C /opt\n',
      notes:
        'One finding per RUN, on its first pipe not covered by pipefail; pipes inside quotes, `||` and pipes inside ' +
        '`$(…)` (whose status is ignored anyway) do not count, nor does a pipe that is the condition of an `if`, `elif`, ' +
        '`while` or `until` (`if apk list | grep -q ruby; then`): its status is tested, so it cannot fail the build with ' +
        'or without pipefail, which would only change the branch taken. The SHELL is the one in effect for the RUN, inherited ' +
        'from a parent stage (`FROM base`) as Docker does; hadolint 2.12 forgets it at every FROM. Deliberate ' +
        'differences from hadolint 2.12: `set -o pipefail` (or `set -eo pipefail`, …) earlier in the same RUN script ' +
        'counts — where the shell does not support it, the `set` fails and so does the build, loudly — and any POSIX ' +
        'shell given `-o pipefail` in SHELL counts (hadolint only accepts bash, zsh and ash). Non-POSIX SHELL stages ' +
        '(PowerShell, cmd), exec-form RUN and ONBUILD RUN (its SHELL is the downstream image\'s) are not checked. A pipe ' +
        'whose only hidden commands are `echo`, `printf`, `true` or `:` is not reported (`echo "$SUM  f" | sha256sum -c -` ' +
        'hides nothing; hadolint reports it).',
    },
  },
  create(context) {
    return {
      RUN(run) {
        const { shell } = context.stateBefore(run);
        if (run.execForm || !isPosixShell(shell) || shellHasPipefail(shell)) return;
        const pipe = memoShared(run, UNPROTECTED_PIPE, unprotectedPipe);
        if (pipe === null) return;
        const { script, previous, command } = pipe;
        const range = context.ast.source.range(script.toSource(previous.start), script.toSource(command.end - 1) + 1);
        context.report({
          range,
          message: `The pipe at line ${range.start.line + 1} hides a failure of \`${previous.argv[0]?.value ?? 'its first command'}\`; set \`SHELL ["${pipefailShell(context, run)}", "-o", "pipefail", "-c"]\` or start the RUN with \`set -o pipefail\`.`,
        });
      },
    };
  },
});

/** A pipe whose first command's failure goes unnoticed: the commands on either side of it, in `script`. */
interface Pipe {
  readonly script: ShellScript;
  readonly previous: SimpleCommand;
  readonly command: SimpleCommand;
}

const UNPROTECTED_PIPE = memoKey('pipefail.unprotectedPipe');

/**
 * The first pipe of a RUN that hides a failure, or null (which memoShared keeps too). Read from the RUN's scripts alone,
 * so kept with its parse, which the language server reuses while the RUN is unchanged.
 */
function unprotectedPipe(run: InstructionNode): Pipe | null {
  const scripts = runScripts(run);
  // `RUN bash -o pipefail <<EOF`: the heredoc body runs in a shell started with pipefail.
  const launcher = scripts.length > 1 ? scripts[0]!.commands[0]?.argv : undefined;
  const heredocShellPipefail = launcher !== undefined && setsPipefail(launcher.slice(1));
  for (let index = 0; index < scripts.length; index++) {
    const script = scripts[index]!;
    const commands = script.commands;
    let pipefail = index > 0 && heredocShellPipefail;
    // `if a | grep -q b; then`: a tested pipe cannot fail the build, with or without pipefail (hand check
    // 2026-12-07, 00217.Dockerfile:122). Found at the first pipe that needs them: most RUNs have none.
    let conditions: ReturnType<typeof conditionRanges> | null = null;
    const tested = (offset: number): boolean =>
      (conditions ??= script.ast ? conditionRanges(script.ast) : []).some((c) => offset >= c.start && offset < c.end);
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!;
      if (basename(command.argv[0]?.value ?? '') === 'set' && setsPipefail(command.argv.slice(1))) pipefail = true;
      const sep = command.separatorBefore;
      if (i === 0 || (sep !== '|' && sep !== '|&') || pipefail) continue;
      const previous = commands[i - 1]!;
      const producer = previous.argv[0]?.value ?? '';
      if (CANNOT_FAIL.has(producer) || ENDS_BY_SIGPIPE.has(producer) || tested(previous.start)) continue;
      return { script, previous, command };
    }
  }
  return null;
}
