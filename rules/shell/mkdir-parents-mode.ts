import { defineRule } from '../../src/engine';
import type { ShellWord } from '../../src/shell/types';
import { commandName, shellScriptListeners, walkShell } from './support';

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
      notes:
        'In `recommended` at the severity ShellCheck gives it, as hadolint reports it. Unlike ShellCheck, not flagged ' +
        'when no parent can end up with another mode: every directory named sits in one that every distro base image ' +
        'has (`mkdir -p -m 770 /var/solr`: /var, /usr/share, /var/opt, …), or the mode is 755, which the parents get ' +
        'anyway under the umask a RUN starts with (022; an earlier `umask` in the script keeps the finding). As in ' +
        'ShellCheck, `dir`, `./dir` and `../dir` have no parent to create.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      // An earlier `umask` changes the mode the parents get, so 755 is no longer the mode they share.
      const umask = /\bumask\b/.test(target.script.text);
      walkShell(target.ast, {
        simple(node) {
          if (commandName(node) !== 'mkdir') return;
          const parsed = mkdirArgs(node.argv.slice(1));
          if (!parsed.parents || !parsed.mode) return;
          // Under Docker's umask 022 the parents get 755 too: -m 755 sets nothing they lack.
          if (!umask && DEFAULT_MODES.has(parsed.mode.value)) return;
          if (!parsed.operands.some(mayCreateParents)) return;
          const range = target.range(parsed.mode.word.start, parsed.mode.word.end);
          context.report({
            range,
            message: `mkdir -p at line ${range.start.line + 1} applies ${parsed.mode.word.value} only to the last directory, not to the parents it creates; create the parents first.`,
          });
        },
      });
    });
  },
});

/** Modes equal to what `mkdir -p` gives the parents it creates under the umask a RUN starts with (022). */
const DEFAULT_MODES = new Set(['755', '0755', 'u=rwx,go=rx', 'u=rwx,g=rx,o=rx']);

/**
 * Directories every Linux base image with a package manager has (Debian and Ubuntu base-files, Alpine
 * alpine-baselayout, Fedora/UBI filesystem): `mkdir -p /var/solr` creates no parent there.
 */
const ALWAYS_PRESENT = new Set([
  '/', '/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys',
  '/tmp', '/usr', '/var', '/usr/bin', '/usr/lib', '/usr/local', '/usr/sbin', '/usr/share', '/usr/local/bin',
  '/usr/local/lib', '/usr/local/share', '/var/cache', '/var/lib', '/var/local', '/var/log', '/var/mail', '/var/opt',
  '/var/spool', '/var/tmp',
]);

/** The mode word (with its value), whether -p/--parents is given, and the directories, of mkdir's arguments. */
function mkdirArgs(args: readonly ShellWord[]): { parents: boolean; mode: { word: ShellWord; value: string } | null; operands: ShellWord[] } {
  let parents = false;
  let mode: { word: ShellWord; value: string } | null = null;
  const operands: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (v === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (v === '--parents') parents = true;
    else if (v === '--mode') mode = { word: w, value: args[++i]?.value ?? '' };
    else if (v.startsWith('--mode=')) mode = { word: w, value: v.slice('--mode='.length) };
    else if (/^-[a-zA-Z]/.test(v) && !v.startsWith('--')) {
      // A cluster of short flags; -m takes the rest of the word, or the next word, as its value.
      for (let j = 1; j < v.length; j++) {
        if (v[j] === 'p') parents = true;
        else if (v[j] === 'm') {
          mode = { word: w, value: j + 1 < v.length ? v.slice(j + 1) : (args[++i]?.value ?? '') };
          break;
        } else if (!/[a-zA-Z]/.test(v[j]!)) break;
      }
    } else if (!v.startsWith('--')) operands.push(w);
  }
  return { parents, mode, operands };
}

/**
 * Whether `mkdir -p` may create a parent of this directory. As in ShellCheck, not for `dir`, `./dir` or `../dir`;
 * nor when the parent is a directory every base has (`/var/solr`, 01433.Dockerfile:118). An expansion in the parent
 * part leaves it unknown.
 */
function mayCreateParents(word: ShellWord): boolean {
  const path = word.value.replace(/(.)\/+$/, '$1');
  const slash = path.lastIndexOf('/');
  if (word.literal !== false && (slash === -1 || /^(?:\.\.?\/)+[^/]+$/.test(path))) return false;
  if (slash === -1) return true;
  const parent = path.slice(0, slash).replace(/\/+$/, '') || '/';
  return /[$`*?[]/.test(parent) || !ALWAYS_PRESENT.has(parent);
}
