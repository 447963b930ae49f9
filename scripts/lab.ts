// `npm run lab [case...] [--fresh]`: measures what `dfopt fix --unsafe` does to real images. For every case of the
// image lab (../shared/lab/cases/<case>/{before,after*}/) it runs the CLI on a copy of `before/`, builds before and
// dfopt's output with the lab's compare.sh (size, layers, same output when run), measures the hand-written `after*`
// rewrites (cached by a hash of each variant's files; --fresh ignores the cache) and prints a markdown table: how much
// of the best hand-written reduction dfopt reaches. Also writes scratch/lab-results.{json,md}.
// Exit 0 when every case builds, runs identically and reaches >= 0.95 of the best reduction; 1 otherwise; 2 when the
// lab is not set up (or on a usage error).
// A case directory may hold `output.sed`, a sed -E script applied to every variant's run output before comparing (with
// LAB_OUTPUT_SED, when set, after it): for what a launcher prints around the program's own output (npm's banner).
// A case may also hold `server/serve.js`, a server the lab starts on the host (with node) before the case's builds and
// stops after them; it prints `listening` when ready. The lab's containers share the host's network, so a case can
// make a request that needs no network beyond the machine (curl-tls's TLS endpoint). Needs root and buildah (see ../shared/lab/README.md); takes minutes.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NONROOT, planNonrootTags } from './labNonroot';

const MIN_SHARE = 0.95;
const MAX_BUFFER = 256 * 1024 * 1024;
const CACHE_VERSION = 1;

const root = path.resolve(__dirname, '..');
const labDir = process.env.DFOPT_LAB_DIR
  ? path.resolve(process.env.DFOPT_LAB_DIR)
  : path.resolve(root, '..', 'shared', 'lab');
// The lab's own scratch directory, resolved as common.sh does.
const labWork = process.env.LAB_WORK || path.join(process.env.TMPDIR || '/var/tmp', 'dfopt-lab');
const cacheFile = path.join(labWork, 'dfopt-lab-handwritten-cache.json');
const scratchDir = path.join(root, 'scratch');
const cliBundle = path.join(root, 'dist', 'cli.js');
const cliBin = path.join(root, 'bin', 'dfopt.js');

/** One built and run image. */
interface Measurement {
  built: boolean;
  size_bytes: number | null;
  layers: number | null;
  build_seconds: number | null;
  run_rc: number | null;
  run_output: string | null;
  error?: string;
}

interface VariantResult {
  variant: string;
  hash: string;
  cached: boolean;
  measurement: Measurement;
  /** Built, and its run gave the before image's output and exit status. */
  runs_correctly: boolean;
}

interface CaseResult {
  case: string;
  seconds: number;
  before: Measurement | null;
  dfopt: Measurement | null;
  dfopt_exit: number | null;
  dfopt_changed: boolean;
  dfopt_stdout: string;
  dfopt_stderr: string;
  dfopt_dockerfile: string | null;
  dfopt_summary: string[];
  outputs_identical: boolean;
  rc_identical: boolean;
  variants: VariantResult[];
  best: { variant: string; size_bytes: number } | null;
  share: number | null;
  ok: boolean;
  problems: string[];
}

interface CacheFile {
  version: number;
  entries: Record<string, { case: string; variant: string; measured_at: string; measurement: Measurement }>;
}

class Interrupted extends Error {}

const tempDirs: string[] = [];
const servers: ChildProcess[] = [];

function log(message: string): void {
  process.stderr.write(`[npm run lab] ${message}\n`);
}

function usage(): string {
  return [
    'usage: npm run lab -- [case...] [--fresh]',
    '  case     only these lab cases (directory names under <lab>/cases); default: all',
    '  --fresh  re-measure the hand-written after* variants instead of using the cache',
    `lab: ${labDir} (override with DFOPT_LAB_DIR); cache: ${cacheFile}`,
  ].join('\n');
}

/** Stops the run when a child died of Ctrl-C / SIGTERM (they get the signal too, and clean up after themselves). */
function checkSignal(r: SpawnSyncReturns<string>): void {
  if (r.signal === 'SIGINT' || r.signal === 'SIGTERM' || r.status === 130 || r.status === 143) throw new Interrupted();
}

function tailLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** Runs a lab helper in bash with common.sh sourced, so buildah gets the lab's storage settings. Args go as $1.. */
function labShell(script: string, args: string[], stdio: 'pipe' | 'ignore' = 'pipe'): SpawnSyncReturns<string> {
  const r = spawnSync('bash', ['-c', `. "$LAB_COMMON"; ${script}`, 'lab', ...args], {
    env: { ...process.env, LAB_COMMON: path.join(labDir, 'common.sh') },
    encoding: 'utf8',
    stdio: ['ignore', stdio, stdio],
    maxBuffer: MAX_BUFFER,
  });
  checkSignal(r);
  return r;
}

/** Why the lab cannot run here, or null when it can. */
function labProblem(): string | null {
  for (const f of ['common.sh', 'compare.sh', 'build-measure.sh', 'run-check.sh']) {
    if (!fs.existsSync(path.join(labDir, f))) return `${path.join(labDir, f)} does not exist`;
  }
  if (!fs.existsSync(path.join(labDir, 'cases'))) return `${path.join(labDir, 'cases')} does not exist`;
  const buildah = spawnSync('buildah', ['--version'], { encoding: 'utf8' });
  if (buildah.error || buildah.status !== 0) return 'buildah is not installed';
  for (const image of ['busybox:latest', 'debian:bookworm']) {
    if (labShell('lab_image_exists "$1"', [image], 'ignore').status !== 0) {
      return `the lab's base image ${image} does not exist (base images not built, or not running as root)`;
    }
  }
  return null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the CLI when dist/cli.js is missing or older than the sources. */
function ensureCli(): void {
  let why: string | null = null;
  if (!fs.existsSync(cliBundle)) why = 'dist/cli.js is missing';
  else {
    const built = fs.statSync(cliBundle).mtimeMs;
    const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'rules')));
    if (sources > built) why = 'dist/cli.js is older than the sources';
  }
  if (!why) return;
  log(`${why}: npm run build`);
  // The build's output goes to stderr: stdout is for the table.
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2], encoding: 'utf8' });
  checkSignal(r as SpawnSyncReturns<string>);
  if (r.status !== 0 || !fs.existsSync(cliBundle)) {
    log('npm run build failed');
    process.exit(1);
  }
}

/** Makes a copied tree writable by its owner (the lab's case files are read-only). */
function makeWritable(p: string): void {
  const st = fs.lstatSync(p);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    fs.chmodSync(p, st.mode | 0o700);
    for (const name of fs.readdirSync(p)) makeWritable(path.join(p, name));
  } else {
    fs.chmodSync(p, st.mode | 0o600);
  }
}

/** sha256 of a directory's names, modes and contents, in a fixed order. */
function hashDir(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    for (const name of fs.readdirSync(abs).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const p = path.join(dir, r);
      const st = fs.lstatSync(p);
      const mode = (st.mode & 0o777).toString(8);
      if (st.isSymbolicLink()) h.update(`L ${r} ${fs.readlinkSync(p)}\0`);
      else if (st.isDirectory()) {
        h.update(`D ${r} ${mode}\0`);
        walk(r);
      } else {
        h.update(`F ${r} ${mode} ${st.size}\0`);
        h.update(fs.readFileSync(p));
      }
    }
  };
  walk('');
  return h.digest('hex');
}

/** LAB_OUTPUT_SED and the case's own output.sed, as one sed -E script; '' when neither. */
function outputSed(caseDir: string): string {
  const own = path.join(caseDir, 'output.sed');
  return [process.env.LAB_OUTPUT_SED ?? '', fs.existsSync(own) ? fs.readFileSync(own, 'utf8') : '']
    .filter((s) => s.trim())
    .join('\n');
}

function normaliseOutput(text: string, sed: string): string {
  let out = text;
  if (sed) {
    const r = spawnSync('sed', ['-E', sed], { input: out, encoding: 'utf8', maxBuffer: MAX_BUFFER });
    checkSignal(r);
    out = r.stdout ?? '';
  }
  return out.replace(/\n+$/, '');
}

function removeImage(tag: string): void {
  labShell('"${BUILDAH[@]}" rmi "$1"; "${BUILDAH[@]}" rmi --prune', [tag], 'ignore');
}

/** build-measure.sh + run-check.sh on one build context, like one side of compare.sh; removes the image after. */
function measure(ctx: string, tag: string, workDir: string): Measurement {
  const b = spawnSync(path.join(labDir, 'build-measure.sh'), [ctx, tag], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LAB_NO_CACHE: '1' },
    maxBuffer: MAX_BUFFER,
  });
  checkSignal(b);
  let m: { ok?: boolean; size_bytes?: number; layers?: number; build_seconds?: number; log?: string } = {};
  try {
    m = JSON.parse(b.stdout) as typeof m;
  } catch {
    // no JSON: reported below
  }
  if (b.status !== 0 || !m.ok) {
    let error = `build-measure.sh exited ${b.status}`;
    if (m.log && fs.existsSync(m.log)) error += `:\n${tailLines(fs.readFileSync(m.log, 'utf8'), 15)}`;
    removeImage(tag);
    return { built: false, size_bytes: null, layers: null, build_seconds: null, run_rc: null, run_output: null, error };
  }
  // run-check prints the command's output (stdout and stderr), then one JSON line {image, cmd, rc, seconds}.
  const outFile = path.join(workDir, `run-${tag.replace(/[^A-Za-z0-9._-]/g, '_')}.txt`);
  const fd = fs.openSync(outFile, 'w');
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync(path.join(labDir, 'run-check.sh'), [tag], { stdio: ['ignore', fd, fd], encoding: 'utf8' });
  } finally {
    fs.closeSync(fd);
  }
  removeImage(tag);
  checkSignal(r);
  const lines = fs.readFileSync(outFile, 'utf8').replace(/\n+$/, '').split('\n');
  try {
    const last = JSON.parse(lines[lines.length - 1] ?? '') as { rc?: number };
    if (typeof last.rc === 'number') lines.pop();
  } catch {
    // the run did not get as far as the JSON line: keep everything
  }
  return {
    built: true,
    size_bytes: m.size_bytes ?? null,
    layers: m.layers ?? null,
    build_seconds: m.build_seconds ?? null,
    run_rc: r.status,
    run_output: lines.join('\n').replace(/\n+$/, ''),
  };
}

interface CompareJson {
  ok: boolean;
  before: Measurement & { error?: string };
  after: Measurement & { error?: string };
  outputs_identical: boolean;
  rc_identical: boolean;
}

function fromCompare(side: Measurement): Measurement {
  return {
    built: side.built,
    size_bytes: side.size_bytes ?? null,
    layers: side.layers ?? null,
    build_seconds: side.build_seconds ?? null,
    run_rc: side.run_rc ?? null,
    run_output: side.run_output ?? null,
    ...(side.error ? { error: side.error } : {}),
  };
}

function loadCache(fresh: boolean): CacheFile {
  if (!fresh) {
    try {
      const c = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as CacheFile;
      if (c.version === CACHE_VERSION && c.entries) return c;
    } catch {
      // missing or unreadable: start empty
    }
  }
  return { version: CACHE_VERSION, entries: {} };
}

function saveCache(cache: CacheFile): void {
  fs.mkdirSync(labWork, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(cache, null, 2)}\n`);
  fs.renameSync(tmp, cacheFile);
}

/** dfopt's own summary: the per-file "applied …" lines and the problem count, else its first line. */
function summaryLines(stdout: string, stderr: string): string[] {
  const lines = stdout.split('\n').map((l) => l.trim());
  const picked = lines.filter((l) => /^\S.*: (applied|no fix|nothing)/i.test(l) || /^\S*\s*\d+ problems?\b/.test(l));
  if (picked.length > 0) return picked;
  const first = lines.find((l) => l) ?? stderr.split('\n').find((l) => l.trim())?.trim();
  return first ? [first] : ['(no output)'];
}

/** Starts the case's server/serve.js, if it has one; the problem when it does not print `listening` within 15 s. */
function startServer(caseDir: string, work: string): { server: ChildProcess | null; problem: string | null } {
  const script = path.join(caseDir, 'server', 'serve.js');
  if (!fs.existsSync(script)) return { server: null, problem: null };
  const logFile = path.join(work, 'server.log');
  const fd = fs.openSync(logFile, 'w');
  const server = spawn(process.execPath, [script], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  servers.push(server);
  // Everything else here is synchronous, so the wait is too: poll the log.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; Atomics.wait(pause, 0, 0, 100)) {
    if (/^listening$/m.test(fs.readFileSync(logFile, 'utf8'))) return { server, problem: null };
  }
  stopServer(server);
  return { server: null, problem: `server/serve.js did not start: ${tailLines(fs.readFileSync(logFile, 'utf8'), 3) || 'no output'}` };
}

function stopServer(server: ChildProcess): void {
  server.kill('SIGTERM');
  servers.splice(servers.indexOf(server), 1);
}

/** Case name → its directory, which holds before/ and the hand-written after variants. */
const caseDirs = new Map<string, string>();

function runCase(name: string, cache: CacheFile, tag: string): CaseResult {
  const started = Date.now();
  const caseDir = caseDirs.get(name)!;
  const beforeDir = path.join(caseDir, 'before');
  const problems: string[] = [];
  const sed = outputSed(caseDir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `dfopt-lab-${name}-`));
  tempDirs.push(work);
  const fixedDir = path.join(work, 'dfopt');
  const { server, problem: serverProblem } = startServer(caseDir, work);
  if (serverProblem) problems.push(serverProblem);
  try {
    return measureCase(name, caseDir, cache, tag, { beforeDir, problems, sed, work, fixedDir, started });
  } finally {
    if (server) stopServer(server);
  }
}

/** Makes the distroless `:nonroot` tags these Dockerfiles name and the store lacks, from their `:latest`, offline. */
function makeNonrootTags(dockerfiles: readonly string[]): void {
  const plan = planNonrootTags(dockerfiles, (image) => labShell('lab_image_exists "$1"', [image], 'ignore').status === 0);
  for (const image of plan.missing) log(`${image}: not in the store, and no :latest to make it from`);
  for (const { tag, from } of plan.make) {
    log(`making ${tag} from ${from} (user ${NONROOT.user}, HOME and working directory ${NONROOT.home})`);
    const r = labShell(
      'set -e; c=$("${BUILDAH[@]}" from --pull=never --quiet "$1"); ' +
        'trap \'"${BUILDAH[@]}" rm "$c" >/dev/null 2>&1 || true\' EXIT; ' +
        '"${BUILDAH[@]}" config --user "$3" --env HOME="$4" --workingdir "$5" "$c"; ' +
        '"${BUILDAH[@]}" commit --quiet "$c" "$2" >/dev/null',
      [from, tag, NONROOT.user, NONROOT.home, NONROOT.workdir],
    );
    if (r.status !== 0) log(`could not make ${tag}: ${tailLines(r.stderr || r.stdout, 3)}`);
  }
}

function measureCase(
  name: string,
  caseDir: string,
  cache: CacheFile,
  tag: string,
  ctx: { beforeDir: string; problems: string[]; sed: string; work: string; fixedDir: string; started: number },
): CaseResult {
  const { beforeDir, problems, sed, work, fixedDir, started } = ctx;

  // 1. dfopt fix --unsafe on a copy of before/
  fs.cpSync(beforeDir, fixedDir, { recursive: true });
  makeWritable(fixedDir);
  log(`${name}: dfopt fix --unsafe`);
  const d = spawnSync(process.execPath, [cliBin, 'fix', '--unsafe', '--no-color', 'Dockerfile'], {
    cwd: fixedDir,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
  });
  checkSignal(d);
  const original = fs.readFileSync(path.join(beforeDir, 'Dockerfile'), 'utf8');
  const fixedFile = path.join(fixedDir, 'Dockerfile');
  const fixedText = fs.existsSync(fixedFile) ? fs.readFileSync(fixedFile, 'utf8') : null;
  const changed = d.status !== 2 && fixedText !== null && fixedText !== original;
  if (d.status === 2 || d.status === null) {
    problems.push(`dfopt fix exited ${d.status ?? d.signal}: ${tailLines(d.stderr || d.stdout, 3)}`);
  }

  // 2. the distroless :nonroot tags the builds name, when the store lacks them (see labNonroot.ts)
  const variantNames = fs
    .readdirSync(caseDir)
    .filter((v) => /^after(-|$)/.test(v) && fs.existsSync(path.join(caseDir, v, 'Dockerfile')))
    .sort();
  makeNonrootTags([original, fixedText ?? '', ...variantNames.map((v) => fs.readFileSync(path.join(caseDir, v, 'Dockerfile'), 'utf8'))]);

  // 3. before vs dfopt's output (compare.sh), or before alone when dfopt changed nothing
  let before: Measurement | null = null;
  let dfopt: Measurement | null = null;
  let outputsIdentical = false;
  let rcIdentical = false;
  if (changed) {
    log(`${name}: compare.sh before dfopt`);
    const c = spawnSync(path.join(labDir, 'compare.sh'), [beforeDir, fixedDir], {
      env: { ...process.env, LAB_OUTPUT_SED: sed },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: MAX_BUFFER,
    });
    checkSignal(c);
    const json = c.stdout.trim().split('\n').pop() ?? '';
    try {
      const cmp = JSON.parse(json) as CompareJson;
      before = fromCompare(cmp.before);
      dfopt = fromCompare(cmp.after);
      outputsIdentical = cmp.outputs_identical;
      rcIdentical = cmp.rc_identical;
    } catch {
      problems.push(`compare.sh exited ${c.status} without a result`);
    }
  } else {
    log(`${name}: dfopt changed nothing; measuring before`);
    before = measure(beforeDir, `${tag}-${name}-before`.toLowerCase(), work);
    dfopt = before;
    outputsIdentical = before.built;
    rcIdentical = before.built;
  }
  if (before && !before.built) problems.push(`before does not build: ${tailLines(before.error ?? '', 3)}`);
  else if (before && before.run_rc !== 0) problems.push(`before's default command exits ${before.run_rc}`);
  if (before?.built && dfopt && !dfopt.built) {
    problems.push(`dfopt's output does not build: ${tailLines(dfopt.error ?? '', 3)}`);
  } else if (before?.built && dfopt?.built) {
    if (!outputsIdentical) problems.push("dfopt's image prints something else than before's");
    if (!rcIdentical) problems.push(`dfopt's image exits ${dfopt.run_rc}, before's ${before.run_rc}`);
  }

  // 4. the hand-written variants, cached by content hash
  const variants: VariantResult[] = [];
  for (const variant of variantNames) {
    const dir = path.join(caseDir, variant);
    const hash = hashDir(dir);
    const hit = cache.entries[hash];
    let measurement: Measurement;
    if (hit) {
      log(`${name}/${variant}: cached (${hash.slice(0, 12)})`);
      measurement = hit.measurement;
    } else {
      log(`${name}/${variant}: building`);
      measurement = measure(dir, `${tag}-${name}-${variant}`.toLowerCase(), work);
      // Only successful builds are kept: a failed one may be the mirror's fault.
      if (measurement.built) {
        cache.entries[hash] = { case: name, variant, measured_at: new Date().toISOString(), measurement };
        saveCache(cache);
      }
    }
    const runsCorrectly =
      measurement.built &&
      before !== null &&
      before.built &&
      measurement.run_rc === before.run_rc &&
      normaliseOutput(measurement.run_output ?? '', sed) === normaliseOutput(before.run_output ?? '', sed);
    variants.push({ variant, hash, cached: Boolean(hit), measurement, runs_correctly: runsCorrectly });
  }

  // 5. share of the best hand-written reduction
  let best: CaseResult['best'] = null;
  for (const v of variants) {
    const size = v.measurement.size_bytes;
    if (v.runs_correctly && size !== null && (best === null || size < best.size_bytes)) {
      best = { variant: v.variant, size_bytes: size };
    }
  }
  let share: number | null = null;
  const b = before?.built ? before.size_bytes : null;
  const f = dfopt?.built ? dfopt.size_bytes : null;
  if (b !== null && f !== null && best !== null) {
    if (b - best.size_bytes > 0) {
      share = (b - f) / (b - best.size_bytes);
      if (share < MIN_SHARE) {
        problems.push(`reaches ${share.toFixed(2)} of the best reduction (${best.variant}); needs ${MIN_SHARE}`);
      }
    } else if (f > b) problems.push('dfopt made the image larger');
  } else if (before?.built && best === null) {
    problems.push(
      variants.length === 0
        ? 'no hand-written after* variant to compare with'
        : 'no hand-written variant builds and runs like before: ' +
            variants.map((v) => `${v.variant} ${v.measurement.built ? 'runs differently' : 'does not build'}`).join(', '),
    );
  }

  return {
    case: name,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    before,
    dfopt,
    dfopt_exit: d.status,
    dfopt_changed: changed,
    dfopt_stdout: d.stdout ?? '',
    dfopt_stderr: d.stderr ?? '',
    dfopt_dockerfile: changed ? fixedText : null,
    dfopt_summary: d.status === 2 ? [tailLines(d.stderr ?? '', 1)] : summaryLines(d.stdout ?? '', d.stderr ?? ''),
    outputs_identical: outputsIdentical,
    rc_identical: rcIdentical,
    variants,
    best,
    share,
    ok: problems.length === 0,
    problems,
  };
}

const mb = (bytes: number | null | undefined): string =>
  bytes === null || bytes === undefined ? '—' : (bytes / 1e6).toFixed(2);

function render(results: CaseResult[], seconds: number): string {
  const out: string[] = [];
  out.push(
    '| case | before MB | dfopt MB | best hand-written MB (variant) | share of best reduction | dfopt output identical | layers before→dfopt |',
  );
  out.push('|---|---:|---:|---|---:|---|---|');
  for (const r of results) {
    const beforeMb = r.before?.built ? mb(r.before.size_bytes) : 'build failed';
    const dfoptMb = !r.dfopt ? '—' : r.dfopt.built ? mb(r.dfopt.size_bytes) : 'build failed';
    const best = r.best ? `${mb(r.best.size_bytes)} (${r.best.variant})` : '—';
    const share = r.share === null ? 'n/a' : r.share.toFixed(2);
    const identical = r.before?.built && r.dfopt?.built ? (r.outputs_identical && r.rc_identical ? 'yes' : 'no') : 'no';
    const layers = `${r.before?.layers ?? '?'}→${r.dfopt?.layers ?? '?'}`;
    out.push(`| ${r.case} | ${beforeMb} | ${dfoptMb} | ${best} | ${share} | ${identical} | ${layers} |`);
  }
  out.push('');
  out.push('dfopt fix --unsafe said:');
  for (const r of results) {
    const what = r.dfopt_changed ? '' : ' (Dockerfile unchanged)';
    out.push(`- ${r.case}${what}: ${r.dfopt_summary.join(' / ')}`);
  }
  out.push('');
  out.push('Hand-written variants (MB; ✓ = builds and runs like before):');
  for (const r of results) {
    const vs = r.variants.map((v) => {
      const m = v.measurement;
      const state = !m.built ? 'build failed' : v.runs_correctly ? '✓' : `runs differently (rc ${m.run_rc})`;
      const size = m.built ? ` ${mb(m.size_bytes)}` : '';
      return `${v.variant}${size} ${state}${v.cached ? ' (cached)' : ''}`;
    });
    out.push(`- ${r.case}: ${vs.join(', ') || 'none'}`);
  }
  const failed = results.filter((r) => !r.ok);
  out.push('');
  if (failed.length === 0) {
    const all = results.length === 1 ? 'The case passes' : `All ${results.length} cases pass`;
    out.push(`${all} (builds, runs identically, share ≥ ${MIN_SHARE}).`);
  } else {
    out.push(`${failed.length} of ${results.length} cases fail:`);
    for (const r of failed) out.push(`- ${r.case}: ${r.problems.join('; ')}`);
  }
  out.push('');
  out.push(`MB = 10^6 bytes (uncompressed layers, base included). Took ${seconds.toFixed(0)} s.`);
  return out.join('\n');
}

function cleanup(): void {
  for (const server of [...servers]) stopServer(server);
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    console.log(usage());
    return 0;
  }
  const fresh = args.includes('--fresh');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--fresh');
  if (unknown.length > 0) {
    console.error(`npm run lab: unknown option ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const problem = labProblem();
  if (problem) {
    console.error(`npm run lab: the image lab is not set up: ${problem}.`);
    console.error('Set it up (Debian 12, as root; see ../shared/lab/README.md):  sudo ../shared/lab/setup.sh');
    console.error('or point DFOPT_LAB_DIR at a lab directory.');
    return 2;
  }
  // The shared lab's cases, and the project's own (lab/cases/, for rules whose fixes are proven by a build).
  for (const casesRoot of [path.join(labDir, 'cases'), path.join(root, 'lab', 'cases')]) {
    if (!fs.existsSync(casesRoot)) continue;
    for (const e of fs.readdirSync(casesRoot, { withFileTypes: true })) {
      if (e.isDirectory() && fs.existsSync(path.join(casesRoot, e.name, 'before', 'Dockerfile')) && !caseDirs.has(e.name)) caseDirs.set(e.name, path.join(casesRoot, e.name));
    }
  }
  const all = [...caseDirs.keys()].sort();
  const wanted = args.filter((a) => !a.startsWith('-')).map((a) => a.replace(/\/+$/, '').split('/').pop() ?? a);
  const missing = wanted.filter((w) => !all.includes(w));
  if (missing.length > 0) {
    console.error(`npm run lab: no such case: ${missing.join(', ')} (cases: ${all.join(', ')})`);
    return 2;
  }
  const cases = wanted.length > 0 ? all.filter((c) => wanted.includes(c)) : all;

  const started = Date.now();
  ensureCli();
  const cache = loadCache(fresh);
  const tag = `localhost/dfopt-lab-${process.pid}`;
  const results: CaseResult[] = [];
  for (const name of cases) results.push(runCase(name, cache, tag));
  const seconds = (Date.now() - started) / 1000;

  const table = render(results, seconds);
  console.log(table);
  fs.mkdirSync(scratchDir, { recursive: true });
  const ok = results.every((r) => r.ok);
  const date = new Date().toISOString();
  const raw = { date, seconds: Math.round(seconds), lab_dir: labDir, min_share: MIN_SHARE, ok, cases: results };
  fs.writeFileSync(path.join(scratchDir, 'lab-results.json'), `${JSON.stringify(raw, null, 2)}\n`);
  fs.writeFileSync(path.join(scratchDir, 'lab-results.md'), `# npm run lab — ${raw.date}\n\n${table}\n`);
  log(`wrote scratch/lab-results.md and scratch/lab-results.json`);
  return ok ? 0 : 1;
}

// Ctrl-C reaches the children too, and they clean up their images: stay alive until they have, then stop
// (checkSignal). The handler itself never runs while main() is busy: everything here is synchronous.
process.on('SIGINT', () => undefined);
let code: number;
try {
  code = main();
} catch (e) {
  if (!(e instanceof Interrupted)) throw e;
  log('interrupted');
  code = 130;
} finally {
  cleanup();
}
process.exit(code);
