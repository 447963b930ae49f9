import { posix } from 'node:path';
import { officialName } from '../../model/toolchains';
import { ALPINE_RUNTIME, DISTROLESS, debianSlim, distrolessCc, rustImageRelease } from '../bases';
import type { TextEdit } from '../../engine';
import type { Artifact, Recipe, RecipeInput } from '../types';
import { execFormEntry, lineOf, resolvePath, searchPath, type StageCommand, stageCommands } from './support';
import {
  addedTrust,
  artifact,
  contextPath,
  copiedFrom,
  copyOps,
  expand,
  healthcheckTools,
  installedPackages,
  installRun,
  parseArgs,
  startProgram,
  underScratchMount,
  userFiles,
} from './trace';

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** cargo options that take a value (build and install share most). */
const CARGO_VALUE_OPTIONS = new Set([
  '--target', '--target-dir', '--profile', '--bin', '-p', '--package', '--manifest-path', '--features', '-F', '-j', '--jobs',
  '--config', '-Z', '--message-format', '--color', '--example', '--test', '--bench', '--lockfile-path', '--out-dir',
  '--artifact-dir', '--root', '--path', '--git', '--branch', '--tag', '--rev', '--version', '--vers', '--index', '--registry',
  '--exclude', '--timings',
]);

/** Development packages whose runtime libraries distroless/cc already has (libc, libgcc, libstdc++, libssl, zlib). */
const LIBS_IN_DISTROLESS_CC = /^(libc6-dev|libssl-dev|zlib1g-dev|libstdc\+\+-\d+-dev|libgcc-\d+-dev|linux-libc-dev|libclang-dev|libclang-\d+-dev|libc-dev)$/;

interface CargoRun {
  readonly cmd: StageCommand;
  readonly sub: 'build' | 'install';
  /** `build`: directories the binaries land in (target/[<triple>/]<profile> for every candidate target dir, --out-dir). */
  readonly outDirs: readonly string[];
  /** `install`: `<root>/bin`; null when the root is not known. */
  readonly binDir: string | null;
  /** Binary names the command line or the build context tells; null when unknown. */
  readonly names: readonly string[] | null;
  readonly triple: string | null;
  /** RUSTFLAGS turn static linking off (`-C target-feature=-crt-static`). */
  readonly dynamic: boolean;
}

const ancestors = (dir: string): string[] => {
  const out = [dir];
  while (out[out.length - 1] !== '/') out.push(posix.dirname(out[out.length - 1]!));
  return out;
};

/** A minimal reading of Cargo.toml: [package] name, [[bin]] names and paths, [workspace], autobins. */
export function readManifest(text: string): { package: string | null; bins: Array<{ name: string; path: string | null }>; workspace: boolean; autobins: boolean } {
  let section = '';
  let pkg: string | null = null;
  let autobins = true;
  let workspace = false;
  const bins: Array<{ name: string | null; path: string | null }> = [];
  for (const raw of text.split(/\r?\n/)) {
    // Blanks are trimmed outside the expressions: `\s*([^\]]+?)\s*` backtracked cubically on a long run of blanks,
    // and the lookbehind starts `\s+#` only where a run of blanks starts (linear, not quadratic, without a `#`).
    const line = raw.replace(/(?<!\s)\s+#.*$/, '').trim();
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      if (line.startsWith('[[') && section === 'bin') bins.push({ name: null, path: null });
      if (section === 'workspace') workspace = true;
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(true|false))/.exec(line);
    if (!kv) continue;
    const value = kv[2] ?? kv[3] ?? kv[4]!;
    if (section === 'package' && kv[1] === 'name') pkg = value;
    if (section === 'package' && kv[1] === 'autobins') autobins = value !== 'false';
    if (section === 'bin' && bins.length > 0) {
      if (kv[1] === 'name') bins[bins.length - 1]!.name = value;
      if (kv[1] === 'path') bins[bins.length - 1]!.path = value;
    }
  }
  return { package: pkg, bins: bins.filter((b): b is { name: string; path: string | null } => b.name !== null), workspace, autobins };
}

/** The binaries of the crate in `dir` (an image path), from the build context: null when it does not tell. */
function crateBinaries(input: RecipeInput, dir: string): string[] | null {
  const manifestPath = contextPath(input, posix.join(dir, 'Cargo.toml'));
  const text = manifestPath === null ? null : input.buildContext!.read(manifestPath);
  if (text === null) return null;
  const manifest = readManifest(text);
  if (manifest.package === null) return null; // a virtual workspace: its members decide
  const names = new Set(manifest.bins.map((b) => b.name));
  const exists = (rel: string): boolean => {
    const p = contextPath(input, posix.join(dir, rel));
    return p !== null && input.buildContext!.stat(p) !== null;
  };
  if (!manifest.bins.some((b) => b.path === 'src/main.rs') && exists('src/main.rs')) names.add(manifest.package);
  if (manifest.autobins) {
    const binDir = contextPath(input, posix.join(dir, 'src/bin'));
    for (const entry of binDir === null ? [] : input.buildContext!.list(binDir)) {
      if (entry.endsWith('.rs')) names.add(entry.slice(0, -3));
      else if (input.buildContext!.stat(posix.join(binDir!, entry, 'main.rs'))) names.add(entry);
    }
  }
  return names.size > 0 ? [...names] : null;
}

function cargoRuns(input: RecipeInput): CargoRun[] | { declined: string } {
  const runs: CargoRun[] = [];
  const official = officialName(input.stage.base.ref) === 'rust';
  for (const cmd of stageCommands(input)) {
    if (cmd.use.name !== 'cargo') continue;
    const { options, flags, positional } = parseArgs(cmd.use, CARGO_VALUE_OPTIONS);
    const sub = positional[0];
    if (sub !== 'build' && sub !== 'install') continue;
    if (cmd.cwd === null) return { declined: `\`cargo ${sub}\` at line ${lineOf(cmd.run)} runs after a \`cd\` to a directory not written down` };
    const value = (...names: string[]): string | null | undefined => {
      const found = names.map((n) => options.get(n)).find((v) => v !== undefined);
      return found === undefined ? undefined : expand(input, cmd.run, found[found.length - 1]!);
    };
    const env = input.stateBefore(cmd.run).env;
    const assigned = new Map(cmd.use.command.assignments.map((a) => [a.value.slice(0, a.value.indexOf('=')), a.value.slice(a.value.indexOf('=') + 1)] as const));
    const setting = (name: string): string | null | undefined => (assigned.has(name) ? expand(input, cmd.run, assigned.get(name)!) : env.get(name));
    const triple = value('--target') ?? setting('CARGO_BUILD_TARGET');
    if (triple === null) return { declined: `the \`--target\` of \`cargo ${sub}\` at line ${lineOf(cmd.run)} is a variable without a known value` };
    const rustflags = setting('RUSTFLAGS') ?? setting('CARGO_ENCODED_RUSTFLAGS') ?? '';
    const dynamic = /-crt-static/.test(rustflags ?? '');
    const bins = options.get('--bin')?.map((b) => expand(input, cmd.run, b)) ?? [];
    const known = bins.length > 0 && bins.every((b): b is string => b !== null) ? (bins as string[]) : null;
    const cwd = cmd.cwd;
    if (sub === 'build') {
      const profile = value('--profile');
      if (profile === null) return { declined: `the \`--profile\` of \`cargo build\` at line ${lineOf(cmd.run)} is a variable without a known value` };
      const profileDir = flags.has('--release') || flags.has('-r') ? 'release' : profile === undefined || profile === 'dev' ? 'debug' : profile === 'bench' ? 'release' : profile;
      const explicit = value('--target-dir') ?? setting('CARGO_TARGET_DIR');
      if (explicit === null) return { declined: `the target directory of \`cargo build\` at line ${lineOf(cmd.run)} is a variable without a known value` };
      const manifest = value('--manifest-path');
      const crateDir = manifest ? posix.dirname(posix.resolve(cwd, manifest)) : cwd;
      const targetDirs = explicit ? [posix.resolve(cwd, explicit)] : ancestors(crateDir).map((d) => posix.join(d, 'target'));
      const sub2 = triple ? `${triple}/${profileDir}` : profileDir;
      const outDir = value('--out-dir', '--artifact-dir');
      const outDirs = [...targetDirs.map((t) => `${t}/${sub2}`), ...(outDir ? [posix.resolve(cwd, outDir)] : [])];
      runs.push({ cmd, sub, outDirs, binDir: null, names: known ?? crateBinaries(input, crateDir), triple: triple ?? null, dynamic });
    } else {
      const user = input.stateBefore(cmd.run).user;
      const asRoot = user === null || /^(root|0)(:.*)?$/.test(user);
      const home = setting('CARGO_HOME') ?? (official ? '/usr/local/cargo' : asRoot ? '/root/.cargo' : null);
      const root = value('--root') ?? setting('CARGO_INSTALL_ROOT') ?? home;
      const path = value('--path');
      const names = known ?? (path ? crateBinaries(input, posix.resolve(cwd, path)) : null);
      runs.push({ cmd, sub, outDirs: [], binDir: root ? `${posix.resolve(cwd, root)}/bin` : null, names, triple: triple ?? null, dynamic });
    }
  }
  return runs;
}

/**
 * Rust: the binary CMD/ENTRYPOINT runs, written by `cargo build` (target/[<triple>/]<profile>/<name>, or a copy of it)
 * or `cargo install` ($CARGO_HOME/bin/<name>). musl targets (and rust:*-alpine) link statically: scratch with the CA
 * bundle; glibc builds go to distroless/cc of the builder's Debian release (its glibc must be as new).
 */
export const rustRecipe: Recipe = (input) => {
  const start = startProgram(input);
  if (!start) return { declined: 'the image has no CMD or ENTRYPOINT naming the binary' };
  if (!start.argv) return { declined: `${start.keyword} at line ${lineOf(start.node)} needs a shell, and the program it starts is not written down` };
  const found = cargoRuns(input);
  if ('declined' in found) return found;
  const runs = found;
  if (runs.length === 0) return { declined: 'no `cargo build` or `cargo install` in the stage' };
  const trust = addedTrust(input);
  if (trust) return { declined: trust };

  // Which binary the start command runs.
  const program = start.argv[0]!;
  const official = officialName(input.stage.base.ref) === 'rust';
  const binDirs = runs.map((r) => r.binDir).filter((d): d is string => d !== null);
  const ops = copyOps(input);
  const buildOf = (path: string): CargoRun | undefined => runs.find((r) => r.sub === 'build' && r.outDirs.includes(posix.dirname(path)));
  const installOf = (path: string): CargoRun | undefined => runs.find((r) => r.sub === 'install' && r.binDir === posix.dirname(path));
  const fromCargo = (path: string): boolean => buildOf(path) !== undefined || installOf(path) !== undefined;
  const copied = (path: string): ReturnType<typeof copiedFrom> => copiedFrom(ops, path, fromCargo);
  const path = searchPath(input, official ? ['/usr/local/cargo/bin'] : []);
  const binary = resolvePath(input, program, path, (p) => fromCargo(p) || copied(p) !== null || binDirs.includes(posix.dirname(p)));
  if (!binary) return { declined: `${start.keyword} runs \`${program}\` by PATH lookup, and no \`cargo install\` or copy puts it on the PATH` };
  let run: CargoRun | undefined = buildOf(binary) ?? installOf(binary);
  let producer = run?.cmd;
  if (!run) {
    const copy = copied(binary);
    if (!copy) {
      return {
        declined: `${start.keyword} runs ${binary}, which is not a binary \`cargo build\` writes (target/[<triple>/]<profile>/<name>) or \`cargo install\` puts in its bin directory`,
      };
    }
    run = runs.find((r) => r.outDirs.includes(posix.dirname(copy.source)) || r.binDir === posix.dirname(copy.source))!;
    producer = copy.op.cmd;
  }
  const name = posix.basename(binary);
  const notes: string[] = [];
  if (run.sub === 'install' && producer === run.cmd) {
    if (run.names && !run.names.includes(name)) {
      return { declined: `${start.keyword} runs ${name}, but \`cargo install\` at line ${lineOf(run.cmd.run)} installs ${run.names.join(', ')}` };
    }
    if (!run.names) notes.push(`the binary name ${name} is taken from the ${start.keyword}`);
  }
  if (underScratchMount(producer!.run, producer!.cwd ?? '/', binary)) {
    return { declined: `${binary} lies under a --mount=type=cache target of the RUN at line ${lineOf(producer!.run)}, so the image never has it` };
  }

  // Static (musl) or glibc, and the Debian release of a glibc builder.
  const family = input.family;
  const musl = run.triple ? /-musl/.test(run.triple) : family.libc === 'musl';
  if (musl && !run.triple && !official) {
    return { declined: `Alpine's own cargo links against musl dynamically (target *-alpine-linux-musl); build with the official rust:*-alpine image or \`--target x86_64-unknown-linux-musl\`` };
  }
  const isStatic = musl && !run.dynamic;
  if (musl && !isStatic) return { declined: 'RUSTFLAGS turn static linking off for a musl target: the binary needs musl\'s loader and libraries at run time' };
  if (!isStatic && family.libc !== 'glibc') return { declined: `${input.stage.base.written} is not a known glibc (Debian) or musl image: the C library the binary needs is not known` };
  const release = official ? rustImageRelease(input.stage.base.ref.tag) : family.distro === 'debian' ? family.codename : null;
  if (!isStatic && family.distro !== 'debian') {
    return { declined: `a glibc binary built on ${input.stage.base.written} may need a newer glibc than the Debian-based runtime images have` };
  }
  if (!isStatic && release === null) return { declined: `the Debian release of ${input.stage.base.written} is not in its tag, so the glibc the binary needs is not known` };
  const pin = isStatic || !official ? null : pinRelease(input, release!);
  const extraLibs = isStatic ? [] : installedPackages(input).filter((p) => /-dev(el)?$/.test(p.name) && !LIBS_IN_DISTROLESS_CC.test(p.name));

  // Where it goes: `cargo install`ed programs run by name land in /usr/local/bin, on every base's PATH.
  const dest = run.sub === 'install' && !program.includes('/') ? `/usr/local/bin/${name}` : binary;
  const artifacts: Artifact[] = [artifact(binary, dest)];
  const choice = start.needsShell && input.finalBase !== 'keep' && input.finalBase !== 'alpine' ? 'slim' : input.finalBase;
  if (extraLibs.length > 0 && choice !== 'keep') {
    const pkg = extraLibs[0]!;
    return {
      declined: `${pkg.name} installed at line ${lineOf(pkg.cmd.run)}: the binary may link libraries the runtime base lacks (use optimize.finalBase: keep, or build for a musl target)`,
    };
  }
  const slimBase = isStatic && family.distro === 'alpine' ? alpineOf(input) : release ? `debian:${release}-slim` : debianSlim(family);
  const target = run.triple ? ` (--target ${run.triple})` : official && musl ? ` (${input.stage.base.written} builds for musl)` : '';
  const glibcReason = `a glibc binary built on Debian ${release}; distroless/cc has glibc, libgcc, libstdc++ and libssl`;
  let finalBase: string;
  let baseReason: string;
  let shellless = true;
  const alternatives: string[] = [];
  switch (choice) {
    case 'auto':
    case 'scratch':
      if (!isStatic) {
        if (choice === 'scratch') return { declined: 'a glibc binary needs libc, which scratch lacks (build with --target x86_64-unknown-linux-musl, or use finalBase: distroless)' };
        finalBase = distrolessCc(release);
        baseReason = glibcReason;
        alternatives.push('scratch: the binary links glibc dynamically (a musl target would make it static)');
        break;
      }
      finalBase = 'scratch';
      baseReason = `a static musl binary${target} needs no libc`;
      if (official || installedPackages(input).some((p) => p.name === 'ca-certificates')) artifacts.push(artifact(CA_BUNDLE));
      else notes.push('no CA bundle in the builder: HTTPS clients in the binary would fail on scratch');
      alternatives.push(`${DISTROLESS.static}: also fine for a static binary, with /etc/passwd and /tmp, a little larger`);
      break;
    case 'distroless':
      finalBase = isStatic ? DISTROLESS.static : distrolessCc(release);
      baseReason = isStatic ? `a static musl binary${target}; distroless/static adds CA certificates, /etc/passwd and /tmp` : glibcReason;
      break;
    case 'alpine':
      if (!isStatic) return { declined: 'a glibc binary does not run on alpine (musl)' };
      finalBase = alpineOf(input);
      baseReason = 'optimize.finalBase is alpine and the binary is static';
      shellless = false;
      break;
    case 'keep':
      finalBase = input.stage.base.written;
      baseReason = 'optimize.finalBase is keep';
      shellless = false;
      break;
    default:
      if (!slimBase) return { declined: `${input.stage.base.written} has no known -slim variant` };
      finalBase = slimBase;
      baseReason = start.needsShell ? 'the image needs a shell at run time' : 'optimize.finalBase is slim';
      shellless = false;
  }
  // The final base was chosen for the builder's Debian release: pin a builder tag that could move to another one.
  const pinned = pin && finalBase !== input.stage.base.written ? pin : null;
  const common = { ecosystem: 'Rust', finalBase, baseReason, builderEdits: pinned ? [pinned.edit] : [], builderAppend: [], finalSetup: [], alternatives };
  const allNotes = pinned ? [...notes, pinned.note] : [...notes];
  if (!shellless) {
    // A HEALTHCHECK's HTTP client: Debian -slim has neither curl nor wget, Alpine has busybox wget.
    const alpine = finalBase.startsWith('alpine:');
    const tools = choice === 'keep' ? [] : healthcheckTools(input).filter((t) => !(alpine && t === 'wget'));
    const finalSetup = tools.length > 0 ? [installRun(alpine ? 'alpine' : 'debian', tools)] : [];
    if (tools.length > 0) allNotes.push(`${tools.join(', ')} installed in the final stage for the HEALTHCHECK`);
    return { ...common, finalSetup, artifacts: [...artifacts, ...userFiles(input)], shellless, notes: allNotes };
  }
  const entry = execFormEntry(input, [dest]);
  if (!entry) return { declined: `the CMD after the ENTRYPOINT needs a shell, which ${finalBase} lacks` };
  return { ...common, artifacts, ...entry, shellless, notes: allNotes };
};

/**
 * A builder tag that moves between Debian releases (`rust:latest`, `rust:1`, `rust:${RUST_VERSION}`) pinned to the
 * release the final base was chosen for, so that the binary's glibc keeps matching it.
 */
function pinRelease(input: RecipeInput, release: string): { edit: TextEdit; note: string } | null {
  const base = input.stage.base;
  const tag = base.ref.tag;
  if (base.ref.digest || (tag && /(bookworm|bullseye|trixie|buster)/.test(tag))) return null;
  if (tag && /^1\.\d+(\.\d+)?(-slim)?$/.test(tag) && !base.written.includes('$')) return null; // a released version's tag no longer moves
  const written = base.written;
  const colon = written.lastIndexOf(':');
  const writtenTag = colon > written.lastIndexOf('/') ? written.slice(colon + 1) : null;
  let pinned: string;
  if (writtenTag === null) pinned = `${written}:${release}`;
  else if (writtenTag === 'latest') pinned = `${written.slice(0, colon)}:${release}`;
  else pinned = `${written}-${release}`;
  if (writtenTag === null && written.includes('$')) return null;
  const { start, end } = { start: base.range.start.offset, end: base.range.end.offset };
  return { edit: { start, end, text: pinned }, note: `builder pinned to ${pinned} (Debian ${release}, as the final base)` };
}

/** The Alpine release of an Alpine builder (`rust:1.82-alpine3.20`), else the optimizer's default. */
function alpineOf(input: RecipeInput): string {
  const version = /alpine-?(3\.\d+)/.exec(input.stage.base.ref.tag ?? '')?.[1];
  return version ? `alpine:${version}` : ALPINE_RUNTIME;
}

