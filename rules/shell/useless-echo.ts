import { defineRule } from '../../src/engine';
import { commandName, expansionsOf, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'useless-echo',
    aliases: ['SC2116'],
    category: 'style',
    severity: 'style',
    fix: 'none',
    docs: {
      summary: 'Flags `$(echo …)`, a command substitution that only echoes its arguments (ShellCheck SC2116).',
      rationale:
        '`v=$(echo $VERSION)` starts a subshell to get back what was already there (and splits and globs it on the ' +
        'way). Use the value directly: `v=$VERSION`.',
      bad: 'FROM debian:12\nARG VERSION=1.2.3\nRUN major=$(echo "$VERSION") && echo "$major"\n',
      good: 'FROM debian:12\nARG VERSION=1.2.3\nRUN major="$VERSION" && minor=$(echo "$VERSION" | cut -d. -f2) && echo "$major $minor"\n',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, ECHOES, uselessEchoes);
      for (let i = 0; i < hits.length; i++) {
        const range = target.range(hits[i]!.start, hits[i]!.end);
        context.report({ range, message: `$(echo …) at line ${range.start.line + 1} only gives back its arguments; use them directly.` });
      }
    });
  },
});

const ECHOES = scriptCheckKey();

/** The `$(echo …)` substitutions of a script (its AST only: see scriptHits). */
function uselessEchoes(target: ShellTarget): Array<{ start: number; end: number }> {
  const hits: Array<{ start: number; end: number }> = [];
  walkShell(target.ast, {
    word(word) {
      // Only a substitution can hold the echo (and most words have none: no array for them).
      const subs = word.substitutions;
      if (subs === undefined) return;
      for (const e of expansionsOf(word)) {
        if (e.kind !== 'command' && e.kind !== 'backtick') continue;
        const body = subs.find((s) => s.start >= e.start && s.end <= e.end);
        const only = body?.items.length === 1 && body.items[0]!.pipelines.length === 1 ? body.items[0]!.pipelines[0]!.commands : [];
        const cmd = only.length === 1 && only[0]!.type === 'simple' ? only[0]! : null;
        if (!cmd || cmd.type !== 'simple' || commandName(cmd) !== 'echo' || cmd.redirects.length > 0) continue;
        if (cmd.argv.length < 2 || cmd.argv[1]!.value.startsWith('-')) continue;
        hits.push({ start: e.start, end: e.end });
      }
    },
  });
  return hits;
}
