import { posix } from 'node:path';
import { defineRule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { basename, isPosixShell } from '../../src/shell';
import { expand, lastBefore, stageChain, stripQuotes } from './support';

const DRIVE = /^[A-Za-z]:/;
/** A path written without quotes: nothing the Dockerfile's word lexer would change. */
const PLAIN_PATH = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** What can go inside double quotes unescaped. */
const QUOTABLE = /^[^"$`\\\r\n]+$/;
const WINDOWS_SHELLS = new Set(['cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe']);

export default defineRule({
  meta: {
    id: 'absolute-workdir',
    aliases: ['DL3000', 'WorkdirRelativePath'],
    category: 'correctness',
    severity: 'error',
    fix: 'safe',
    docs: {
      summary: 'Flags a relative `WORKDIR` path.',
      rationale:
        'A relative WORKDIR is joined to whatever the working directory was before: with no absolute WORKDIR earlier, that ' +
        'is the base image\'s, which can change upstream without notice and move every later COPY and RUN somewhere else. ' +
        'An absolute path says where files end up, whatever the base image does.',
      bad: 'FROM nginx:1.27\nWORKDIR usr/share/nginx/html\nCOPY public .\n',
      good: 'FROM nginx:1.27\nWORKDIR /usr/share/nginx/html\nCOPY public .\nARG APP=/srv/app\nWORKDIR $APP\n',
      notes:
        'Absolute means starting with `/`, a Windows drive letter (`C:\\app`, `c:/app`), or `\\` in a stage whose SHELL is ' +
        'cmd or PowerShell. Variables are expanded with the ENV and ARG values in scope first: hadolint 2.12 accepts any ' +
        'path starting with `$`, so `ARG DIR=app` + `WORKDIR $DIR` is flagged here and not there; a path that starts with ' +
        'a variable with no known value is not flagged. Every relative WORKDIR is DL3000; BuildKit\'s WorkdirRelativePath ' +
        'only fires on the first WORKDIR of a stage (including the stages it is built FROM), because fixing that one fixes ' +
        'the others, so later relative WORKDIRs carry DL3000 only.',
      fixSafety:
        'The fix writes the absolute path Docker would compute anyway (`WORKDIR /srv` + `WORKDIR data` → ' +
        '`WORKDIR /srv/data`, joined and cleaned as BuildKit does), so every later instruction runs in the same ' +
        'directory and the image does not change. It is offered only when that directory is known from the Dockerfile ' +
        'alone: an earlier WORKDIR in the stage (or in a stage it is built FROM) set an absolute path, or the stage is ' +
        'built FROM scratch (which starts at `/`), and no WORKDIR on the way uses a variable (a `--build-arg` could ' +
        'change it), a backslash or quotes inside the path. A stage built FROM another image starts in that image\'s ' +
        'WORKDIR, which the Dockerfile does not show, so a relative WORKDIR before any absolute one is not fixed; nor ' +
        'is one in a cmd/PowerShell stage or after an `ONBUILD WORKDIR` in a stage it is built FROM.',
    },
  },
  create(context) {
    /** The working directory before `node` when the Dockerfile alone determines it (no variable, known start). */
    const knownWorkdir = (node: InstructionNode): string | null => {
      const stage = context.model.stageOf(node);
      if (!stage) return null;
      const chain = stageChain(stage).reverse();
      // ONBUILD triggers of a stage run when a later stage is built FROM it.
      if (chain.slice(0, -1).some((s) => s.instructions.some((i) => i.trigger?.keyword === 'WORKDIR'))) return null;
      let dir: string | null = chain[0]!.base.isScratch ? '/' : null;
      for (const s of chain) {
        for (const inst of s.instructions) {
          if (s === stage && inst.index >= node.index) break;
          if (inst.keyword !== 'WORKDIR') continue;
          const path = stripQuotes(inst.argsText.text.trim());
          if (DRIVE.test(path)) dir = null;
          else if (!PLAIN_PATH.test(path)) dir = QUOTABLE.test(path) && path.startsWith('/') && !path.includes('\\') ? path : null;
          else if (path.startsWith('/')) dir = path;
          else dir = dir === null ? null : posix.join(dir, path);
        }
      }
      return dir === null ? null : posix.normalize(dir).replace(/(.)\/+$/, '$1');
    };
    const fixFor = (node: InstructionNode, raw: string): string | null => {
      if (!isPosixShell(context.stateBefore(node).shell) || !PLAIN_PATH.test(raw)) return null;
      const before = knownWorkdir(node);
      if (before === null) return null;
      const path = posix.join(before, raw).replace(/(.)\/+$/, '$1');
      const quote = /^["']/.test(node.argsText.text.trim()) ? node.argsText.text.trim()[0]! : '';
      if (quote) return QUOTABLE.test(path) && !path.includes(quote) ? `${quote}${path}${quote}` : null;
      if (PLAIN_PATH.test(path)) return path;
      return QUOTABLE.test(path) ? `"${path}"` : null;
    };
    return {
      WORKDIR(node) {
        const raw = stripQuotes(node.argsText.text.trim());
        if (!raw) return;
        const state = context.stateBefore(node);
        const { value, unresolved } = expand(raw, state, context.ast.escapeChar);
        // `$UNSET/app` is only known at build time.
        if (unresolved.length > 0 && raw.startsWith('$')) return;
        const path = stripQuotes(value);
        const windows = WINDOWS_SHELLS.has(basename(state.shell[0] ?? '').toLowerCase());
        if (path.startsWith('/') || DRIVE.test(path) || (windows && path.startsWith('\\'))) return;
        const firstInStage = lastBefore(context.model, node, 'WORKDIR') === undefined;
        const shown = value === raw ? `'${raw}'` : `'${raw}' (= '${value}')`;
        const range = context.ast.source.range(node.words[0]!.range.start.offset, node.words[node.words.length - 1]!.range.end.offset);
        const fixed = node.words.length === 1 ? fixFor(node, raw) : null;
        context.report({
          range,
          code: firstInStage ? ['DL3000', 'WorkdirRelativePath'] : 'DL3000',
          message: `WORKDIR ${shown} is relative, so it depends on the working directory ${firstInStage ? 'of the base image' : 'set before it'}; use an absolute path.`,
          fix: fixed === null ? undefined : (f) => f.replace(range, fixed),
        });
      },
    };
  },
});
