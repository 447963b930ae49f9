import { posix as posixPath } from 'node:path';
import { defineRule } from '../../src/engine';
import { substitute, type BuildState } from '../../src/model';
import { isPosixShell } from '../../src/shell';
import { commandUses, type CommandUse } from '../../src/shell/commandQueries';
import type { ShellWord } from '../../src/shell/types';
import { globMatcher } from '../remove-in-same-layer';
import { runListeners } from './runListeners';

const NON_POSIX_CD = new Set(['cd', 'chdir', 'set-location', 'sl', 'pushd']);

/** The system's scratch directories and what is under them. */
const SCRATCH = /^\/(?:var\/)?tmp(?:\/|$)/;

export default defineRule({
  meta: {
    id: 'use-workdir',
    aliases: ['DL3003'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `cd` in RUN: set the working directory with WORKDIR instead.',
      rationale:
        'A `cd` lasts only until the end of its RUN, so every later RUN, COPY and CMD still starts in the old ' +
        'directory and the same `cd` gets repeated, or forgotten. WORKDIR sets the directory once for everything ' +
        'that follows, creates it if needed, and shows in the image config. Tools that take a directory ' +
        '(`make -C dir`, `tar -C dir`, `git -C dir`) avoid the `cd` altogether.',
      bad: 'FROM debian:12\nRUN cd /usr/src/app && make\n',
      good: 'FROM debian:12\nWORKDIR /usr/src/app\nRUN make\nRUN make -C /usr/src/lib\n',
      notes:
        'One finding per RUN, on its first `cd` (in functions and heredoc bodies too); `cd` as an argument ' +
        'word (`echo cd`) and programs such as `cdrecord` are not flagged. Like hadolint 2.12, ONBUILD RUN is not ' +
        'checked, and exec-form RUN cannot run `cd` at all. A `cd` inside a subshell or command substitution ' +
        '(`(cd vendor && make)`, unlike hadolint) is not flagged: the author scoped the directory on purpose, and a ' +
        'WORKDIR would change it for every later command. In cmd and PowerShell stages (SHELL, or a Windows base ' +
        'image) `cd`, `chdir`, `pushd` and `Set-Location` are flagged the same way: their change of directory does ' +
        'not outlive the RUN either. A `cd` into a directory a later `rm -r` of the same RUN removes (a build directory such ' +
        'as `/usr/src/ruby`, `$DANTE_TEMP`, a `mktemp -d` in a variable, or a subdirectory of one), and a `cd` that ' +
        'steps back out of it (`cd /`, `cd ../..`, `cd -`) or only sets up the cleanup (`cd /tmp && rm -rf build`), are ' +
        'not flagged: a WORKDIR there would keep the directory in the image. Directories are followed through the ' +
        "RUN's `cd`s in order, with ARG/ENV values expanded; an `rm -rf` before the `cd` does not count. A `cd` into " +
        'the directory WORKDIR already set (`WORKDIR /app` then `RUN cd /app && …`) changes nothing and is not reported. ' +
        'Nor is a `cd` into /tmp, /var/tmp or a directory under them: a scratch directory as WORKDIR would become the ' +
        'working directory of every later instruction and of the container.',
    },
  },
  create(context) {
    return runListeners(
      context,
      (run, state) => {
        if (run.execForm) return;
        // cmd and PowerShell change directory with the same words; their scripts split into commands well enough.
        const posix = isPosixShell(state.shell);
        const uses = commandUses(run);
        // `(cd vendor && make)` scopes the directory to a subshell on purpose: WORKDIR would change every later command.
        const scoped = (use: CommandUse): boolean => use.command.enclosing.some((e) => e.kind === 'subshell' || e.kind === 'substitution');
        const cds = uses.filter((use) => (posix ? use.name === 'cd' : NON_POSIX_CD.has(use.name.toLowerCase())) && !scoped(use));
        // No cd to report (most RUNs): the directories and removals below would go unread.
        if (cds.length === 0) return;
        const into = posix ? directoriesOf(uses, scoped, (word) => pathOf(word, state, context.ast.escapeChar)) : new Map<CommandUse, string>();
        // A build directory the same RUN deletes (`cd /usr/src/ruby; make install; rm -r /usr/src/ruby`) must not
        // become the WORKDIR: WORKDIR would keep it alive in the image (issue 19, corpus 00011.Dockerfile:66). Only an rm
        // after the cd counts (`rm -rf /src && git clone … /src && cd /src` keeps /src).
        const removals = posix ? removalsOf(uses, into, (word) => pathOf(word, state, context.ast.escapeChar)) : [];
        const removedLater = (use: CommandUse): boolean => {
          const dir = into.get(use);
          // `rm -rf redis-7.2.4*` removes the `cd redis-7.2.4` directory too (the tarball and its tree in one glob).
          const covers = (removed: string): boolean =>
            dir === removed || dir!.startsWith(`${removed}/`) || (/[*?[]/.test(removed) && globMatcher(removed).test(dir!));
          return dir !== undefined && removals.some((r) => r.at > use.sourceStart && covers(r.path));
        };
        const intoRemoved = cds.some(removedLater);
        // Once the RUN works in a directory it deletes, a cd that steps back out (`cd /`, `cd ..`, back to where the RUN
        // started) or only sets up the cleanup (`cd /tmp && rm -rf luarocks-3.9.2`) is not a working directory either.
        const leaves = (use: CommandUse): boolean => {
          const dir = use.args[0]?.value;
          if (dir === undefined || /^(?:\/+|-|\.\.(?:\/+\.\.)*\/*)$/.test(dir) || into.get(use) === '.') return true;
          return uses.every((u) => u.sourceStart <= use.sourceStart || u.name === 'rm' || u.name === 'cd');
        };
        // `cd /watchtower` under `WORKDIR /watchtower` goes nowhere: WORKDIR is already what the advice asks for
        // (hand check 2026-12-06, 02421.Dockerfile:26).
        let workdir: string | undefined;
        const stays = (use: CommandUse): boolean => {
          const dir = into.get(use);
          if (dir === '.') return true;
          if (dir === undefined || state.workdir === '/') return false;
          // Once per RUN, not per cd (path.normalize was 0.9 % of an LSP-like lint).
          workdir ??= posixPath.normalize(state.workdir).replace(/\/+$/, '');
          return dir === workdir;
        };
        // `cd /tmp` to fetch and unpack: WORKDIR /tmp would make a scratch directory the working directory of every
        // later instruction and of the container (hand check 2026-12-07, 02481.Dockerfile:30).
        const scratch = (use: CommandUse): boolean => SCRATCH.test(into.get(use) ?? '');
        const cd = cds.find((use) => !removedLater(use) && !(intoRemoved && leaves(use)) && !stays(use) && !scratch(use));
        if (!cd) return;
        const range = context.ast.source.range(cd.sourceStart, cd.sourceEnd);
        const dir = cd.args[0]?.value;
        context.report({
          range,
          message: `\`cd${dir ? ` ${dir}` : ''}\` at line ${range.start.line + 1} only lasts for this RUN; use WORKDIR${dir && dir.startsWith('/') ? ` ${dir}` : ''} (or the tool's own directory option) instead.`,
        });
      },
      { onbuild: false, anyShell: true },
    );
  },
});

/**
 * A path word as a comparable key: expanded when ARG/ENV give every variable in it a value, as written otherwise
 * (`${TMP}` written as `$TMP`), without trailing slashes; undefined for an option or an empty word.
 */
function pathOf(word: ShellWord | undefined, state: BuildState, escapeChar: string): string | undefined {
  if (!word || word.value === '' || word.value.startsWith('-')) return undefined;
  const lookup = (name: string): string | null | undefined =>
    state.env.has(name) ? state.env.get(name) : state.args.has(name) ? state.args.get(name) : undefined;
  const sub = substitute(word.value, lookup, escapeChar);
  const path = sub.unresolved.length === 0 ? sub.value : word.value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$$1');
  return path === '' ? undefined : path;
}

/**
 * The directory each top-level `cd` of the RUN changes to, followed through the script in order: absolute, or relative
 * to where the RUN starts (`.`). A path that starts with an unknown variable (`cd $TMP`, a `mktemp -d`) is kept as
 * written, as if absolute. `cd -` goes back; a bare `cd` goes to `~`.
 */
function directoriesOf(
  uses: readonly CommandUse[],
  scoped: (use: CommandUse) => boolean,
  path: (word: ShellWord | undefined) => string | undefined,
): Map<CommandUse, string> {
  const dirs = new Map<CommandUse, string>();
  let cwd = '.';
  let previous = '.';
  for (const use of uses) {
    if (use.name !== 'cd' || scoped(use)) continue;
    const word = use.args.find((a) => !a.value.startsWith('-') || a.value === '-');
    const next = word?.value === '-' ? previous : resolveIn(cwd, word === undefined ? '~' : path(word));
    previous = cwd;
    cwd = next;
    dirs.set(use, cwd);
  }
  return dirs;
}

/** Each path an `rm -r` of the RUN removes, resolved against the directory the RUN is in at that rm, with its offset. */
function removalsOf(
  uses: readonly CommandUse[],
  dirs: ReadonlyMap<CommandUse, string>,
  path: (word: ShellWord | undefined) => string | undefined,
): Array<{ path: string; at: number }> {
  const removals: Array<{ path: string; at: number }> = [];
  let cwd = '.';
  for (const use of uses) {
    cwd = dirs.get(use) ?? cwd;
    if (use.name !== 'rm' || !use.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.value))) continue;
    for (const a of use.args) {
      const removed = path(a);
      if (removed === undefined) continue;
      const resolved = resolveIn(cwd, removed);
      if (resolved !== '/' && resolved !== '.') removals.push({ path: resolved, at: use.sourceStart });
    }
  }
  return removals;
}

function resolveIn(cwd: string, path: string | undefined): string {
  if (path === undefined) return `${cwd}/?`;
  const absolute = path.startsWith('/') || path.startsWith('$') || path.startsWith('~');
  const joined = posixPath.normalize(absolute ? path : `${cwd}/${path}`);
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}
