import { defineRule } from '../../src/engine';
import type { SimpleCommandNode } from '../../src/shell/parser';
import { basename } from '../../src/shell';
import { commandName, shellScriptListeners, singleQuotedParts, walkShell } from './support';

/** Commands that take code or templates in single quotes on purpose (ShellCheck's list). */
const TAKES_CODE = new Set(['trap', 'sh', 'bash', 'ksh', 'zsh', 'ssh', 'eval', 'xprop', 'alias', 'sudo', 'docker', 'dpkg-query', 'jq', 'rename', 'unset', 'git filter-branch']);
const PROMPTS = /^(PS[1-4]|PROMPT_COMMAND)\+?=/;
const EXPANSION = /\$[{(0-9a-zA-Z_]|`.*`/;
/** sed's own `$`: the last line (`$d`, `$p`, `${…}` blocks). */
const SED_DOLLAR = /\$[{dpsaic]($|[^a-zA-Z])/;

/** The command a word belongs to as ShellCheck names it: `find -exec cmd` is cmd, `git filter-branch` is one name. */
function closestCommand(node: SimpleCommandNode | null): string {
  if (!node) return '';
  const name = commandName(node) ?? '';
  if (name === 'find') {
    const i = node.argv.findIndex((w) => w.value === '-exec' || w.value === '-execdir');
    const next = i === -1 ? undefined : node.argv[i + 1];
    return next && !/[$`]/.test(next.raw) ? basename(next.value) : 'find';
  }
  if (name === 'git' && node.argv[1]?.value === 'filter-branch') return 'git filter-branch';
  return name;
}

export default defineRule({
  meta: {
    id: 'expansion-in-single-quotes',
    aliases: ['SC2016'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    recommended: false,
    docs: {
      summary: "Flags `$var` or `$(…)` inside single quotes in RUN, where the shell does not expand it (ShellCheck SC2016).",
      rationale:
        "Nothing expands inside '…': `echo 'export PATH=$HOME/bin:$PATH' >> /etc/profile` may be exactly right, but " +
        "`curl -H 'Authorization: Bearer $TOKEN'` sends the literal text `$TOKEN`. Use double quotes when the value " +
        'should be substituted now.',
      bad: "FROM debian:12\nARG TOKEN\nRUN curl -fsSL -H 'Authorization: Bearer $TOKEN' https://example.com/pkg -o /tmp/pkg\n",
      good:
        "FROM debian:12\nARG TOKEN\nRUN curl -fsSL -H \"Authorization: Bearer $TOKEN\" https://example.com/pkg -o /tmp/pkg \\\n" +
        "    && awk '{print $1}' /etc/hosts && sh -c 'echo $0' && sed -i '$d' /etc/motd\n",
      notes:
        "As in ShellCheck, code for another interpreter is left alone: awk, perl, sh/bash -c, eval, trap, ssh, sudo, " +
        "docker, jq, `find -exec` of those, sed's own `$` (`$d`, `$p`) and PS1-style prompts. Off in `recommended`: " +
        'writing a literal `$VAR` into a profile, config file or script is common and intended: in a hand check of 20 ' +
        'seeded corpus findings 1 was a bug (a sed pattern meant to use an ARG); `strict` and `all` turn it on.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        word(word, role, command) {
          if (role === 'function-name') return;
          if (role === 'assignment' && PROMPTS.test(word.raw)) return;
          const name = role === 'argv' || role === 'assignment' || role === 'redirect' ? closestCommand(command) : '';
          if (TAKES_CODE.has(name) || name.endsWith('awk') || name.startsWith('perl')) return;
          for (const part of singleQuotedParts(word)) {
            if (!EXPANSION.test(part.content)) continue;
            if (name === 'sed' && SED_DOLLAR.test(part.content)) continue;
            const range = target.range(part.start, part.end);
            context.report({
              range,
              message: `The single-quoted string at line ${range.start.line + 1} contains an expansion the shell will not perform; use double quotes if it should be substituted.`,
            });
          }
        },
      });
    });
  },
});
