import { defineRule } from '../../src/engine';
import type { ShellWord } from '../../src/shell/types';
import { commandName, expansionsOf, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

/** Paths whose removal breaks the system, with ShellCheck's globbed variants. */
const IMPORTANT = new Set(
  ['', '/', '/*', '/*/*'].flatMap((suffix) =>
    ['', '/bin', '/etc', '/home', '/mnt', '/usr', '/usr/share', '/usr/local', '/var', '/lib', '/dev', '/media', '/boot', '/lib64', '/usr/bin'].map((p) => p + suffix),
  ).filter((p) => p !== ''),
);

/** The path a word names when every plain `$var` in it is empty; null when nothing in it can be empty. */
function pathWhenEmpty(word: ShellWord): string | null {
  let out = '';
  let at = word.start;
  let empty = false;
  for (const e of expansionsOf(word)) {
    out += word.raw.slice(at - word.start, e.start - word.start);
    at = e.end;
    if (e.kind !== 'parameter' || e.modified || !/^[A-Za-z_]/.test(e.name)) return null;
    empty = true;
  }
  out += word.raw.slice(at - word.start);
  return empty ? out.replace(/\\(.)|['"]/g, '$1') : null;
}

export default defineRule({
  meta: {
    id: 'rm-variable-path',
    aliases: ['SC2115'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `rm -r "$DIR/"…` that removes a system directory when DIR is empty (ShellCheck SC2115).',
      rationale:
        'With DIR unset or empty, `rm -rf "$DIR/"*` is `rm -rf /*`. In a build that deletes the image\'s own files and ' +
        'fails in odd places later. `"${DIR:?}"` stops the shell with an error when DIR is empty.',
      bad: 'FROM debian:12\nRUN rm -rf "$APP_HOME/"*\n',
      good: 'FROM debian:12\nRUN rm -rf "${APP_HOME:?}/"* && rm -rf "$APP_HOME/cache"\n',
      notes:
        "As in ShellCheck: rm with -r, and a word that becomes /, /*, or a system directory (/bin, /etc, /usr, /var, …) " +
        'when its variables are empty. In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, RISKY_RMS, riskyRms);
      for (let i = 0; i < hits.length; i++) {
        const { word, path } = hits[i]!;
        const range = target.range(word.start, word.end);
        context.report({
          range,
          message: `rm -r at line ${range.start.line + 1} removes ${path} when the variable in ${word.raw} is empty; use "\${var:?}" so the shell stops instead.`,
        });
      }
    }, ['rm']);
  },
});

const RISKY_RMS = scriptCheckKey();

/** The `rm -r` operands of a script that name an important directory when their variable is empty (its AST only: see scriptHits). */
function riskyRms(target: ShellTarget): Array<{ word: ShellWord; path: string }> {
  const hits: Array<{ word: ShellWord; path: string }> = [];
  walkShell(target.ast, {
    simple(node) {
      if (commandName(node) !== 'rm') return;
      const args = node.argv.slice(1);
      if (!args.some((w) => /^-[a-zA-Z]*r/.test(w.value))) return;
      for (const word of args) {
        const path = pathWhenEmpty(word);
        if (path === null || !IMPORTANT.has(path)) continue;
        hits.push({ word, path });
      }
    },
  });
  return hits;
}
