/**
 * Which commands of a RUN install dependencies from manifests (package.json, requirements.txt, go.mod, …), for the
 * `cache-order` rule: what each reads, where, and whether it could run before the sources are copied at all.
 */
import { canonicalPath } from '../../src/shell/packageManagers';
import { basename, type CommandUse, type ShellWord } from '../../src/shell';

export type Ecosystem = 'node' | 'pip' | 'poetry' | 'go' | 'cargo' | 'maven' | 'gradle' | 'bundler' | 'composer' | 'dotnet';

export interface Install {
  readonly use: CommandUse;
  readonly ecosystem: Ecosystem;
  /** The tool, for messages and tool-specific lock files: npm, yarn, pnpm, pip, poetry, go, cargo, mvn, … */
  readonly tool: string;
  /** How the command is named in messages: `npm ci`, `pip install -r requirements.txt`. */
  readonly label: string;
  /** Canonical directory the manifests are read from. */
  readonly dir: string;
  /** Why the command needs the sources and cannot move before them (then no fix), or null. */
  readonly stuck: string | null;
  /** Files the command names (requirement files, a project file), relative to `dir` when they lie under it. */
  readonly named: readonly string[];
  /** Option names given (`ignore-scripts`, `no-root`, `no-scripts`, …), without dashes. */
  readonly options: ReadonlySet<string>;
}

/** Names the manifests of each ecosystem have (globs in an earlier COPY are matched against these). */
export const MANIFEST_NAMES: Readonly<Record<Ecosystem, readonly string[]>> = {
  node: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'],
  pip: ['requirements.txt'],
  poetry: ['pyproject.toml', 'poetry.lock'],
  go: ['go.mod', 'go.sum'],
  cargo: ['Cargo.toml', 'Cargo.lock'],
  maven: ['pom.xml'],
  gradle: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties'],
  bundler: ['Gemfile', 'Gemfile.lock'],
  composer: ['composer.json', 'composer.lock'],
  dotnet: ['App.csproj', 'App.fsproj', 'App.vbproj', 'App.sln'],
};

/** Value-taking options per tool, so their values are not read as operands (package names, goals). */
const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  npm: ['prefix', 'cache', 'registry', 'loglevel', 'omit', 'include', 'userconfig', 'workspace', 'w', 'install-strategy', 'fetch-timeout', 'fetch-retries'],
  yarn: ['cwd', 'modules-folder', 'cache-folder', 'network-timeout', 'mutex', 'registry', 'network-concurrency'],
  pnpm: ['C', 'dir', 'filter', 'F', 'store-dir', 'registry', 'reporter'],
  pip: [
    'r', 'requirement', 'c', 'constraint', 'e', 'editable', 'i', 'index-url', 'extra-index-url', 'f', 'find-links', 't', 'target',
    'prefix', 'root', 'trusted-host', 'src', 'upgrade-strategy', 'progress-bar', 'cache-dir', 'timeout', 'retries', 'proxy',
    'platform', 'python-version', 'implementation', 'abi', 'only-binary', 'no-binary', 'log', 'report', 'config-settings', 'C',
  ],
  mvn: ['f', 'file', 's', 'settings', 'gs', 'global-settings', 'P', 'activate-profiles', 'pl', 'projects', 'T', 'threads', 'l', 'log-file', 'rf', 'resume-from', 't', 'toolchains'],
  gradle: ['p', 'project-dir', 'b', 'build-file', 'c', 'settings-file', 'g', 'gradle-user-home', 'x', 'exclude-task', 'I', 'init-script', 'D', 'P'],
  dotnet: ['r', 'runtime', 's', 'source', 'packages', 'configfile', 'v', 'verbosity', 'p', 'property'],
};

interface Parsed {
  readonly options: Map<string, string | null>;
  readonly operands: ShellWord[];
}

/** getopt-ish: `--x=v`, `--x v` and `-x v` for value options, other `-…` words as flags (clusters not split). */
function parse(args: readonly ShellWord[], valueOptions: readonly string[]): Parsed {
  const options = new Map<string, string | null>();
  const operands: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!v.startsWith('-') || v === '-') {
      operands.push(args[i]!);
      continue;
    }
    const body = v.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq !== -1) {
      options.set(body.slice(0, eq), body.slice(eq + 1));
      continue;
    }
    if (valueOptions.includes(body)) {
      options.set(body, args[i + 1]?.value ?? null);
      i++;
      continue;
    }
    // Short options with the value attached: `-rrequirements.txt`, `-Dx=y`.
    const short = !v.startsWith('--') && body.length > 1 ? body[0]! : null;
    if (short && valueOptions.includes(short)) options.set(short, body.slice(1));
    else options.set(body, null);
  }
  return { options, operands };
}

/** Every value of a repeatable option (`-r a.txt -r b.txt`). */
function values(args: readonly ShellWord[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    for (const name of names) {
      const flag = name.length === 1 ? `-${name}` : `--${name}`;
      if (v === flag && i + 1 < args.length) out.push(args[i + 1]!.value);
      else if (v.startsWith(`${flag}=`)) out.push(v.slice(flag.length + 1));
      else if (name.length === 1 && v.startsWith(flag) && v.length > 2 && !v.startsWith('--')) out.push(v.slice(2));
    }
  }
  return out;
}

const words = (use: CommandUse, n: number): string => use.argv.slice(0, n).map((w) => w.value).join(' ');

/**
 * The dependency install `use` runs in `cwd`, or null when it is none (a build, `npm install express`, `yarn add`).
 * `cwd` is canonical (see canonicalPath); null when unknown.
 */
export function recognizeInstall(use: CommandUse, cwd: string): Install | null {
  // Asked about every command of every RUN (chain-run, cache-order), and most are none of these: the test alone is
  // small, so the switch below is compiled only when installs are hot, not for a file of many other commands.
  const { name } = use;
  if (!INSTALLERS.has(name) && !name.startsWith('pip') && !name.startsWith('python')) return null;
  return installOf(use, cwd);
}

/** The names recognizeInstall's switch knows; pip and python are matched apart. */
const INSTALLERS: ReadonlySet<string> = new Set([
  'npm', 'yarn', 'pnpm', 'poetry', 'go', 'cargo', 'mvn', 'mvnw', 'gradle', 'gradlew', 'bundle', 'composer', 'composer.phar', 'php', 'dotnet',
]);

function installOf(use: CommandUse, cwd: string): Install | null {
  const { name, args } = use;
  const make = (ecosystem: Ecosystem, tool: string, label: string, stuck: string | null, extra: { dir?: string | null; named?: string[]; options?: Map<string, string | null> } = {}): Install | null => {
    const dir = extra.dir ? canonicalPath(extra.dir, cwd) : cwd;
    return { use, ecosystem, tool, label, dir, stuck, named: extra.named ?? [], options: new Set((extra.options ?? new Map()).keys()) };
  };
  const sub = args[0]?.value;
  switch (name) {
    case 'npm': {
      if (sub !== 'ci' && sub !== 'install' && sub !== 'i') return null;
      const p = parse(args.slice(1), VALUE_OPTIONS.npm!);
      if (p.operands.length > 0 || p.options.has('g') || p.options.has('global')) return null;
      const workspace = ['workspace', 'w', 'workspaces', 'ws'].some((o) => p.options.has(o));
      return make('node', 'npm', `npm ${sub}`, workspace ? 'it installs npm workspaces, which live in the sources' : null, { dir: p.options.get('prefix'), options: p.options });
    }
    case 'yarn': {
      if (sub !== undefined && sub !== 'install' && !sub.startsWith('-')) return null;
      const p = parse(sub === 'install' ? args.slice(1) : args, VALUE_OPTIONS.yarn!);
      if (p.operands.length > 0) return null;
      return make('node', 'yarn', sub === 'install' ? 'yarn install' : 'yarn', null, { dir: p.options.get('cwd'), options: p.options });
    }
    case 'pnpm': {
      if (sub !== 'install' && sub !== 'i') return null;
      const p = parse(args.slice(1), VALUE_OPTIONS.pnpm!);
      if (p.operands.length > 0) return null;
      const filtered = p.options.has('filter') || p.options.has('F') || p.options.has('recursive') || p.options.has('r');
      return make('node', 'pnpm', `pnpm ${sub}`, filtered ? 'it installs pnpm workspace packages, which live in the sources' : null, {
        dir: p.options.get('dir') ?? p.options.get('C'),
        options: p.options,
      });
    }
    case 'poetry': {
      if (sub !== 'install') return null;
      const p = parse(args.slice(1), []);
      const stuck = p.options.has('no-root') ? null : 'without `--no-root` poetry also installs the project itself, which needs its sources';
      return make('poetry', 'poetry', 'poetry install', stuck, { options: p.options });
    }
    case 'go':
      if (sub !== 'mod' || args[1]?.value !== 'download') return null;
      return make('go', 'go', 'go mod download', null);
    case 'cargo': {
      if (sub !== 'build' && sub !== 'b' && sub !== 'fetch') return null;
      return make(
        'cargo',
        'cargo',
        `cargo ${sub}`,
        sub === 'fetch'
          ? 'cargo reads the crate\'s targets (src/main.rs or src/lib.rs) along with Cargo.toml, so it needs a stub source tree (or cargo-chef)'
          : 'cargo build compiles the sources; fetch and build the dependencies against a stub src/main.rs first (or use cargo-chef)',
      );
    }
    case 'mvn':
    case 'mvnw': {
      const p = parse(args, VALUE_OPTIONS.mvn!);
      const goals = p.operands.map((w) => w.value);
      const resolving = (g: string): boolean => /^dependency:(go-offline|resolve|resolve-plugins)$/.test(g) || /^org\.apache\.maven\.plugins:maven-dependency-plugin(:[^:]+)?:(go-offline|resolve)$/.test(g);
      const building = (g: string): boolean => /^(compile|test-compile|test|package|verify|install|deploy)$/.test(g);
      if (!goals.some((g) => resolving(g) || building(g))) return null;
      const label = `${name === 'mvnw' ? basename(use.argv[0]!.value) : 'mvn'} ${goals.join(' ')}`;
      const stuck = goals.some(building)
        ? `\`${label}\` compiles the sources; only \`mvn dependency:go-offline\` can run before them`
        : name === 'mvnw'
          ? 'the Maven wrapper needs mvnw and .mvn/ as well as pom.xml'
          : p.options.has('f') || p.options.has('file') || p.options.has('pl') || p.options.has('projects')
            ? 'it names another POM or selects modules'
            : null;
      return make('maven', name, label, stuck, { options: p.options });
    }
    case 'gradle':
    case 'gradlew': {
      const p = parse(args, VALUE_OPTIONS.gradle!);
      if (p.operands.length === 0) return null;
      return make('gradle', name, `${basename(use.argv[0]!.value)} ${p.operands.map((w) => w.value).join(' ')}`, 'a Gradle build reads the whole project (settings, build scripts, buildSrc); resolve dependencies in a step of its own with only the build files copied');
    }
    case 'bundle': {
      if (sub !== undefined && sub !== 'install' && !sub.startsWith('-')) return null;
      const p = parse(sub === 'install' ? args.slice(1) : args, []);
      return make('bundler', 'bundle', 'bundle install', null, { options: p.options });
    }
    case 'composer':
    case 'composer.phar':
    case 'php': {
      const rest = name === 'php' ? (/composer(\.phar)?$/.test(args[0]?.value ?? '') ? args.slice(1) : null) : args;
      if (!rest || rest[0]?.value !== 'install') return null;
      const p = parse(rest.slice(1), ['working-dir', 'd']);
      return make('composer', 'composer', 'composer install', null, { dir: p.options.get('working-dir') ?? p.options.get('d'), options: p.options });
    }
    case 'dotnet': {
      if (sub !== 'restore') return null;
      const p = parse(args.slice(1), VALUE_OPTIONS.dotnet!);
      return make('dotnet', 'dotnet', 'dotnet restore', null, { named: p.operands.map((w) => w.value), options: p.options });
    }
    default:
      break;
  }
  // pip, pip3, pip3.12, python -m pip, python3 -m pip
  let pipArgs: readonly ShellWord[] | null = null;
  if (/^pip(\d+(\.\d+)?)?$/.test(name)) pipArgs = args;
  else if (/^python(\d+(\.\d+)?)?$/.test(name) && args[0]?.value === '-m' && args[1]?.value === 'pip') pipArgs = args.slice(2);
  if (!pipArgs || pipArgs[0]?.value !== 'install') return null;
  const rest = pipArgs.slice(1);
  const files = values(rest, ['r', 'requirement']);
  if (files.length === 0) return null;
  const constraints = values(rest, ['c', 'constraint']);
  const p = parse(rest, VALUE_OPTIONS.pip!);
  const local = p.options.has('e') || p.options.has('editable') || p.operands.some((w) => /^(\.|\.\.|\/|~|file:)/.test(w.value) || /\.(whl|tar\.gz|zip)$/.test(w.value));
  const named = [...files, ...constraints];
  const stuck = local
    ? 'it also installs the project or a local path, which needs the sources'
    : named.some((f) => f.includes('$'))
      ? 'a requirement file is named by a variable'
      : null;
  const program = words(use, name.startsWith('python') ? 3 : 1);
  return make('pip', 'pip', `${program} install -r ${files.join(' -r ')}`, stuck, { named, options: p.options });
}
