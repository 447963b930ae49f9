import { defineRule } from '../../src/engine';
import { isPosixShell } from '../../src/shell';
import { commandUses } from '../../src/shell/commandQueries';
import { runListeners } from './runListeners';

const NON_POSIX_CD = new Set(['cd', 'chdir', 'set-location', 'sl', 'pushd']);

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
        'not outlive the RUN either. A `cd` into a directory the same RUN removes with `rm -r` (a build directory such ' +
        'as `/usr/src/ruby`), and `cd /`, `cd ..` or `cd -` stepping back out of it, are not flagged: a WORKDIR there ' +
        'would keep the directory in the image.',
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
        // A build directory the same RUN deletes (`cd /usr/src/ruby; make install; rm -r /usr/src/ruby`) must not
        // become the WORKDIR: WORKDIR would keep it alive in the image (issue 19, corpus 00011.Dockerfile:66).
        const removed = uses
          .filter((use) => use.name === 'rm' && use.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.value)))
          .flatMap((use) => use.args.map((a) => a.value.replace(/\/+$/, '')).filter((v) => v.startsWith('/') && v !== ''));
        const removedLater = (dir: string | undefined): boolean => {
          const path = dir?.replace(/\/+$/, '');
          return !!path && path.startsWith('/') && removed.some((r) => path === r || path.startsWith(`${r}/`));
        };
        // `(cd vendor && make)` scopes the directory to a subshell on purpose: WORKDIR would change every later command.
        const scoped = (use: (typeof uses)[number]): boolean =>
          use.command.enclosing.some((e) => e.kind === 'subshell' || e.kind === 'substitution');
        const cds = uses.filter((use) => (posix ? use.name === 'cd' : NON_POSIX_CD.has(use.name.toLowerCase())) && !scoped(use));
        const intoRemoved = posix && cds.some((use) => removedLater(use.args[0]?.value));
        // Once the RUN works in a directory it deletes, `cd /` or `cd ..` only steps back out before the rm.
        const leaves = (dir: string | undefined): boolean => dir === undefined || dir === '/' || dir === '-' || dir === '..';
        const cd = cds.find((use) => !(posix && removedLater(use.args[0]?.value)) && !(intoRemoved && leaves(use.args[0]?.value)));
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
