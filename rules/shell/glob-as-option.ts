import { defineRule } from '../../src/engine';
import type { ShellWord } from '../../src/shell/types';
import { commandName, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'glob-as-option',
    aliases: ['SC2035'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags a command argument that starts with a glob (`rm *.log`), which a file named `-rf` turns into an option (ShellCheck SC2035).',
      rationale:
        'A glob expands to file names as they are, so a file called `-f` or `--force` in the directory becomes an option ' +
        'of the command. Write `./*.log`, or put `--` before the globs.',
      bad: 'FROM debian:12\nWORKDIR /opt/app\nRUN chmod 644 *.conf\n',
      good: 'FROM debian:12\nWORKDIR /opt/app\nRUN chmod 644 ./*.conf && rm -f -- *.tmp && echo *\n',
      notes:
        'As in ShellCheck: only words that start with `*` or `?`; echo and printf are exempt, and so is everything after `--`. ' +
        'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, GLOBS, globsAsOptions);
      for (let i = 0; i < hits.length; i++) {
        const word = hits[i]!;
        const range = target.range(word.start, word.end);
        context.report({
          range,
          message: `The glob ${word.raw} at line ${range.start.line + 1} can expand to a name starting with a dash, read as an option; write ./${word.raw} or put -- before it.`,
        });
      }
    });
  },
});

const GLOBS = scriptCheckKey();

/** The arguments of a script's commands that start with a glob (its AST only: see scriptHits). */
function globsAsOptions(target: ShellTarget): ShellWord[] {
  const hits: ShellWord[] = [];
  walkShell(target.ast, {
    simple(node) {
      const name = commandName(node);
      if (node.argv.length < 2 || name === 'echo' || name === 'printf') return;
      // From the second word, without a copy of argv: this runs for every command with an argument.
      for (let i = 1; i < node.argv.length; i++) {
        const word = node.argv[i]!;
        if (word.value === '--' || word.value === ':::' || word.value === '::::') break;
        if (word.raw[0] !== '*' && word.raw[0] !== '?') continue;
        hits.push(word);
      }
    },
  });
  return hits;
}
