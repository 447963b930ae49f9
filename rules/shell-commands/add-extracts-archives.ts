import { defineRule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import type { Range } from '../../src/parse/source';
import { basename } from '../../src/shell';
import { type CommandUse, commandUses, parseOptions } from '../../src/shell/commandQueries';
import { addInsteadOfCopy, bindMountInstead } from '../size/archiveLeftInLayerFix';
import { contextEstimate, contextPath, contextSizer, sizeSuffix } from '../size/estimates';
import { runListeners } from './runListeners';

/** Names ADD recognises as tar archives (uncompressed, gzip, bzip2, xz, zstd). */
const TAR_ARCHIVE = /\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tzst|tar\.(gz|bz2|xz|zst))$/i;
/** A compressed file that may hold a tar archive: ADD extracts it when it does. */
const COMPRESSED = /\.(gz|bz2|xz|zst)$/i;
/** Decompressors: extracting only when the file is named as a tar archive (`gunzip app.tar.gz`). */
const DECOMPRESSORS = new Set(['gunzip', 'bunzip2', 'unxz', 'unzstd', 'zcat', 'gzcat', 'bzcat', 'xzcat', 'zstdcat']);
const COMPRESSORS = new Set(['gzip', 'bzip2', 'xz', 'zstd', 'pigz', 'pbzip2', 'pixz']);

const unquote = (s: string): string => s.replace(/^(["'])(.*)\1$/s, '$2');
const fileName = (path: string): string => basename(unquote(path).replace(/\\/g, '/'));

interface Copied {
  readonly name: string;
  readonly range: Range;
  readonly line: number;
  /** The COPY, for the fix. */
  readonly copy: InstructionNode;
  reported: boolean;
  /** The archive's path in the build context: its size is what ADD saves (the archive leaves the image). */
  readonly source: string | null;
}

/** Basenames of the files a command extracts from, or null when it extracts nothing. */
function extractedFiles(use: CommandUse): { names: Set<string>; tarOnly: boolean } | null {
  const names = (words: readonly { value: string }[]): Set<string> => new Set(words.map((w) => fileName(w.value)));
  if (use.name === 'tar' || use.name === 'bsdtar' || use.name === 'gtar') {
    const args = [...use.args];
    // Old-style `tar xzf file`: the first argument is a cluster without the dash.
    if (args[0] && /^[A-Za-z]+$/.test(args[0].value) && /[xt]/.test(args[0].value)) args[0] = { ...args[0], value: `-${args[0].value}` };
    const parsed = parseOptions(args, { shortWithValue: 'fCTXbgHKLNV', longWithValue: ['file', 'directory', 'files-from', 'exclude-from'] });
    const extracts = parsed.options.some((o) => (!o.long && o.name === 'x') || (o.long && (o.name === 'extract' || o.name === 'get')));
    return extracts ? { names: names(use.args), tarOnly: false } : null;
  }
  const decompress =
    DECOMPRESSORS.has(use.name) ||
    (COMPRESSORS.has(use.name) && parseOptions(use.args).options.some((o) => o.name === 'd' || o.name === 'decompress'));
  return decompress ? { names: names(use.args), tarOnly: true } : null;
}

export default defineRule({
  meta: {
    id: 'add-extracts-archives',
    aliases: ['DL3010'],
    category: 'size',
    severity: 'info',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a local tar archive that is COPYed and then extracted by a RUN in the same stage: ADD extracts it in one step.',
      rationale:
        'COPY puts the archive itself in a layer, and the RUN that unpacks it adds the extracted files in another, ' +
        'so the image carries both; deleting the archive later does not shrink the earlier layer. `ADD app.tar.gz /opt/` ' +
        'unpacks a local tar archive (plain, gzip, bzip2, xz or zstd) straight into the destination, in one layer, ' +
        'without needing tar in the image.',
      bad: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
      good: 'FROM debian:12\nADD app.tar.gz /opt/\nCOPY bundle.zip /tmp/\nRUN unzip /tmp/bundle.zip -d /opt\n',
      notes:
        'The finding is on the COPY source; the archive must be extracted (`tar -x`/`--extract`/`--get`, old-style ' +
        '`tar xzf`, or a decompressor such as `gunzip`) by name in a later RUN of the same stage. `COPY --from` is not ' +
        'checked (ADD does not extract files from other stages). Deliberate differences from hadolint 2.12: only ' +
        'archives that ADD would extract count, so decompressing a lone `.gz`/`.bz2` file that is not named as a tar ' +
        'archive (`gunzip dump.gz`) is not flagged, since ADD would copy it unchanged; `.Z`, `.lz` and `.lzma` are not ' +
        'archives ADD extracts; `tar --exclude=…` without `-x` is not an extraction. zip files are never flagged, as ' +
        'ADD does not extract them. Division of labour with archive-left-in-layer: this rule alone reports a local tar ' +
        'archive COPYed and extracted in the same stage (in every stage, as hadolint does); archive-left-in-layer ' +
        'reports the other archives left in the final image (downloads, zip/deb/rpm/whl/jar, `COPY --from`).',
      fixSafety:
        'The fix replaces the COPY and the RUN right after it, when that RUN only extracts the archive ' +
        '(`[mkdir -p DIR &&] tar -x[z|j|J][v]f ARCHIVE [-C DIR] [&& rm [-f] ARCHIVE]`), by `ADD ARCHIVE DIR/`, which ' +
        'unpacks it in one layer and never stores the archive (lab: 23.1 MB → 12.6 MB for a 10 MB payload). It is ' +
        'unsafe: the archive is no longer in the image, ADD recognises archives by their content (a file named ' +
        '`.tar.gz` that is not one is copied as is), and owners, modes and the handling of links in the archive can ' +
        'differ from what tar made of them. It is offered only when the COPY has one local source named as a tar ' +
        'archive (plain, gzip, bzip2, xz), no flags and no variables; the RUN is the next instruction, shell form, ' +
        'without flags, heredocs or comment lines, runs as root, joins its commands only by `&&`, and gives tar ' +
        'nothing but `-x`, a decompression letter, `-v`, `-f` and `-C` (no member names, no `--strip-components`); ' +
        'and no later instruction names the archive. Otherwise, when the RUN right after the COPY does more (or ' +
        'passes tar other options such as `--strip-components`) but names the archive only once, the COPY goes and ' +
        'the RUN gets `--mount=type=bind,source=ARCHIVE,target=<where COPY put it>` instead (needs BuildKit or ' +
        'buildah; see archive-left-in-layer for its conditions).',
    },
  },
  create(context) {
    let copied: Copied[] = [];
    const source = context.ast.source;
    const sizeOf = contextSizer(context.buildContext);

    const remember = (copy: InstructionNode): void => {
      if (copy.flag('from')) return;
      const words = copy.execForm
        ? copy.execForm.map((value) => ({ value, range: copy.range }))
        : copy.words.filter((w) => !w.value.startsWith('<<'));
      if (words.length < 2) return;
      const dest = words[words.length - 1]!;
      const line = copy.range.start.line;
      const isArchive = (name: string): boolean => TAR_ARCHIVE.test(name) || COMPRESSED.test(name);
      const destName = fileName(dest.value);
      const sourceOf = (word: string): string | null => (word.includes('$') ? null : contextPath(unquote(word)));
      if (!/[/\\]["']?$/.test(dest.value) && isArchive(destName)) {
        const only = words.length === 2 ? sourceOf(words[0]!.value) : null;
        copied.push({ name: destName, range: dest.range, line, copy, reported: false, source: only });
        return;
      }
      for (const src of words.slice(0, -1)) {
        const name = fileName(src.value);
        if (isArchive(name)) copied.push({ name, range: src.range, line, copy, reported: false, source: sourceOf(src.value) });
      }
    };

    return {
      'stage:enter'() {
        copied = [];
      },
      COPY(copy) {
        remember(copy);
      },
      ...runListeners(
        context,
        (run) => {
          if (copied.length === 0) return;
          for (const use of commandUses(run)) {
            const extracted = extractedFiles(use);
            if (!extracted) continue;
            for (const archive of copied) {
              if (archive.reported || !extracted.names.has(archive.name)) continue;
              if (extracted.tarOnly && !TAR_ARCHIVE.test(archive.name)) continue;
              archive.reported = true;
              const at = source.range(use.sourceStart, use.sourceEnd).start.line + 1;
              const estimate = contextEstimate(sizeOf, archive.source);
              context.report({
                range: archive.range,
                message: `${archive.name}${sizeSuffix(estimate)} is copied at line ${archive.line + 1} and extracted at line ${at}; use \`ADD ${archive.name} <dir>/\`, which extracts a local tar archive in one layer.`,
                ...(estimate ? { estimate } : {}),
                fix: () => addInsteadOfCopy(context, archive.copy, run) ?? bindMountInstead(context, archive.copy, run),
              });
            }
          }
        },
        { onbuild: false },
      ),
    };
  },
});
