import { defineRule, type RuleContext } from '../../src/engine';
import type { Stage } from '../../src/model';
import { type InstructionNode, memoKey, memoShared } from '../../src/parse';
import { type CommandUse, commandUses, parseOptions } from '../../src/shell/commandQueries';
import { apkInstalledBefore, apkInstalls, BUSYBOX_IMAGE, stageOrigin } from './busyboxStage';
import { infoOnly } from './infoOnly';
import { insertOptionAfterProgram } from './insertOption';
import { runListeners } from './runListeners';

/** GNU wget's one-letter options that take a value. */
const WGET_VALUES = 'oaeiBtOTwQPUlADRXI';
const WGET_SINGLE_DASH = ['-nv', '-nc', '-nd', '-nH', '-np'];

/**
 * Signatures, checksums and keys: a few hundred bytes, one progress line at most (hand checks 2026-12-05 row 1 and
 * 2026-12-06 00154:31, both judged not worth acting on).
 */
const SIGNATURE_OR_CHECKSUM = /(\.(asc|sig|sign|gpg|pub|key|sha1|sha256|sha512|md5|sha256sum|sha512sum)|(^|\/)(SHA\d*SUMS|MD5SUMS)(\.(gpg|asc|sign))?)$/i;

/** Alpine's `wget` package is GNU wget; `wget=1.24.5-r0`, `wget~1.24` pin it. */
const WGET_PACKAGE = /^wget([=<>~]|$)/;

/** Options that silence the progress bar or send it to a log file. */
const QUIET = new Set(['q', 'quiet', 'nv', 'no-verbose', 'o', 'output-file', 'a', 'append-output', 'progress']);

export default defineRule({
  meta: {
    id: 'wget-progress',
    aliases: ['DL3047'],
    category: 'maintainability',
    severity: 'info',
    fix: 'unsafe',
    docs: {
      summary: 'Flags `wget` without `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose` or a log file (`-o`/`-a`).',
      rationale:
        'Without a terminal, wget falls back to its dot progress display and prints a line for every few kilobytes; ' +
        'a large download fills the build log with thousands of lines and hides the output that matters. ' +
        '`--progress=dot:giga` keeps a little progress, `-nv` keeps one line per file and `-q` keeps nothing. ' +
        'BusyBox\'s wget (Alpine, BusyBox images) prints one status line a second instead, has no `--progress` (it ' +
        'fails with "unrecognized option") and accepts `-nv` but ignores it: there only `-q` (or `-o` a log file) helps.',
      bad: 'FROM debian:12\nRUN wget https://example.com/app.tar.gz\n',
      good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\nRUN wget -qO- https://example.com/key.asc > /tmp/key.asc\n',
      notes:
        'Options are read as wget does: clustered (`-qO-`), anywhere on the line, up to `--`. Checked in shell form, ' +
        'heredoc bodies, exec form and ONBUILD RUN, also behind sudo/env. `wget --version` and `wget --help` download ' +
        'nothing and are not reported (hadolint reports them), nor are downloads of only signatures, checksums or keys ' +
        '(`.asc`, `.sig`, `.sha256`, `SHA256SUMS`, `.gpg`, …), whose few hundred bytes print one progress line. Severity info, as hadolint. ' +
        'In a stage built on an Alpine or BusyBox image (by name, following FROM <stage>) that installs no other wget, ' +
        'the message describes BusyBox\'s output and advises `-q` only; where the wget may be either (a base named by a ' +
        'variable, a stage that runs `apk`, `apk add wget` after the wget), it names both and advises `-q`, which both ' +
        'understand. Once `apk add wget` has run (an earlier RUN of the stage or of the stage it is built FROM, or earlier ' +
        'in the same RUN, with no `apk del` in between), the wget is GNU\'s and is treated as on other images. ' +
        'Checked in BusyBox\'s networking/wget.c and libbb/progress.c, and with busybox 1.35 against a local server: ' +
        '`--progress=dot:giga` exits 1, `-nv` and `--no-verbose` print the same lines as no option, `-q` prints nothing.',
      fixSafety:
        'The fix adds `--progress=dot:giga` right after `wget` (hadolint\'s advice for DL3047; `"wget", ' +
        '"--progress=dot:giga", …` in exec form). GNU wget then downloads the same files and only prints less. It is ' +
        'unsafe because it changes the words a RUN executes, and because BusyBox\'s wget does not know the option and ' +
        'fails: the fix is not offered in a stage built on an Alpine or BusyBox image (by name, following FROM ' +
        '<stage>), on an image named by a variable without a default, or in a stage that runs `apk`, unless `apk add ' +
        'wget` has run before the command (as above). Commands the ' +
        'rule does not report (`-q`, `-nv`, `-o`/`-a` log files, an explicit `--progress`) are left as they are.',
    },
  },
  create(context) {
    const busybox = new Map<Stage | InstructionNode, Wget>();
    return runListeners(
      context,
      (run) => {
        for (const use of memoShared(run, LOUD_WGETS, loudWgets)) {
          const range = context.ast.source.range(use.sourceStart, use.sourceEnd);
          const stageWget = wgetOf(context, run, busybox);
          // `apk add wget` that has already run (00376: an earlier RUN of the stage) put GNU wget first on the PATH.
          const wget = stageWget !== 'gnu' && apkInstalledBefore(context, run, use.sourceStart, WGET_PACKAGE) ? 'gnu' : stageWget;
          const line = range.start.line + 1;
          context.report({
            range,
            message:
              wget === 'gnu'
                ? `wget at line ${line} prints a progress line every few kilobytes into the build log; add \`--progress=dot:giga\`, \`-nv\` or \`-q\`.`
                : wget === 'busybox'
                  ? `wget at line ${line} prints a progress line every second of the download into the build log; add \`-q\` (this stage's wget is BusyBox's, which has no --progress and ignores -nv).`
                  : `wget at line ${line} prints progress lines into the build log (GNU wget one every few kilobytes, BusyBox's one a second); add \`-q\` (this stage's wget may be BusyBox's, which has no --progress and ignores -nv).`,
            ...(wget === 'gnu'
              ? { fix: () => insertOptionAfterProgram(context.ast, use, '--progress=dot:giga') }
              : wget === 'busybox'
                ? { fixDeclined: "this stage's wget is BusyBox's (an Alpine or BusyBox base), which fails on --progress; add -q by hand" }
                : { fixDeclined: "this stage's wget may be BusyBox's (`apk`, or a base not known before the build), which fails on --progress; add -q by hand" }),
          });
        }
      },
      { onbuild: true },
    );
  },
});

const LOUD_WGETS = memoKey('wgetProgress.loudWgets');

/**
 * The RUN's wget commands that print progress: not quiet, not only asking for help or a version, not fetching only
 * signatures or checksums. From the RUN's commands alone, so kept with its parse (memoShared), which the language
 * server reuses while the RUN is unchanged.
 */
function loudWgets(run: InstructionNode): readonly CommandUse[] {
  const out: CommandUse[] = [];
  for (const use of commandUses(run)) {
    if (use.name !== 'wget' || infoOnly(use)) continue;
    const parsed = parseOptions(use.args, { shortWithValue: WGET_VALUES, singleDash: WGET_SINGLE_DASH });
    if (parsed.options.some((o) => QUIET.has(o.name))) continue;
    if (parsed.operands.length > 0 && parsed.operands.every((w) => SIGNATURE_OR_CHECKSUM.test(w.value.replace(/[?#].*$/, '')))) continue;
    out.push(use);
  }
  return out;
}

/**
 * Which wget the RUN runs: BusyBox's when its stage (following FROM <stage>) starts from an Alpine or BusyBox image
 * and installs no other; `maybe` for an image whose name is not known before the build, a stage that runs `apk`
 * (GNU wget comes with `apk add wget`), or an unknown stage; GNU's otherwise.
 */
function wgetOf(context: RuleContext, run: InstructionNode, memo: Map<Stage | InstructionNode, Wget>): Wget {
  const key = context.model.stageOf(run) ?? run;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const origin = stageOrigin(context, run);
  const result: Wget =
    origin.image === null
      ? 'maybe'
      : BUSYBOX_IMAGE.test(origin.image)
        ? apkInstalls(origin, WGET_PACKAGE) ? 'maybe' : 'busybox'
        : origin.apkUses.length > 0
          ? 'maybe'
          : 'gnu';
  memo.set(key, result);
  return result;
}

/** BusyBox's wget prints one status line a second without a terminal (libbb/progress.c) and has no --progress. */
type Wget = 'gnu' | 'busybox' | 'maybe';
