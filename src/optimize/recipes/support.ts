import { posix } from 'node:path';
import { loadIgnore } from '../../model/dockerignore';
import type { InstructionNode } from '../../parse';
import { type CommandUse, commandUses } from '../../shell';
import type { Artifact, RecipeInput } from '../types';

const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Every command the stage's RUNs execute, with the directory it runs in (WORKDIR, then literal `cd`s before it). */
export interface StageCommand {
  readonly run: InstructionNode;
  readonly use: CommandUse;
  /** Null when a `cd` to somewhere unknown (a variable, `-`) came first. */
  readonly cwd: string | null;
}

export function stageCommands(input: RecipeInput): StageCommand[] {
  const out: StageCommand[] = [];
  for (const run of input.stage.instructions) {
    if (run.keyword !== 'RUN') continue;
    let cwd: string | null = input.stateBefore(run).workdir;
    for (const use of commandUses(run)) {
      out.push({ run, use, cwd });
      if (use.name === 'cd') {
        const target = use.args[0];
        cwd = cwd !== null && target && target.literal !== false && !target.value.includes('$') && target.value !== '-' ? posix.resolve(cwd, target.value) : null;
      }
    }
  }
  return out;
}

/** The value of `-o X` / `-o=X` / `--output X` style options. */
export function optionValue(use: CommandUse, ...names: string[]): string | null {
  const args = use.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!.value;
    for (const name of names) {
      if (word === name && i + 1 < args.length) return args[i + 1]!.value;
      if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
    }
  }
  return null;
}

/** The directories a program name is looked up in at run time: the stage's PATH, else the default (plus the image's own head). */
export function searchPath(input: RecipeInput, imageHead: readonly string[] = []): string[] {
  const written = input.stage.finalState.env.get('PATH');
  if (written === undefined) return [...imageHead, ...DEFAULT_PATH];
  // Too large to expand: nothing can be found on it, so nothing is resolved through it.
  if (written === null) return [];
  const out: string[] = [];
  for (const dir of written.split(':')) {
    if (/^\$\{?PATH\}?$/.test(dir)) out.push(...imageHead, ...DEFAULT_PATH);
    else if (dir.startsWith('/') && !dir.includes('$')) out.push(posix.normalize(dir));
  }
  return out;
}

/** A path as the start command means it: absolute, WORKDIR-relative, or found in PATH among `known` files. */
export function resolvePath(input: RecipeInput, program: string, path: readonly string[], known: (candidate: string) => boolean): string | null {
  if (program.startsWith('/')) return posix.normalize(program);
  if (program.includes('/')) return posix.resolve(input.stage.finalState.workdir, program);
  for (const dir of path) if (known(`${dir}/${program}`)) return `${dir}/${program}`;
  return null;
}

/** Where the program a CMD/ENTRYPOINT names lives: absolute, relative to WORKDIR, or looked up in PATH among `candidates`. */
export function resolveProgram(input: RecipeInput, program: string, candidates: readonly string[]): string | null {
  // golang images put GOPATH/bin and the toolchain first on PATH.
  const head = /(^|\/)golang$/.test(input.stage.base.ref.repository) ? ['/go/bin', '/usr/local/go/bin'] : [];
  return resolvePath(input, program, searchPath(input, head), (c) => candidates.includes(c));
}

/** The command the image starts: ENTRYPOINT's program if there is one, else CMD's. */
export function startCommand(input: RecipeInput): { keyword: 'ENTRYPOINT' | 'CMD'; argv: readonly string[] | null } | null {
  if (input.entrypoint) return { keyword: 'ENTRYPOINT', argv: input.entrypoint.argv };
  if (input.cmd) return { keyword: 'CMD', argv: input.cmd.argv };
  return null;
}

/**
 * ENTRYPOINT/CMD for a final base without a shell: the starting program replaced by `program` (its absolute path),
 * both in exec form. Null when something still needs a shell (a shell-form CMD after an ENTRYPOINT).
 */
export function execFormEntry(input: RecipeInput, program: readonly string[]): { entrypoint?: readonly string[]; cmd?: readonly string[] } | null {
  const start = startCommand(input);
  if (!start?.argv) return null;
  const replaced = [...program, ...start.argv.slice(1)];
  if (start.keyword === 'CMD') return { cmd: replaced };
  if (input.cmd && input.cmd.argv === null) return null;
  return input.cmd ? { entrypoint: replaced, cmd: input.cmd.argv! } : { entrypoint: replaced };
}

/** Why a base without the distro's packages cannot run this image: the packages it installs besides build tools. */
export function runtimePackagesReason(input: RecipeInput, base: string): string | null {
  const names = input.runtimePackages;
  if (names.length === 0) return null;
  const listed = names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
  return `the stage installs ${listed}, which the program may need at run time and ${base} would not have`;
}

/** The file a COPY or ADD put at `path` (`COPY start.sh /usr/local/bin/start`), if one did: then it is no build output. */
export function copiedTo(input: RecipeInput, path: string): InstructionNode | undefined {
  return input.stage.instructions.find((inst) => {
    if ((inst.keyword !== 'COPY' && inst.keyword !== 'ADD') || inst.flag('from')) return false;
    const words = inst.execForm ?? inst.words.map((w) => w.value);
    if (words.length < 2) return false;
    const dest = words[words.length - 1]!;
    const target = posix.resolve(input.stateBefore(inst).workdir, dest);
    return words.slice(0, -1).some((src) => target === path || (dest.endsWith('/') && posix.join(target, posix.basename(src)) === path));
  });
}

/** Files in a source tree that no program reads at run time: VCS, CI, editor and container files, docs, tests. */
const DEV_ONLY =
  /^(\.git|\.github|\.gitlab-ci\.yml|\.gitignore|\.gitattributes|\.dockerignore|\.editorconfig|\.vscode|\.idea|\.devcontainer|Dockerfile.*|.*\.Dockerfile|docker-compose.*|compose\.ya?ml|README.*|LICEN[CS]E.*|CHANGELOG.*|CONTRIBUTING.*|SECURITY.*|.*\.md|docs?|testdata|tests?|.*_test\.go|Makefile|\.golangci.*|\.goreleaser.*)$/i;

/**
 * The entries of a directory of the build context that a COPY sends (`.dockerignore` applied) and that hold
 * something besides sources and development files (a directory counts when anything below it does, looked at down
 * to a bounded depth); null when the context is unknown or the source is not a directory.
 */
function dataEntries(input: RecipeInput, source: string, isSource: (name: string) => boolean): string[] | null {
  const context = input.buildContext;
  if (!context) return null;
  const dir = posix.normalize(source).replace(/^\.?\/?/, '').replace(/(?<!\/)\/+$/, '');
  if (dir !== '' && context.stat(dir)?.isDirectory !== true) return null;
  const ignore = loadIgnore(context)?.ignore;
  let budget = 5000;
  const holdsData = (path: string, name: string, depth: number): boolean => {
    if (ignore?.isIgnored(path) || DEV_ONLY.test(name) || --budget < 0) return budget < 0;
    if (context.stat(path)?.isDirectory !== true) return !isSource(name);
    if (depth > 8) return true;
    return context.list(path).some((child) => holdsData(`${path}/${child}`, child, depth + 1));
  };
  return context.list(dir === '' ? '.' : dir).filter((name) => holdsData(dir === '' ? name : `${dir}/${name}`, name, 0));
}

/**
 * What COPY/ADD brought from the build context besides the sources the build compiles (`COPY ./schema ./schema`,
 * `COPY . .`): the program may read it at run time, so the final stage gets it too, at the same path. Sources are
 * recognised by name (`isSource`); a whole-context copy (`.`) counts as data, since it usually carries templates,
 * assets or config along with the code.
 */
export function contextData(input: RecipeInput, isSource: (name: string) => boolean): Artifact[] {
  const out = new Map<string, Artifact>();
  for (const inst of input.stage.instructions) {
    if ((inst.keyword !== 'COPY' && inst.keyword !== 'ADD') || inst.flag('from') || inst.heredocs.length > 0) continue;
    const words = inst.execForm ?? inst.words.map((w) => w.value);
    if (words.length < 2) continue;
    const sources = words.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s));
    const data = sources.filter((s) => !isSource(posix.basename(s.replace(/(?<!\/)\/+$/, ''))) || /^\.\/?$/.test(s));
    if (data.length === 0) continue;
    const dest = words[words.length - 1]!;
    if (dest.includes('$')) continue;
    const target = posix.resolve(input.stateBefore(inst).workdir, dest);
    const intoDir = dest.endsWith('/') || sources.length > 1;
    for (const source of data) {
      const whole = /^\.\/?$/.test(source);
      const path = intoDir && !whole && !/[*?[]/.test(source) ? posix.join(target, posix.basename(source)) : target;
      // With the build context at hand, a copied directory contributes only its entries that are not sources or
      // development files: `COPY . .` of a Go module with templates/ copies templates/, not the code.
      const entries = dataEntries(input, source, isSource);
      const paths = entries === null ? [path] : entries.map((e) => posix.join(path, e));
      for (const p of paths) if (![...out.keys()].some((q) => p === q || p.startsWith(`${q}/`))) out.set(p, { from: p, to: p });
    }
  }
  const paths = [...out.keys()];
  return [...out.values()].filter((a) => !paths.some((p) => a.from.startsWith(`${p}/`)));
}

/** The artifacts plus the context data, leaving out any artifact a copied directory already holds. */
export function withContextData(artifacts: readonly Artifact[], data: readonly Artifact[]): Artifact[] {
  const covered = (path: string): boolean => data.some((d) => path === d.from || path.startsWith(`${d.from}/`));
  return [...artifacts.filter((a) => !covered(a.from)), ...data];
}

export const lineOf = (node: InstructionNode): number => node.range.start.line + 1;
