import { defineRule } from '../../src/engine';
import { basename } from '../../src/shell';
import { expand, lastBefore, stripQuotes } from './support';

const DRIVE = /^[A-Za-z]:/;
const WINDOWS_SHELLS = new Set(['cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe']);

export default defineRule({
  meta: {
    id: 'absolute-workdir',
    aliases: ['DL3000', 'WorkdirRelativePath'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
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
    },
  },
  create(context) {
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
        context.report({
          range: context.ast.source.range(
            node.words[0]!.range.start.offset,
            node.words[node.words.length - 1]!.range.end.offset,
          ),
          code: firstInStage ? ['DL3000', 'WorkdirRelativePath'] : 'DL3000',
          message: `WORKDIR ${shown} is relative, so it depends on the working directory ${firstInStage ? 'of the base image' : 'set before it'}; use an absolute path.`,
        });
      },
    };
  },
});
