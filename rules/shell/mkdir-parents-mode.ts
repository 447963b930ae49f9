import { defineRule } from '../../src/engine';
import type { ShellWord } from '../../src/shell/types';
import { commandName, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'mkdir-parents-mode',
    aliases: ['SC2174'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `mkdir -p -m MODE`, where the mode applies only to the last directory (ShellCheck SC2174).',
      rationale:
        '`mkdir -p -m 700 /srv/app/secrets` creates /srv and /srv/app with the default mode and only secrets with 700, ' +
        'which is easy to misread as all of them being private. Create the parents first, or chmod each directory.',
      bad: 'FROM debian:12\nRUN mkdir -p -m 700 /srv/app/secrets\n',
      good: 'FROM debian:12\nRUN mkdir -p /srv/app && mkdir -m 700 /srv/app/secrets\n',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, PARENT_MODES, parentModes);
      for (let i = 0; i < hits.length; i++) {
        const mode = hits[i]!;
        const range = target.range(mode.start, mode.end);
        context.report({
          range,
          message: `mkdir -p at line ${range.start.line + 1} applies ${mode.value} only to the last directory, not to the parents it creates; create the parents first.`,
        });
      }
    }, ['mkdir']);
  },
});

const PARENT_MODES = scriptCheckKey();

/** The mode words of a script's `mkdir -p -m` commands (its AST only: see scriptHits). */
function parentModes(target: ShellTarget): ShellWord[] {
  const hits: ShellWord[] = [];
  walkShell(target.ast, {
    simple(node) {
      if (commandName(node) !== 'mkdir') return;
      const args = node.argv.slice(1);
      const short = (w: string, c: string) => /^-[a-zA-Z]+/.test(w) && !w.startsWith('--') && w.slice(1).replace(/[^a-zA-Z].*$/, '').includes(c);
      if (!args.some((w) => short(w.value, 'p') || w.value === '--parents')) return;
      const mode = args.find((w) => short(w.value, 'm') || w.value.startsWith('--mode'));
      if (mode) hits.push(mode);
    },
  });
  return hits;
}
