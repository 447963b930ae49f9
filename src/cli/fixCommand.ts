import { accessSync, chmodSync, chownSync, constants, linkSync, lstatSync, realpathSync, renameSync, type Stats, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import type { FailureThreshold } from '../config';
import type { RuleRegistry } from '../engine';
import { type ContextFileChange, type FixResult, fixText } from '../fix';
import { unifiedDiff } from '../fix';
import { finalImageRunCount } from '../optimize';
import { type InstructionNode, parseDockerfile } from '../parse';
import { type FileResult, type FixFileReport, fixJson, printable, REPORTERS } from '../report';
import { formatBytes, sumEstimates } from '../sizes';
import { describeVerification, findBuilder, type ImageBuilder, verifyFix } from '../verify';
import { contextWritten, rewriteProblem } from './buildContext';
import { declinedRewrites } from './declinedRewrites';
import { type InputOptions, readInputs, reportReplacingInput } from './inputs';
import { describeFileError, errorCode, fileErrorCause } from './readDockerfile';
import { type CommandIO, emitReport, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, exceedsThreshold } from './lintCommand';

export interface FixCommandOptions extends InputOptions {
  /** Print a unified diff instead of writing. */
  readonly dryRun: boolean;
  /** Write nothing; exit 1 when a file would change (pre-commit, CI). */
  readonly check: boolean;
  /** Exit 1 when a file was changed (ruff's --exit-non-zero-on-fix): a pre-commit hook fails so the user reviews the fix. */
  readonly exitNonZeroOnFix?: boolean;
  /** Also apply fixes that may change what the image contains or runs. */
  readonly unsafe: boolean;
  /** Only fixes of these rules (ids or aliases). */
  readonly only: readonly string[];
  /** `image=tag` (or digest) from `--pin`, added to the config's `imagePins`. */
  readonly pin?: readonly string[];
  readonly color: boolean;
  /** `stylish` (default): what was fixed, then the findings left; `json`: the same per file, for machines. */
  readonly format?: 'stylish' | 'json';
  /** Write the report here instead of printing it. */
  readonly outputFile?: string;
  readonly failureThreshold?: FailureThreshold;
  /** Print the reasoning behind each optimizer rewrite (base choice, artifact, what was carried over). */
  readonly explain?: boolean;
  /** Build and run before and after with a real builder; write only what builds and runs the same. */
  readonly verify?: boolean;
  /** Finds the builder for --verify (tests inject a fake one). */
  readonly findBuilder?: typeof findBuilder;
}

/** RUN instructions (each a layer) and stages, for the before → after summary. */
const shape = (text: string): { runs: number; stages: number; imageRuns: number } => {
  try {
    const ast = parseDockerfile(text);
    const runs = (instructions: readonly InstructionNode[]): number => instructions.filter((i) => i.keyword === 'RUN').length;
    return {
      runs: runs(ast.instructions),
      stages: ast.instructions.filter((i) => i.keyword === 'FROM').length,
      imageRuns: finalImageRunCount(text),
    };
  } catch {
    return { runs: 0, stages: 0, imageRuns: 0 };
  }
};

/** writeFileAtomic's error for a path that is not a regular file (its message says what the path is). */
const NOT_REGULAR = 'DFOPT_NOT_REGULAR_FILE';

/**
 * Writes `text` over `path` atomically: a temp file in the same directory, given the original's mode and, where the
 * system allows, its owner and group, renamed over it (through symlinks, to the file they point at), so a crash never
 * leaves a half-written Dockerfile. Returns what the new file could not keep, as notes for the user: the owner (only
 * root may give a file away) and hard links (the rename leaves the other names on the old text), as with `sed -i`.
 */
export function writeFileAtomic(path: string, text: string): string[] {
  const target = realpathSync(path);
  const original = statSync(target);
  if (!original.isFile()) throw Object.assign(new Error(notRegular(original)), { code: NOT_REGULAR });
  const mode = original.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.dfopt-${process.pid}-${Date.now().toString(36)}.tmp`);
  const notes: string[] = [];
  try {
    writeFileSync(temp, text, { mode });
    const notOwned = giveOwner(temp, original);
    if (notOwned) notes.push(`the fixed file is owned by ${notOwned}, not uid ${original.uid}, gid ${original.gid} as before (only root may give a file away)`);
    chmodSync(temp, mode); // after the chown, which clears setuid and setgid; the umask may also have narrowed it
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was created.
    }
    throw error;
  }
  if (original.nlink > 1) {
    notes.push(`it had ${original.nlink} hard links: the fixed file is a new one under this name, and the other names keep the old text`);
  }
  return notes;
}

/**
 * Gives the file just written the owner and group `like` has, where the system allows it (root may give a file to
 * anyone): `docker run -v "$PWD:/work" dfopt fix` runs as root, and every file it wrote would otherwise be root's.
 * Null when the file has them; else who owns it after all (`uid 1000, gid 1000`).
 */
function giveOwner(file: string, like: { readonly uid: number; readonly gid: number }): string | null {
  const written = statSync(file);
  if (written.uid === like.uid && written.gid === like.gid) return null;
  try {
    chownSync(file, like.uid, like.gid);
    return null;
  } catch {
    return `uid ${written.uid}, gid ${written.gid}`;
  }
}

/**
 * Creates `path` with `text` atomically (temp file + rename, mode 0644 less the umask), never over an existing file's
 * content. With `ownerOf`, the new file gets that file's owner and group where the system allows (root's `fix` making
 * a .dockerignore beside a user's Dockerfile), as writeFileAtomic keeps them.
 */
export function createFileAtomic(path: string, text: string, options: { readonly ownerOf?: string; readonly replace?: boolean } = {}): void {
  const temp = join(dirname(path), `.${basename(path)}.dfopt-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(temp, text, { mode: 0o644, flag: 'wx' });
    // Where the system refuses, the new file is its creator's, as any file they create.
    if (options.ownerOf !== undefined) giveOwner(temp, statSync(options.ownerOf));
    if (options.replace) renameSync(temp, path);
    else placeNew(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was created.
    }
    throw error;
  }
}

/**
 * Gives `temp` the name `path` only if nothing has it: rename(2) would replace whatever is there, such as a file made
 * since dfopt looked or a symbolic link to a missing file, which a fix took for "no .dockerignore" and replaced. A hard
 * link is the atomic "create, never replace" (EEXIST); where the file system has none, the name is checked first.
 */
function placeNew(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST' || existsEntry(path)) throw Object.assign(new Error(`EEXIST: ${path}`), { code: 'EEXIST' });
    renameSync(temp, path);
    return;
  }
  unlinkSync(temp);
}

/** Whether a directory entry has this name, whatever it is (a symbolic link to nothing included). */
function existsEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const DELETED = 'was deleted while dfopt ran; nothing was written';

/**
 * Why `fix` must not write the file, or null. A file nobody may write is read-only: renaming over it would bypass
 * its permission bits, so `fix` must ask them. One that is gone was deleted after it was read.
 */
function cannotWrite(path: string): string | null {
  const readOnly = 'file is read-only; nothing was written (make it writable, or use --dry-run to see the fixes)';
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? DELETED : `${describeFileError(error, 'stat')}; nothing was written`;
  }
  const { mode } = stats;
  if (!stats.isFile()) return `${notRegular(stats)}; nothing was written (--stdin prints the fixed text)`;
  if ((mode & 0o222) === 0) return readOnly; // root passes access(W_OK) whatever the mode says
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    return errorCode(error) === 'EROFS' ? 'read-only file system; nothing was written' : readOnly;
  }
  // The file may be writable where its directory is not, and writeFileAtomic writes a new file there.
  let dir = dirname(path);
  try {
    dir = dirname(realpathSync(path));
    accessSync(dir, constants.W_OK);
    return null;
  } catch (error) {
    return (
      `its directory ${dir} does not allow a new file (${fileErrorCause(error)}), and fix writes the fixed text to a new file there ` +
      'and renames it over the old one, so that nothing is ever half-written; nothing was written (--stdin prints the fixed text)'
    );
  }
}

/**
 * What a path that is not a regular file is, for `fix`, which never replaces one: renamed over, a named pipe (or
 * /dev/stdin, a socket, a device) would become a regular file holding the fixed text.
 */
const notRegular = (stats: Stats): string =>
  `not a regular file but ${stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'a special file'}, which fix does not write to`;

/** Why writeFileAtomic failed, for `<file>: …; it is unchanged`. */
function writeFailure(error: unknown): string {
  if (errorCode(error) === NOT_REGULAR) return (error as Error).message;
  // rename(2) over a mount point: a file mounted on its own (`docker run -v "$PWD/Dockerfile:/work/Dockerfile"`).
  if (errorCode(error) === 'EBUSY') {
    return 'it cannot be replaced, as it is a mount point (a file mounted on its own, e.g. docker run -v FILE:…; mount its directory instead)';
  }
  return describeFileError(error, 'write');
}

/** What the JSON report says of one file; the remaining findings are positioned in the fixed text. */
const fixReport = (
  file: string,
  result: FixResult,
  contextFiles: readonly { path: string }[],
  changed: boolean,
  written: boolean,
  declined: FixFileReport['declined'],
  measuredSavingBytes?: number,
): FixFileReport => ({
  file,
  declined,
  estimatedSaving: sumEstimates(result.estimates),
  ...(measuredSavingBytes !== undefined ? { measuredSavingBytes } : {}),
  changed,
  written,
  applied: result.applied,
  descriptions: result.descriptions,
  contextFiles: contextFiles.map((f) => f.path),
  findings: result.findings,
  source: result.output,
});

/** The first of a fix's context files (.dockerignore) that it must not rewrite, and why; see rewriteProblem. */
function contextFileProblem(files: readonly { name: string; full: string; change: ContextFileChange }[]): string | null {
  for (const f of files) {
    const why = rewriteProblem(f.full, f.change.before, f.change.after);
    if (why) return `${f.name} ${why}`;
  }
  return null;
}

/** `dfopt fix`: returns the exit code; all output goes through `io`. */
export function runFix(options: FixCommandOptions, registry: RuleRegistry, io: CommandIO): number {
  let failed = false;
  const problem = (message: string): void => {
    failed = true;
    io.stderr(`dfopt: ${printable(message)}\n`);
  };
  const only = new Set<string>();
  for (const name of options.only.flatMap((o) => o.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const rule = registry.get(name);
    if (!rule) {
      const suggestion = registry.suggest(name);
      problem(`--only ${name}: unknown rule${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
      return EXIT_USAGE;
    }
    only.add(rule.meta.id);
  }
  const pins: Record<string, string> = {};
  for (const spec of options.pin ?? []) {
    const eq = spec.indexOf('=');
    const [image, pin] = [spec.slice(0, eq).trim(), spec.slice(eq + 1).trim()];
    if (eq <= 0 || !image || !pin || /\s/.test(image + pin)) {
      problem(`--pin ${spec}: expected image=tag or image=digest, e.g. --pin node=22.11-bookworm`);
      return EXIT_USAGE;
    }
    pins[image] = pin;
  }
  let builder: ImageBuilder | undefined;
  if (options.verify) {
    if (options.stdin && !options.context) {
      problem('--verify needs the build context: give a file, or --context DIR with --stdin');
      return EXIT_USAGE;
    }
    const found = (options.findBuilder ?? findBuilder)();
    if (!('builder' in found)) {
      problem(`--verify needs a container builder and none works here (${found.reasons.join('; ')})`);
      return EXIT_USAGE;
    }
    builder = found.builder;
  }
  const inputs = readInputs(options, registry, io.readStdin, problem, (message) => io.stderr(`dfopt: note: ${printable(message)}\n`));
  if (inputs === 'usage') return EXIT_USAGE;
  const replacing = options.outputFile ? reportReplacingInput(new Map([[options.outputFile, '--output-file']]), inputs.map((input) => input.file), 'fixed') : '';
  if (replacing) {
    problem(replacing);
    return EXIT_USAGE;
  }
  let unverified = false;

  // With --stdin, stdout carries the fixed text; everything else goes to stderr. A report for a file is kept whole.
  const print = options.stdin ? io.stderr : io.stdout;
  let reportText = '';
  const json = options.format === 'json';
  // The JSON report says what the text would; progress of --verify still shows, on stderr so the JSON stays parseable.
  const report = json ? (): void => {} : options.outputFile ? (text: string): void => void (reportText += text) : print;
  const progress = json ? io.stderr : report;
  // One line of the text report: it names the file and quotes the Dockerfile (descriptions, reasons), text that may hold
  // terminal escapes.
  const reportLine = (text: string): void => report(`${printable(text)}\n`);
  const progressLine = (text: string): void => progress(`${printable(text)}\n`);
  const fixReports: FixFileReport[] = [];
  const results: FileResult[] = [];
  let wouldChange = false;
  let overThreshold = false;
  const totals = { files: 0, changed: 0, fixes: 0, runsBefore: 0, runsAfter: 0, savedBytes: 0, savedFrom: 0 };
  for (const { file, text, config: fileConfig, buildContext } of inputs) {
    const config = Object.keys(pins).length === 0 ? fileConfig : { ...fileConfig, imagePins: { ...fileConfig.imagePins, ...pins } };
    const result = fixText(text, { registry, config, buildContext, unsafe: options.unsafe, only: only.size ? only : undefined });
    if (!result.parsed) {
      // Fixing needs a syntax tree: a file that does not parse is an input error for `fix` (for `lint` it is a finding).
      const syntax = result.findings.find((f) => f.ruleId === 'syntax-error');
      const where = syntax ? `:${syntax.range.start.line + 1}:${syntax.range.start.column + 1}` : '';
      problem(`${file}${where}: does not parse (${syntax?.message ?? 'syntax error'}); nothing was fixed or written`);
      continue;
    }
    const unwritable = result.output !== text && !options.stdin && !options.dryRun && !options.check ? cannotWrite(file) : null;
    if (unwritable) {
      problem(`${file}: ${unwritable}`);
      continue;
    }
    if (result.brokenPass) {
      problem(
        `${file}: fixes of ${result.brokenPass.rules.join(', ')} produced a Dockerfile that does not parse ` +
          `(${result.brokenPass.message}); they were not applied. This is a bug in dfopt: please report it.`,
      );
    }
    // A context file is named as the Dockerfile was given: absolute beside an absolute path, else from where dfopt runs.
    const contextFiles = [...result.files].map(([path, change]) => {
      const full = buildContext ? join(buildContext.root, path) : path;
      return { path, change, full, name: isAbsolute(file) ? full : relative(process.cwd(), full) || full };
    });
    // Up front only where the write does not follow at once (it checks again just before): --dry-run and --check say
    // what it would refuse, and --verify builds nothing for a fix that cannot be written.
    const contextProblem = !options.stdin && (options.dryRun || options.check || builder) ? contextFileProblem(contextFiles) : null;
    if (contextProblem) {
      problem(`${file}: not fixed: ${contextProblem}; nothing was written`);
      continue;
    }
    const changed = result.output !== text || contextFiles.length > 0;
    const estimated = sumEstimates(result.estimates);
    let measured: number | undefined;
    if (result.output !== text && builder && buildContext) {
      progressLine(`${file}: building the original and the fixed image with ${builder.name}…`);
      const verification = verifyFix(builder, text, result.output, buildContext.root, config.buildArgs);
      const refused = !verification.before.built
        ? `the original does not build, so the fix cannot be checked:\n${verification.before.log}`
        : !verification.after.built
          ? `the fixed Dockerfile does not build:\n${verification.after.log}`
          : verification.sameOutput === false
            ? `the fixed image does not run the same (exit ${verification.before.run?.code} → ${verification.after.run?.code}):\n` +
              `--- before\n${verification.before.run?.output ?? ''}\n--- after\n${verification.after.run?.output ?? ''}`
            : null;
      if (refused) {
        unverified = true;
        io.stderr(`dfopt: ${printable(file)}: not written: ${refused}\n`);
        results.push({ file, findings: result.findings });
        fixReports.push(fixReport(file, result, contextFiles, changed, false, declinedRewrites(result.findings, registry, options.unsafe), measured));
        continue;
      }
      const { before: b, after: a } = verification;
      if (b.bytes !== null && a.bytes !== null) measured = b.bytes - a.bytes;
      const beside =
        measured === undefined
          ? ''
          : `; saved ${formatBytes(measured, false)} measured` + (estimated.counted > 0 ? `, ${formatBytes(estimated.bytes)} estimated` : ', no estimate');
      progressLine(`${file}: ${describeVerification(verification)}${beside}`);
    }
    if (options.stdin) io.stdout(result.output);
    else if (options.dryRun && json) {
      // The JSON report says what would change; a diff in front of it would leave stdout unparseable.
    } else if (options.dryRun) {
      io.stdout(unifiedDiff(text, result.output, file));
      for (const f of contextFiles) io.stdout(unifiedDiff(f.change.before ?? '', f.change.after, f.name));
    } else if (changed && !options.check) {
      // Checked again, and all before anything is written: a --verify build takes minutes, time enough to edit a file.
      const stale = result.output !== text ? rewriteProblem(file, text, result.output) : null;
      const staleContext = stale ? null : contextFileProblem(contextFiles);
      if (stale || staleContext) {
        problem(`${file}: not fixed: ${stale ? `it ${stale}` : staleContext}; nothing was written`);
        continue;
      }
      let writing = file;
      try {
        const note = (name: string, notes: readonly string[]): void => {
          for (const n of notes) io.stderr(`dfopt: note: ${printable(`${name}: ${n}`)}\n`);
        };
        if (result.output !== text) note(file, writeFileAtomic(file, result.output));
        // The build context's files (.dockerignore) after the Dockerfile: appended to, or created, atomically too.
        for (const f of contextFiles) {
          writing = f.full;
          if (f.change.before === null) createFileAtomic(f.full, f.change.after, { ownerOf: file });
          else note(f.name, writeFileAtomic(f.full, f.change.after));
        }
        if (contextFiles.length > 0 && buildContext) contextWritten(buildContext);
      } catch (error) {
        // writeFileAtomic resolves the path first, so a file deleted since it was read is not created again.
        const name = contextFiles.find((f) => f.full === writing)?.name ?? file;
        problem(`${name}: ${errorCode(error) === 'ENOENT' ? DELETED : `${writeFailure(error)}; it is unchanged`}`);
        continue;
      }
    }
    if (options.stdin && contextFiles.length > 0) {
      reportLine(`${file}: not written with --stdin: ${contextFiles.map((f) => f.path).join(', ')} (run dfopt fix on the file to write them)`);
    }
    const [before, after] = [shape(text), shape(result.output)];
    totals.files++;
    totals.runsBefore += before.runs;
    totals.runsAfter += after.runs;
    if (changed) {
      wouldChange = true;
      const total = [...result.applied.values()].reduce((a, b) => a + b, 0);
      totals.changed++;
      totals.fixes += total;
      const byRule = [...result.applied].map(([rule, n]) => `${rule} ×${n}`).join(', ');
      const verb = options.check || options.dryRun ? 'would apply' : 'applied';
      const stages =
        before.stages === after.stages
          ? ''
          : `; stages ${before.stages} → ${after.stages}, RUN layers in the final image ${before.imageRuns} → ${after.imageRuns}`;
      const saving = estimated.counted > 0 ? `; estimated saving ${formatBytes(estimated.bytes)}` : '';
      totals.savedBytes += estimated.bytes;
      totals.savedFrom += estimated.counted;
      reportLine(`${file}: ${verb} ${total} fix${total === 1 ? '' : 'es'} (${byRule}); RUN instructions ${before.runs} → ${after.runs}${stages}${saving}`);
      for (const f of contextFiles) {
        const lines = f.change.after.split('\n').length - (f.change.before ?? '').split('\n').length;
        const verbFile = f.change.before === null ? (options.check || options.dryRun ? 'would create' : 'created') : options.check || options.dryRun ? 'would add to' : 'added to';
        reportLine(`  ${verbFile} ${f.name}: ${lines} line${lines === 1 ? '' : 's'}`);
      }
      for (const { ruleId, description, explanation } of result.descriptions) {
        reportLine(`  ${ruleId}: ${description}`);
        if (options.explain) for (const line of explanation) reportLine(`    - ${line}`);
      }
    }
    // Size rewrites considered and not made, each with why: silence would read as "nothing to gain".
    const declined = declinedRewrites(result.findings, registry, options.unsafe);
    for (const d of declined) reportLine(`${changed ? '  ' : `${file}: `}not made: ${d.ruleId} at ${d.line}:${d.column}: ${d.reason}`);
    if (exceedsThreshold(result.findings, options.failureThreshold ?? config.failureThreshold)) overThreshold = true;
    results.push({ file, findings: result.findings });
    fixReports.push(fixReport(file, result, contextFiles, changed, changed && !options.stdin && !options.dryRun && !options.check, declined, measured));
  }
  const remaining = REPORTERS.stylish(results, { color: options.color && !options.stdin && !options.outputFile, showFixDeclined: true });
  if (remaining) report(remaining);
  if (totals.files > 1) {
    const verb = options.check || options.dryRun ? 'would change' : 'changed';
    report(
      `${totals.files} files, ${verb} ${totals.changed} (${totals.fixes} fix${totals.fixes === 1 ? '' : 'es'}); ` +
        `RUN instructions ${totals.runsBefore} → ${totals.runsAfter}` +
        (totals.savedFrom > 0 ? `; estimated saving ${formatBytes(totals.savedBytes)} in total` : '') +
        '\n',
    );
  }
  if (json) reportText = fixJson(fixReports);
  if ((json || options.outputFile) && !emitReport(reportText, options.outputFile, print, problem)) return EXIT_USAGE;
  if (failed) return EXIT_USAGE;
  if (unverified) return EXIT_FINDINGS;
  if ((options.check || options.exitNonZeroOnFix) && wouldChange) return EXIT_FINDINGS;
  return overThreshold ? EXIT_FINDINGS : EXIT_OK;
}
