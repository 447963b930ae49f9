import { defineRule } from '../../src/engine';
import { commandUses, parseOptions } from '../../src/shell/commandQueries';
import { runListeners } from './runListeners';

/** GNU wget's one-letter options that take a value. */
const WGET_VALUES = 'oaeiBtOTwQPUlADRXI';
const WGET_SINGLE_DASH = ['-nv', '-nc', '-nd', '-nH', '-np'];
/** Options that silence the progress bar or send it to a log file. */
const QUIET = new Set(['q', 'quiet', 'nv', 'no-verbose', 'o', 'output-file', 'a', 'append-output', 'progress']);

export default defineRule({
  meta: {
    id: 'wget-progress',
    aliases: ['DL3047'],
    category: 'maintainability',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags `wget` without `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose` or a log file (`-o`/`-a`).',
      rationale:
        'Without a terminal, wget falls back to its dot progress display and prints a line for every few kilobytes; ' +
        'a large download fills the build log with thousands of lines and hides the output that matters. ' +
        '`--progress=dot:giga` keeps a little progress, `-nv` keeps one line per file and `-q` keeps nothing.',
      bad: 'FROM debian:12\nRUN wget https://example.com/app.tar.gz\n',
      good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\nRUN wget -qO- https://example.com/key.asc > /tmp/key.asc\n',
      notes:
        'Options are read as wget does: clustered (`-qO-`), anywhere on the line, up to `--`. Checked in shell form, ' +
        'heredoc bodies, exec form and ONBUILD RUN, also behind sudo/env. Severity info, as hadolint.',
    },
  },
  create(context) {
    return runListeners(
      context,
      (run) => {
        for (const use of commandUses(run)) {
          if (use.name !== 'wget') continue;
          const parsed = parseOptions(use.args, { shortWithValue: WGET_VALUES, singleDash: WGET_SINGLE_DASH });
          if (parsed.options.some((o) => QUIET.has(o.name))) continue;
          const range = context.ast.source.range(use.sourceStart, use.sourceEnd);
          context.report({
            range,
            message: `wget at line ${range.start.line + 1} prints a progress line every few kilobytes into the build log; add \`--progress=dot:giga\`, \`-nv\` or \`-q\`.`,
          });
        }
      },
      { onbuild: true },
    );
  },
});
