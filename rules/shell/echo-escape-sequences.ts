import { defineRule } from '../../src/engine';
import type { ShellWord } from '../../src/shell/types';
import { commandName, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

/** Backslash escapes some echo implementations expand and others print. */
const ESCAPE = /\\[abcefnrtv0-7xuU\\]/;

export default defineRule({
  meta: {
    id: 'echo-escape-sequences',
    aliases: ['SC2028'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags `echo` with backslash escapes such as `\\n`, which dash expands and bash prints literally (ShellCheck SC2028).',
      rationale:
        'dash (Debian\'s /bin/sh) expands `\\n` in `echo "a\\nb"`, bash does not unless given `-e`, and `-e` itself is ' +
        'printed by dash. The same RUN writes different files under different shells. `printf` behaves the same everywhere.',
      bad: 'FROM debian:12\nRUN echo "[main]\\nenabled=1" > /etc/app.conf\n',
      good: "FROM debian:12\nRUN printf '[main]\\nenabled=1\\n' > /etc/app.conf && echo 'C:\\path'\n",
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, ESCAPED_ECHOES, escapedEchoes);
      for (let i = 0; i < hits.length; i++) {
        const range = target.range(hits[i]!.start, hits[i]!.end);
        context.report({ range, message: `echo at line ${range.start.line + 1} prints backslash escapes differently under dash and bash; use printf.` });
      }
    }, ['echo']);
  },
});

const ESCAPED_ECHOES = scriptCheckKey();

/** The arguments with backslash escapes of a script's plain echo commands (its AST only: see scriptHits). */
function escapedEchoes(target: ShellTarget): ShellWord[] {
  const hits: ShellWord[] = [];
  walkShell(target.ast, {
    simple(node) {
      if (commandName(node) !== 'echo') return;
      const args = node.argv.slice(1);
      if (args[0]?.value.startsWith('-')) return;
      for (const a of args) if (ESCAPE.test(a.value)) hits.push(a);
    },
  });
  return hits;
}
