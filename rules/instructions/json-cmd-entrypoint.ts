import { defineRule, fixOrDeclined, type TextEdit } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { isPosixShell, parseScript, plainCommand } from '../../src/shell';
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
          'Skip a shell form whose last command is `exec prog …`, run unconditionally (after `;` or `&&`, not inside an ' +
          'if or after `||`): the program replaces the shell, so it is PID 1 and receives the signals.',
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
        '`allowFinalExec`), unlike hadolint and BuildKit, a script that ends in `exec prog …` run unconditionally is not ' +
        'flagged: the program replaces the shell and receives the signals (`CMD [ -d vendor ] || composer install; exec ' +
        './bin/rr serve`).',
    },
  },
  create(context) {
    const allowFinalExec = context.options.allowFinalExec === true;
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
      if (!malformed && allowFinalExec && isPosixShell(context.stateBefore(node).shell) && endsInExec(node.argsText.text)) return;
      // Writing the joined instruction into the array would make the stray continuation permanent, and in the same
      // pass as instruction-in-arguments' removal of that '\' it leaves the array's tail as a line of its own.
      const swallowed = swallowedInstructions(context.ast, node)[0];
      context.report({
        range: argsRange(context.ast, node),
        code: explicitShell ? 'DL3025' : ['DL3025', 'JSONArgsRecommended'],
        message: malformed
          ? `${node.keyword} at line ${node.range.start.line + 1} is meant as a JSON array but ${malformed}, so Docker runs it in shell form; correct the JSON.`
          : `${node.keyword} at line ${node.range.start.line + 1} is in shell form, so the program runs as a child of the shell and does not receive signals; write it as a JSON array.`,
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

