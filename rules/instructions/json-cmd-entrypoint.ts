import { defineRule, fixOrDeclined, type TextEdit } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { BUILTINS, isPosixShell, parseScript, plainCommand } from '../../src/shell';
import { BUSYBOX_IMAGE, stageOrigin } from '../shell-commands/busyboxStage';
import { argsRange, lastBefore, swallowedInstructions } from './support';

/**
 * The script's last command is `exec prog …` and runs whenever the script gets that far (after `;` or `&&`, not in an
 * if or after `||`): the program replaces the shell, becomes PID 1 and gets the signals, which is what the exec form
 * is for (hand check 2026-12-08, 01665.Dockerfile: setup in `[[ … ]]` tests, then `exec ./bin/rr serve`).
 */
function endsInExec(text: string): boolean {
  const { ast } = parseScript(text);
  const last = ast?.items[ast.items.length - 1];
  // A command left in the background stays a child of the program the shell becomes.
  if (!ast || !last || ast.items.some((item) => item.terminator === '&') || last.operators.includes('||')) return false;
  const pipeline = last.pipelines[last.pipelines.length - 1]!;
  const only = pipeline.commands.length === 1 ? pipeline.commands[0]! : undefined;
  if (pipeline.negated || only?.type !== 'simple') return false;
  // `exec` with only redirections changes the shell's files and runs nothing.
  return only.argv[0]?.value === 'exec' && only.argv.length > 1;
}

/**
 * One simple command and nothing else (`/bin/bash`, `nginx -g 'daemon off;' > /var/log/out`, `app --port $PORT`):
 * BusyBox ash runs the last command of `sh -c` in its own process, without a fork (checked with BusyBox 1.35: the
 * command's parent is the shell's parent, also with a redirection, an assignment or an expansion; a pipeline's last
 * command is forked), so the program is PID 1 anyway. Debian's dash forks (its maintainers patch the optimisation
 * out), so this holds only on a BusyBox stage. A builtin runs inside the shell and execs nothing.
 */
function loneCommand(text: string): boolean {
  const { ast } = parseScript(text);
  const only = ast?.items.length === 1 ? ast.items[0]! : undefined;
  if (!only || only.terminator === '&' || only.pipelines.length !== 1) return false;
  const pipeline = only.pipelines[0]!;
  const command = pipeline.commands.length === 1 ? pipeline.commands[0]! : undefined;
  if (pipeline.negated || command?.type !== 'simple') return false;
  const program = command.argv[0]?.value;
  return program !== undefined && (program === 'exec' || !BUILTINS.has(program));
}

export default defineRule({
  meta: {
    id: 'json-cmd-entrypoint',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    category: 'correctness',
    severity: 'warning',
    fix: 'unsafe',
    options: {
      allowFinalExec: {
        type: 'boolean',
        description:
          'Skip a shell-form CMD whose last command is `exec prog …`, run unconditionally (after `;` or `&&`, not inside an ' +
          'if or after `||`): the program replaces the shell, so it is PID 1 and receives the signals.',
        default: false,
        recommendedDefault: true,
      },
      allowBusyBoxLoneCommand: {
        type: 'boolean',
        description:
          'Skip a shell-form CMD that is one simple command (no pipe, list or compound) in a stage built on Alpine or ' +
          'BusyBox with the default SHELL: BusyBox sh execs the last command of `sh -c` without a fork, so the ' +
          'program is PID 1 and receives the signals. Debian\'s dash does not, so other stages are still checked.',
        default: false,
        recommendedDefault: true,
      },
    },
    docs: {
      summary: 'Flags `CMD` and `ENTRYPOINT` in shell form; use the JSON (exec) form.',
      rationale:
        'In shell form the command runs as a child of `/bin/sh -c`, and the shell does not pass on signals: `docker stop` ' +
        'sends SIGTERM to the shell, the program never sees it, and the container is killed after the timeout instead of ' +
        'shutting down cleanly. A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments.',
      bad: 'FROM node:22-slim\nENTRYPOINT node server.js\nCMD --port 8080\n',
      good: 'FROM node:22-slim\nENTRYPOINT ["node", "server.js"]\nCMD ["--port", "8080"]\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n',
      fixSafety:
        'The fix writes the words as a JSON array (`CMD python app.py` → `CMD ["python", "app.py"]`, `CMD exec nginx` → ' +
        '`CMD ["nginx"]`) only when the shell form uses no shell feature: a POSIX shell stage, one simple command of ' +
        'plain words (no variable, glob, `~`, brace, backslash, `$`, backtick, operator, redirection, assignment, ' +
        'subshell or comment; quoted words are fine) whose program is not a shell builtin. Continuation lines and their ' +
        'comment lines stay where they are; a CMD that a stray trailing `\\` has joined to the next instruction is left ' +
        'for instruction-in-arguments to split first. It is **unsafe**: the program the shell would have run gets the same ' +
        'arguments, but what the container runs changes. PID 1 becomes the program instead of `/bin/sh -c` (the point ' +
        'of the rule: signals now reach it); an exec-form ENTRYPOINT starts receiving CMD and `docker run` arguments, ' +
        'which a shell-form one ignored; and a CMD that is passed to an ENTRYPOINT — including one set by the base ' +
        'image, which the Dockerfile does not show (`FROM postgres:16` + `CMD postgres -c fsync=off`) — now hands it ' +
        'the words instead of `/bin/sh -c "…"`. DESIGN.md lists "JSON-form CMD where the shell form had no shell ' +
        'features" among the safe fixes, but under its own definition (a safe fix does not change what the image ' +
        'runs) these changes make it unsafe; review the result and apply it with `--unsafe`.',
      notes:
        'Text that is not a valid JSON array of strings (`CMD [\'a\']` with single quotes) is shell form, as Docker reads it. ' +
        '`ONBUILD CMD` and the CMD of a HEALTHCHECK are not checked, as in hadolint. Every shell-form CMD/ENTRYPOINT is ' +
        'DL3025; BuildKit\'s JSONArgsRecommended is the same check except that it stays silent once a SHELL instruction ' +
        'has set the shell explicitly (in the stage or a stage it is built FROM), so those findings carry DL3025 only. ' +
        'If you need shell features, put them in a script and run that in exec form. Under `recommended` (option ' +
        '`allowFinalExec`), unlike hadolint and BuildKit, a CMD script that ends in `exec prog …` run unconditionally is not ' +
        'flagged: the program replaces the shell and receives the signals (`CMD [ -d vendor ] || composer install; exec ' +
        './bin/rr serve`). Nor (option `allowBusyBoxLoneCommand`) is a lone simple command on an Alpine or BusyBox stage ' +
        'with the default SHELL: BusyBox sh execs it without a fork (`FROM alpine` + `CMD /bin/bash`). Debian\'s dash ' +
        'forks it, so Debian-family stages are still checked. A shell-form ENTRYPOINT is always reported, as it also ' +
        'ignores CMD and `docker run` arguments. Where these cases are reported (strict, all, hadolint), ' +
        'the message says that the program already gets the signals.',
    },
  },
  create(context) {
    const allowFinalExec = context.options.allowFinalExec === true;
    const allowBusyBoxLoneCommand = context.options.allowBusyBoxLoneCommand === true;
    /** The edits into exec form, or why there are none. */
    const fixFor = (node: InstructionNode): TextEdit[] | string => {
      if (!isPosixShell(context.stateBefore(node).shell)) return "the stage's SHELL is not a POSIX shell, whose quoting the rewrite would have to follow";
      const { text, sourceOffsets } = node.argsText;
      const plain = plainCommand(text);
      if (!plain) return 'the command uses what only a shell interprets (variables, globs, operators, redirections or escapes); move that into a script and run it in exec form';
      const { exec, words } = plain;
      const program = words[0]!;
      const source = context.ast.source.text;
      const from = (w: { start: number }): number => sourceOffsets[w.start]!;
      const to = (w: { end: number }): number => sourceOffsets[w.end - 1]! + 1;
      // A word broken over a continuation line would lose that line; leave those alone.
      const split = 'a word is broken over a continuation line, which the rewrite would lose';
      if ([exec, ...words].some((w) => w && /[\r\n]/.test(source.slice(from(w), to(w))))) return split;
      if (exec && /[\r\n]/.test(source.slice(from(exec), from(program)))) return split;
      const edits: TextEdit[] = words.map((w, i) => ({
        start: i === 0 && exec ? from(exec) : from(w),
        end: to(w),
        text: `${i === 0 ? '[' : ''}${JSON.stringify(w.value)}${i === words.length - 1 ? ']' : ','}`,
      }));
      return edits;
    };
    /** `CMD ["bash", "-c" "echo hi"]`: meant as JSON, read as shell form; where and why the JSON breaks. */
    const malformedJson = (node: InstructionNode): string | null => {
      const { text, sourceOffsets } = node.argsText;
      const trimmed = text.trim();
      if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
      try {
        JSON.parse(trimmed);
        return null; // valid JSON that is not an array of strings: the generic message fits
      } catch (error) {
        const reason = (error as Error).message;
        const at = /at position (\d+)/.exec(reason);
        const what = /^(.*?)(?: in JSON at position \d+| is not valid JSON|,\s*".*" is not valid JSON)/.exec(reason)?.[1] ?? reason;
        const offset = at ? sourceOffsets[text.indexOf(trimmed) + Number(at[1])] : undefined;
        const where = offset === undefined ? '' : (() => {
          const p = context.ast.source.positionAt(offset);
          return ` at ${p.line + 1}:${p.column + 1}`;
        })();
        return `is not valid JSON${where} (${what.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())})`;
      }
    };
    const check = (node: InstructionNode): void => {
      if (node.execForm) return;
      const explicitShell = lastBefore(context.model, node, 'SHELL') !== undefined;
      const malformed = malformedJson(node);
      // Writing the joined instruction into the array would make the stray continuation permanent, and in the same
      // pass as instruction-in-arguments' removal of that '\' it leaves the array's tail as a line of its own.
      const swallowed = swallowedInstructions(context.ast, node)[0];
      // A swallowed instruction's words are not the command the author wrote, so what the shell does with them is moot.
      const posix = !malformed && !swallowed && isPosixShell(context.stateBefore(node).shell);
      const finalExec = posix && endsInExec(node.argsText.text);
      const busyBoxExec = posix && !explicitShell && loneCommand(node.argsText.text) && BUSYBOX_IMAGE.test(stageOrigin(context, node).image ?? '');
      // Only a CMD: a shell-form ENTRYPOINT also drops CMD and `docker run` arguments, exec or not.
      if (node.keyword === 'CMD' && ((finalExec && allowFinalExec) || (busyBoxExec && allowBusyBoxLoneCommand))) return;
      const at = `${node.keyword} at line ${node.range.start.line + 1}`;
      context.report({
        range: argsRange(context.ast, node),
        code: explicitShell ? 'DL3025' : ['DL3025', 'JSONArgsRecommended'],
        message: malformed
          ? `${at} is meant as a JSON array but ${malformed}, so Docker runs it in shell form; correct the JSON.`
          : finalExec
            ? `${at} is in shell form; its final exec makes the program PID 1, but the exec form needs no shell; write it as a JSON array, with any setup in a script.`
            : busyBoxExec
              ? `${at} is in shell form; BusyBox sh execs a lone command, so the program gets the signals here, but not under a /bin/sh that forks it (Debian's dash); write it as a JSON array.`
              : `${at} is in shell form, so the program runs as a child of the shell and does not receive signals; write it as a JSON array.`,
        ...(malformed
          ? { fixDeclined: 'the JSON is malformed and repairing it would mean guessing what was meant' }
          : swallowed
            ? { fixDeclined: `a stray '${context.ast.escapeChar}' joins the ${swallowed.keyword} at line ${swallowed.line + 1} into it; remove that first (instruction-in-arguments)` }
            : fixOrDeclined(fixFor(node))),
      });
    };
    return { CMD: check, ENTRYPOINT: check };
  },
});

