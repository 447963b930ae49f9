import { defineRule } from '../src/engine';
import { substitute } from '../src/model';
import type { InstructionNode } from '../src/parse';

/** Flags COPY accepts too; with any other flag (`--checksum`, `--keep-git-dir`, `--unpack`, future ones) ADD stays. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'from', 'exclude', 'parents', 'platform']);

/**
 * Extensions of files ADD may unpack: tar, and anything compressed that can hold a tar (Docker looks at the content,
 * so a bare `.gz` may be a tarball too). `.zip` is never unpacked by ADD.
 */
const ARCHIVE =
  /\.(tar|tgz|taz|tz|tbz|tbz2|tb2|tlz|tlzma|txz|tzst|tzs|gz|gzip|bz2|bzip2|xz|lz|lzma|lz4|zst|zstd|z)$/i;
const URL = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

const stripQuotes = (word: string): string =>
  word.length >= 2 && (word[0] === '"' || word[0] === "'") && word.endsWith(word[0]) ? word.slice(1, -1) : word;

type SourceKind = 'local' | 'remote-or-archive' | 'unknown';

function classify(source: string): SourceKind {
  if (URL.test(source)) return 'remote-or-archive';
  const name = source.replace(/(?<![/\\])[/\\]+$/, '');
  if (ARCHIVE.test(name)) return 'remote-or-archive';
  return 'local';
}

export default defineRule({
  meta: {
    id: 'prefer-copy',
    aliases: ['DL3020'],
    category: 'maintainability',
    severity: 'error',
    fix: 'safe',
    docs: {
      summary: 'Flags `ADD` of local files or directories, where `COPY` does the same thing without the surprises.',
      rationale:
        '`ADD` also downloads URLs and unpacks local tar archives, so a reader cannot tell from `ADD conf/ /etc/app/` that ' +
        'nothing magic happens, and renaming a file to `.tar.gz` later silently changes the image. `COPY` only copies; keep ' +
        '`ADD` for the cases that need it.',
      bad: 'FROM debian:12.5\nADD --chown=app:app app.py /srv/app/\n',
      good:
        'FROM debian:12.5\nCOPY --chown=app:app app.py /srv/app/\nADD rootfs.tar.xz /\n' +
        'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.txt /opt/\n',
      notes:
        'Not flagged: URL sources (`http(s)://`, `git://`, `ssh://`, `git@…`), local files whose extension says tar or a ' +
        'compressed file (`.tar`, `.tgz`, `.tar.gz`, `.tar.bz2`, `.tar.xz`, `.tar.zst`, `.gz`, `.xz`, … — ADD unpacks by ' +
        'content, so any compressed file may be a tarball), and ADD with a flag COPY lacks (`--checksum`, `--keep-git-dir`, ' +
        '`--unpack`). `.zip` is never unpacked by ADD, so `ADD x.zip` is flagged, as in hadolint. With several sources one ' +
        'plain local file is enough to fire (hadolint does the same): split the archive into its own ADD. Sources are ' +
        'expanded with the ARG/ENV values in scope; a source that still contains an unresolved variable could be a URL or ' +
        'an archive and does not count (hadolint does not expand variables and flags `ADD ${SRC} /x`). Heredoc ADD ' +
        '(`ADD <<EOF /file`) is flagged: COPY takes heredocs the same way. `ONBUILD ADD` is not checked, as in hadolint: ' +
        'the trigger runs in a downstream build whose context (archives, URLs) is unknown here.',
      fixSafety:
        'The fix only rewrites the keyword (`ADD` → `COPY`, `add` → `copy`), and only where ADD\'s extra behaviour cannot ' +
        'apply: every source is written out literally (no variable, which a `--build-arg` could turn into a URL or an ' +
        'archive, and no glob, which could match an archive) and names a plain local path that is not a URL and has no ' +
        'tar or compression extension, and no flag COPY lacks is given. For such sources ADD and COPY produce the same ' +
        'files, owners and modes, so the image does not change. Directories are copied the same way by both (ADD never ' +
        'unpacks archives inside a directory). ADD with a mix of archives and plain files is not fixed: it needs to be ' +
        'split by hand. ADD unpacks by content, so a tarball named like a plain file (`app.py`) would be unpacked by ADD ' +
        'and copied by COPY; the fix trusts the file name.',
    },
  },
  create(context) {
    const check = (add: InstructionNode, at: InstructionNode): void => {
      if (add.flags.some((f) => !COPY_FLAGS.has(f.name.toLowerCase()))) return;
      let args: string[];
      if (add.execForm) args = [...add.execForm];
      else args = add.words.map((w) => stripQuotes(w.value));
      if (args.length < 2) return;
      const state = context.stateBefore(at);
      const lookup = (name: string): string | null | undefined =>
        state.env.get(name) ?? (state.args.has(name) ? state.args.get(name) : undefined);
      const kinds = args.slice(0, -1).map((raw): SourceKind => {
        if (!add.execForm && /^<<-?/.test(raw)) return 'local';
        const sub = substitute(raw, lookup, context.ast.escapeChar);
        if (sub.unresolved.length > 0) return 'unknown';
        return classify(sub.value);
      });
      if (!kinds.includes('local')) return;
      const mixed = kinds.some((k) => k !== 'local');
      const message = mixed
        ? 'ADD at line {line} mixes plain local files with a URL or archive; give the archive or URL its own ADD and COPY the rest.'
        : 'ADD at line {line} copies local files only; use COPY, which never downloads or unpacks.';
      // Fixable only when every source is written literally: a variable or a glob could still name an archive or a URL.
      const literal =
        !mixed && args.slice(0, -1).every((raw) => (!add.execForm && /^<<-?/.test(raw)) || !/[$*?[]/.test(raw));
      const keyword = add.keywordText;
      const replacement = keyword === keyword.toLowerCase() ? 'copy' : keyword === keyword.toUpperCase() ? 'COPY' : 'Copy';
      context.report({
        range: add.keywordRange,
        message: message.replace('{line}', String(add.range.start.line + 1)),
        fix: literal ? (f) => f.replace(add.keywordRange, replacement) : undefined,
      });
    };
    return {
      // ONBUILD ADD is left alone, as in hadolint: the trigger runs in another build whose context we cannot see.
      ADD(node) {
        check(node, node);
      },
    };
  },
});
