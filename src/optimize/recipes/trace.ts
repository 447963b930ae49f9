/**
 * Following an artifact through a stage, for the recipes whose build writes to a conventional place (cargo's
 * target/release, maven's target, gradle's build/libs) and whose start command may name a copy of it: what the
 * start command runs, which `cp`/`mv`/`install` put a file where, PATH lookups, and what the build context says.
 */
import { posix } from 'node:path';
import { substitute } from '../../model';
import type { InstructionNode } from '../../parse';
import { type CommandUse, effectiveArgv, shellGlob, splitCommands } from '../../shell';
import { managerCommand, packageNames, scratchMountTargets } from '../../shell/packageManagers';
import type { Artifact, RecipeInput } from '../types';
import { lineOf, type StageCommand, stageCommands } from './support';

const SHELLS = /(^|\/)(ba|da|z|a|k)?sh$/;
const GLOB = /[*?[]/;

/** The program the image starts and its arguments, looked through `sh -c '…'` and a shell form without shell features. */
export interface StartProgram {
  readonly keyword: 'ENTRYPOINT' | 'CMD';
  readonly node: InstructionNode;
  /**
   * Words of the command that runs (`java -jar app.jar`; an exec-form ENTRYPOINT followed by its CMD's words), literal
   * values; null when not even that can be told.
   */
  readonly argv: readonly string[] | null;
  /** A shell runs it: a shell-form or `sh -c` start command, or a HEALTHCHECK needing tools. The final base keeps one. */
  readonly needsShell: boolean;
}

/** The first simple command of a shell script, when its program is a literal word. */
function firstCommand(script: string): string[] | null {
  const first = splitCommands(script)[0];
  if (!first) return null;
  const words = effectiveArgv(first);
  if (words.length === 0 || words[0]!.literal === false) return null;
  return words.map((w) => w.value);
}

export function startProgram(input: RecipeInput): StartProgram | null {
  const entry = input.entrypoint ?? input.cmd;
  if (!entry) return null;
  const keyword = input.entrypoint ? 'ENTRYPOINT' : 'CMD';
  let argv = entry.argv ? [...entry.argv] : firstCommand(entry.node.argsText.text);
  let wrapped = false;
  if (argv && argv.length >= 3 && SHELLS.test(argv[0]!) && argv[1] === '-c') {
    argv = firstCommand(argv[2]!);
    wrapped = true;
  } else if (argv && input.entrypoint?.argv && input.cmd?.argv) {
    // ENTRYPOINT ["java"] + CMD ["-jar", "app.jar"]: the CMD gives the ENTRYPOINT its arguments.
    argv = [...argv, ...input.cmd.argv];
  }
  return { keyword, node: entry.node, argv, needsShell: input.needsShell || wrapped };
}

/** `$VAR`/`${VAR}` in a word, from the ARGs and ENV in effect at `run`; null when something stays unknown. */
export function expand(input: RecipeInput, run: InstructionNode, word: string): string | null {
  if (!word.includes('$')) return word;
  const state = input.stateBefore(run);
  const result = substitute(word, (n) => state.env.get(n) ?? state.args.get(n) ?? undefined, input.ast.escapeChar);
  return result.unresolved.length > 0 || result.value.includes('$') ? null : result.value;
}

/** Options of a command: `--name value`, `--name=value`, `-n value` for the given value-taking names; the rest positional. */
export function parseArgs(use: CommandUse, withValue: ReadonlySet<string>): { options: Map<string, string[]>; flags: Set<string>; positional: string[] } {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const args = use.args.map((a) => a.value);
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const eq = word.indexOf('=');
    if (word.startsWith('--') && eq > 2 && withValue.has(word.slice(0, eq))) {
      const name = word.slice(0, eq);
      options.set(name, [...(options.get(name) ?? []), word.slice(eq + 1)]);
    } else if (withValue.has(word) && i + 1 < args.length) {
      options.set(word, [...(options.get(word) ?? []), args[++i]!]);
    } else if (word.startsWith('-') && word !== '-') flags.add(word);
    else positional.push(word);
  }
  return { options, flags, positional };
}

/** A `cp`, `mv` or `install` in the stage: what it copied where. */
export interface CopyOp {
  readonly cmd: StageCommand;
  /** Absolute source paths; the last component may be a glob. */
  readonly sources: readonly string[];
  readonly dest: string;
  /** The destination is a directory for sure (`-t`, a trailing `/`, several sources); null when it may be either. */
  readonly destIsDir: boolean | null;
}

const COPY_VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  cp: new Set(['-t', '--target-directory', '--backup', '-S', '--suffix', '--reflink', '--sparse', '--preserve', '--no-preserve']),
  mv: new Set(['-t', '--target-directory', '--backup', '-S', '--suffix']),
  install: new Set(['-t', '--target-directory', '-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '--strip-program']),
};

export function copyOps(input: RecipeInput): CopyOp[] {
  const ops: CopyOp[] = [];
  for (const cmd of stageCommands(input)) {
    const valueOptions = COPY_VALUE_OPTIONS[cmd.use.name];
    if (!valueOptions || cmd.cwd === null) continue;
    // `install -d dir…` makes directories.
    if (cmd.use.name === 'install' && cmd.use.args.some((a) => a.value === '-d' || a.value === '--directory')) continue;
    const { options, positional } = parseArgs(cmd.use, valueOptions);
    const target = options.get('-t') ?? options.get('--target-directory');
    const words = target ? positional : positional.slice(0, -1);
    const dest = target ? target[target.length - 1]! : positional[positional.length - 1];
    if (!dest || words.length === 0 || dest.includes('$') || words.some((w) => w.includes('$'))) continue;
    const cwd = cmd.cwd;
    ops.push({
      cmd,
      sources: words.map((w) => posix.resolve(cwd, w)),
      dest: posix.resolve(cwd, dest),
      destIsDir: target || dest.endsWith('/') || dest === '.' || words.length > 1 ? true : null,
    });
  }
  return ops;
}

/** Whether a path matches a source (literal, or with a glob in its last component). */
function matchesSource(source: string, name: string): boolean {
  const base = posix.basename(source);
  if (!GLOB.test(base)) return base === name;
  return shellGlob(base).test(name);
}

/**
 * The copy that put a file at `path`, from a source `isArtifact` accepts (the last such copy wins): `cp
 * target/release/app /usr/local/bin/` or `cp target/*.jar /app/app.jar` for `/usr/local/bin/app`, `/app/app.jar`.
 */
export function copiedFrom(ops: readonly CopyOp[], path: string, isArtifact: (source: string) => boolean): { op: CopyOp; source: string } | null {
  for (const op of [...ops].reverse()) {
    for (const source of op.sources) {
      const asFile = op.destIsDir !== true && op.dest === path && (op.sources.length === 1 || !GLOB.test(posix.basename(source)));
      const intoDir = op.destIsDir !== false && posix.dirname(path) === op.dest && matchesSource(source, posix.basename(path));
      if ((asFile || intoDir) && isArtifact(source)) return { op, source };
    }
  }
  return null;
}

/** The path lies under a `--mount=type=cache|tmpfs` target of that RUN: its files never reach the image. */
export function underScratchMount(run: InstructionNode, cwd: string, path: string): boolean {
  return scratchMountTargets(run, cwd).some((t) => t === path || path.startsWith(`${t}/`));
}

const OS_INSTALL: Readonly<Record<string, readonly string[]>> = {
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

/** OS packages the stage installs (apt, apk, dnf…), names without versions. */
export function installedPackages(input: RecipeInput): Array<{ name: string; cmd: StageCommand }> {
  const out: Array<{ name: string; cmd: StageCommand }> = [];
  for (const cmd of stageCommands(input)) {
    const manager = managerCommand(cmd.use.argv);
    if (!manager || !(OS_INSTALL[manager.manager] ?? []).includes(manager.subcommand)) continue;
    for (const name of packageNames(manager)) out.push({ name: name.toLowerCase(), cmd });
  }
  return out;
}

/**
 * Trust the stage adds for its program (a CA certificate copied into the system's trust directories, `keytool
 * -importcert` into Java's cacerts): the final image, on another base, would not trust the same servers.
 */
export function addedTrust(input: RecipeInput): string | null {
  for (const inst of input.stage.instructions) {
    if ((inst.keyword !== 'COPY' && inst.keyword !== 'ADD') || inst.flag('from')) continue;
    const words = inst.execForm ?? inst.words.map((w) => w.value);
    const dest = posix.resolve(input.stateBefore(inst).workdir, words[words.length - 1] ?? '.');
    if (words.length >= 2 && /^\/(usr\/local\/share\/ca-certificates|etc\/ssl\/certs|etc\/pki\/ca-trust\/source\/anchors)(\/|$)/.test(dest)) {
      return `the stage adds CA certificates (${inst.keyword} to ${dest} at line ${lineOf(inst)}), which the final image would not have`;
    }
  }
  for (const cmd of stageCommands(input)) {
    if (cmd.use.name === 'keytool' && cmd.use.args.some((a) => /^-import(cert)?$/.test(a.value))) {
      return `the stage adds CA certificates (\`keytool -import\` at line ${lineOf(cmd.run)}), which the final image would not have`;
    }
  }
  return null;
}

/**
 * A named user the final image runs as exists only in the builder's /etc/passwd when the stage created it; a final
 * base with a shell needs the builder's passwd and group too (a shell-less one gets them from the optimizer core).
 */
export function userFiles(input: RecipeInput): Artifact[] {
  const user = [...input.stage.instructions].reverse().find((i) => i.keyword === 'USER');
  const name = (user?.words[0]?.value ?? '').split(':')[0]!;
  if (!user || name === '' || name === 'root' || /^\d+$/.test(name)) return [];
  return [
    { from: '/etc/passwd', to: '/etc/passwd' },
    { from: '/etc/group', to: '/etc/group' },
  ];
}

/**
 * Where a directory of the image came from in the build context: the last `COPY`/`ADD` (no --from) whose source is
 * a directory (`.`) containing it, or a file copied onto it. Null without a build context or when unknown.
 */
export function contextPath(input: RecipeInput, imagePath: string): string | null {
  const context = input.buildContext;
  if (!context) return null;
  const copies = input.stage.instructions.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flag('from') && i.heredocs.length === 0);
  for (const copy of [...copies].reverse()) {
    const words = copy.execForm ?? copy.words.map((w) => w.value);
    if (words.length < 2) continue;
    const workdir = input.stateBefore(copy).workdir;
    const destWord = words[words.length - 1]!;
    if (destWord.includes('$')) continue;
    const dest = posix.resolve(workdir, destWord);
    const sources = words.slice(0, -1);
    const destIsDir = destWord.endsWith('/') || destWord === '.' || sources.length > 1;
    for (const source of [...sources].reverse()) {
      if (GLOB.test(source) || source.includes('$') || /^[a-z]+:\/\//i.test(source)) continue;
      // Context paths are relative to its root, written '' (`COPY . .`).
      const clean = posix.normalize(source).replace(/^\/+|(?<!\/)\/+$/g, '').replace(/^\.$/, '');
      const stat = context.stat(clean);
      if (!stat) continue;
      if (stat.isDirectory) {
        if (imagePath === dest || imagePath.startsWith(`${dest}/`)) return posix.join(clean, posix.relative(dest, imagePath)).replace(/^\.$/, '');
      } else if ((destIsDir && imagePath === posix.join(dest, posix.basename(clean))) || (!destIsDir && imagePath === dest)) {
        return clean;
      }
    }
  }
  return null;
}

/** The builder's copy of a file as the artifact, at `to` (default: the same path). */
export const artifact = (from: string, to = from): Artifact => ({ from, to });

/** HTTP clients a HEALTHCHECK runs (`curl -f http://localhost/ || exit 1`): a slim final base must install them. */
export function healthcheckTools(input: RecipeInput): string[] {
  const check = [...input.stage.instructions].reverse().find((i) => i.keyword === 'HEALTHCHECK');
  if (!check) return [];
  const text = check.argsText.text.replace(/^\s*CMD\s+/i, '');
  let programs: string[];
  try {
    const exec = text.trim().startsWith('[') ? (JSON.parse(text) as unknown) : null;
    programs = Array.isArray(exec) ? [String(exec[0] ?? '')] : splitCommands(text).map((c) => effectiveArgv(c)[0]?.value ?? '');
  } catch {
    programs = splitCommands(text).map((c) => effectiveArgv(c)[0]?.value ?? '');
  }
  return [...new Set(programs.map((p) => posix.basename(p)).filter((p) => p === 'curl' || p === 'wget'))];
}

/** The RUN that installs `packages` on a Debian/Ubuntu or Alpine final base. */
export function installRun(distro: 'debian' | 'alpine', packages: readonly string[]): string[] {
  return distro === 'alpine'
    ? [`apk add --no-cache ${packages.join(' ')}`]
    : ['apt-get update', `apt-get install -y --no-install-recommends ${packages.join(' ')}`, 'rm -rf /var/lib/apt/lists/*'];
}
