/**
 * The manifest files an install needs before the sources, for `cache-order`'s fix: exactly those in the build
 * context when there is one (reading them to decline when the install would need the sources after all), or a
 * glob form that tolerates a missing lock file when there is none (BuildKit's COPY allows a wildcard that matches
 * nothing as long as another source matches).
 */
import type { BuildContext } from '../../src/engine';
import { loadIgnore } from '../../src/model/dockerignore';
import type { Install } from './cacheOrderInstalls';

/** One manifest to copy: its path in the context (as written in COPY) and the directory under the destination it goes to. */
export interface Manifest {
  readonly source: string;
  /** '' or `sub/dir/`, relative to the whole-context COPY's destination. */
  readonly into: string;
}

export type ManifestPlan = { readonly manifests: readonly Manifest[] } | { readonly reason: string };

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const into = (dir: string): string => (dir ? `${dir}/` : '');

/** Dependency specs that point into the sources rather than at a registry. */
const LOCAL_SPEC = /^(file:|link:|portal:|workspace:|\.{1,2}\/|\/|~\/)/;

function nodePlan(install: Install, rel: string, ctx: ContextView | null): ManifestPlan {
  const at = (name: string): string => join(rel, name);
  if (!ctx) {
    if (install.options.has('install-links')) return { reason: '`--install-links` means package.json has `file:` dependencies from the sources' };
    const lock = { npm: ['package-lock.json*'], yarn: ['yarn.lock*'], pnpm: ['pnpm-lock.yaml*'] }[install.tool] ?? [];
    return { manifests: ['package.json', ...lock].map((n) => ({ source: at(n), into: into(rel) })) };
  }
  const text = ctx.read(at('package.json'));
  if (text === null) return { reason: `${at('package.json')} is not in the build context` };
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { reason: `${at('package.json')} is not valid JSON` };
  }
  if (pkg.workspaces) return { reason: `${at('package.json')} declares workspaces, which the install reads from the sources` };
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions']) {
    const deps = pkg[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof spec === 'string' && (LOCAL_SPEC.test(spec) || spec.includes('patch:'))) {
        return { reason: `${at('package.json')} has a local dependency (${name}: ${spec}) that the install reads from the sources` };
      }
    }
  }
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? Object.keys(pkg.scripts) : [];
  const lifecycle = scripts.filter((s) => ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'].includes(s));
  if (lifecycle.length > 0 && !install.options.has('ignore-scripts')) {
    return { reason: `${at('package.json')} has a \`${lifecycle[0]}\` script, which the install runs and which may need the sources` };
  }
  if (ctx.has(at('pnpm-workspace.yaml'))) return { reason: `${at('pnpm-workspace.yaml')} makes it a pnpm workspace` };
  const yarnrc = ctx.read(at('.yarnrc.yml'));
  if (yarnrc !== null && /^\s*(yarnPath|plugins)\s*:/m.test(yarnrc)) return { reason: `${at('.yarnrc.yml')} points into .yarn/, which the install needs too` };
  if (ctx.has(at('node_modules'))) return { reason: `the build context has ${at('node_modules')}, which COPY of the sources would lay over the installed one (add it to .dockerignore)` };
  const names = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', '.npmrc', '.yarnrc', '.yarnrc.yml'];
  return { manifests: names.filter((n) => ctx.has(at(n))).map((n) => ({ source: at(n), into: into(rel) })) };
}

/** Lines of a requirements file that install from the sources, and the files it includes (`-r`, `-c`). */
function readRequirements(text: string): { local: string | null; includes: string[] } {
  const includes: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(-r|--requirement|-c|--constraint)[\s=]+(\S+)/.exec(line);
    if (include) {
      includes.push(include[2]!);
      continue;
    }
    if (/^(-e|--editable)\b/.test(line) || /^(\.|\.\.|\/|~|file:)/.test(line) || /@\s*file:/.test(line)) return { local: line, includes };
  }
  return { local: null, includes };
}

function pipPlan(install: Install, rel: string, ctx: ContextView | null): ManifestPlan {
  const named = install.named.map((f) => f.replace(/^\.\//, ''));
  if (named.some((f) => f.startsWith('/') || f.startsWith('..'))) return { reason: 'a requirement file lies outside the copied directory' };
  if (!ctx) {
    // Root-level requirement files: one glob that also takes the files they include (requirements-base.txt…);
    // a file in a subdirectory: that whole directory, which holds what it includes.
    const manifests: Manifest[] = [];
    const add = (m: Manifest): void => {
      if (!manifests.some((x) => x.source === m.source && x.into === m.into)) manifests.push(m);
    };
    for (const file of named) {
      const dir = dirOf(file);
      if (dir) add({ source: `${join(rel, dir)}/`, into: into(join(rel, dir)) });
      else add({ source: join(rel, /^requirements.*\.txt$/.test(file) ? 'requirements*.txt' : file), into: into(rel) });
    }
    return { manifests };
  }
  const seen = new Set<string>();
  const queue = named.map((f) => join(rel, f));
  while (queue.length > 0 && seen.size < 50) {
    const path = queue.shift()!.replace(/\/\.\//g, '/');
    if (seen.has(path)) continue;
    const text = ctx.read(path);
    if (text === null) return { reason: `${path} is not in the build context` };
    seen.add(path);
    const { local, includes } = readRequirements(text);
    if (local) return { reason: `${path} installs from the sources (\`${local}\`)` };
    for (const inc of includes) {
      if (inc.startsWith('/') || inc.includes('$') || /^[a-z]+:\/\//.test(inc)) return { reason: `${path} includes ${inc}, which cannot be copied from the context` };
      queue.push(join(dirOf(path), inc));
    }
  }
  return { manifests: [...seen].map((p) => ({ source: p, into: into(dirOf(p)) })) };
}

function plainPlan(rel: string, ctx: ContextView | null, required: readonly string[], optional: readonly string[], check?: (read: (name: string) => string | null) => string | null): ManifestPlan {
  const at = (name: string): string => join(rel, name);
  if (!ctx) return { manifests: [...required, ...optional.map((n) => `${n}*`)].map((n) => ({ source: at(n), into: into(rel) })) };
  for (const name of required) if (!ctx.has(at(name))) return { reason: `${at(name)} is not in the build context` };
  const problem = check?.((name) => ctx.read(at(name)));
  if (problem) return { reason: problem };
  return { manifests: [...required, ...optional.filter((n) => ctx.has(at(n)))].map((n) => ({ source: at(n), into: into(rel) })) };
}

function composerPlan(install: Install, rel: string, ctx: ContextView | null): ManifestPlan {
  const scriptsOff = install.options.has('no-scripts');
  const autoloaderOff = install.options.has('no-autoloader');
  if (!ctx) {
    if (!scriptsOff || !autoloaderOff) return { reason: 'composer install runs the project\'s scripts and dumps its autoloader, which read the sources (install with `--no-scripts --no-autoloader` and dump the autoloader after the COPY)' };
    return plainPlan(rel, null, ['composer.json'], ['composer.lock']);
  }
  if (ctx.has(join(rel, 'vendor'))) return { reason: `the build context has ${join(rel, 'vendor')}, which COPY of the sources would lay over the installed one (add it to .dockerignore)` };
  return plainPlan(rel, ctx, ['composer.json'], ['composer.lock', 'auth.json'], (read) => {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(read('composer.json') ?? '') as Record<string, unknown>;
    } catch {
      return 'composer.json is not valid JSON';
    }
    const scripts = json.scripts && typeof json.scripts === 'object' ? Object.keys(json.scripts) : [];
    const hook = scripts.find((s) => /^(pre|post)-(install-cmd|autoload-dump)$/.test(s));
    if (hook && !scriptsOff) return `composer.json has a \`${hook}\` script, which the install runs and which may need the sources`;
    const autoload = [json.autoload, json['autoload-dev']].filter((a): a is Record<string, unknown> => !!a && typeof a === 'object');
    if (!autoloaderOff && autoload.some((a) => a.classmap || a.files)) return 'composer.json autoloads a classmap or files from the sources (install with `--no-autoloader`)';
    const repos = Array.isArray(json.repositories) ? (json.repositories as Array<Record<string, unknown>>) : [];
    if (repos.some((r) => r && r.type === 'path')) return 'composer.json has a path repository in the sources';
    return null;
  });
}

function dotnetPlan(install: Install, rel: string, ctx: ContextView | null): ManifestPlan {
  const named = install.named.filter((n) => !n.startsWith('-'));
  if (named.length > 1) return { reason: 'dotnet restore names several projects' };
  const target = named[0]?.replace(/^\.\//, '');
  if (target !== undefined && (target.includes('/') || target.includes('$') || !/\.(cs|fs|vb)proj$/.test(target))) {
    return { reason: 'restoring a solution or a project in another folder needs every project file in its folder' };
  }
  const extras = ['Directory.Build.props', 'Directory.Packages.props', 'NuGet.Config', 'nuget.config', 'global.json'];
  if (!ctx) {
    if (!target) return { reason: 'without the build context it is unknown which project or solution `dotnet restore` picks' };
    return { manifests: [join(rel, target), ...extras.map((n) => join(rel, `${n}*`))].map((source) => ({ source, into: into(rel) })) };
  }
  const projects = ctx.list(rel || '.').filter((n) => /\.(cs|fs|vb)proj$|\.sln$/.test(n));
  const chosen = target ?? (projects.length === 1 ? projects[0]! : null);
  if (!chosen || chosen.endsWith('.sln')) return { reason: 'restoring a solution needs every project file in its folder' };
  const text = ctx.read(join(rel, chosen));
  if (text === null) return { reason: `${join(rel, chosen)} is not in the build context` };
  if (/<ProjectReference\b/.test(text)) return { reason: `${join(rel, chosen)} references other projects, whose files the restore needs too` };
  return { manifests: [chosen, ...extras.filter((n) => ctx.has(join(rel, n)))].map((n) => ({ source: join(rel, n), into: into(rel) })) };
}

/** The build context as the plans need it: files hidden by .dockerignore count as absent. */
interface ContextView {
  has(path: string): boolean;
  read(path: string): string | null;
  list(dir: string): readonly string[];
}

export function contextView(context: BuildContext | undefined): ContextView | null {
  if (!context) return null;
  const ignore = loadIgnore(context)?.ignore;
  const visible = (path: string): boolean => !ignore?.isIgnored(path);
  return {
    has: (path) => visible(path) && context.stat(path) !== null,
    read: (path) => (visible(path) ? context.read(path) : null),
    list: (dir) => context.list(dir).filter((n) => visible(dir === '.' ? n : `${dir}/${n}`)),
  };
}

/** What to copy before `install`, which reads its manifests from `rel` (relative to the whole-context COPY's destination). */
export function manifestPlan(install: Install, rel: string, ctx: ContextView | null): ManifestPlan {
  if (install.stuck) return { reason: install.stuck };
  switch (install.ecosystem) {
    case 'node':
      return nodePlan(install, rel, ctx);
    case 'pip':
      return pipPlan(install, rel, ctx);
    case 'poetry':
      return plainPlan(rel, ctx, ['pyproject.toml'], ['poetry.lock', 'poetry.toml'], (read) =>
        /^\s*[\w.-]+\s*=\s*\{[^}\n]*\bpath\s*=/m.test(read('pyproject.toml') ?? '') ? 'pyproject.toml has a path dependency in the sources' : null,
      );
    case 'go':
      return plainPlan(rel, ctx, ['go.mod'], ['go.sum'], (read) => {
        if (read('go.work') !== null) return 'go.work makes it a Go workspace, whose modules live in the sources';
        return /=>\s*\.{0,2}\//.test(read('go.mod') ?? '') ? 'go.mod replaces a module with a directory in the sources' : null;
      });
    case 'maven':
      return plainPlan(rel, ctx, ['pom.xml'], [], (read) => (/<modules>/.test(read('pom.xml') ?? '') ? 'pom.xml has modules, whose POMs live in the sources' : null));
    case 'bundler':
      return plainPlan(rel, ctx, ['Gemfile'], ['Gemfile.lock'], (read) => {
        const gemfile = read('Gemfile') ?? '';
        if (/^\s*gemspec\b/m.test(gemfile)) return 'the Gemfile installs the gem itself (`gemspec`), which needs its sources';
        if (/(\bpath:|:path\s*=>|\beval_gemfile\b|\bfile:)/.test(gemfile)) return 'the Gemfile reads a path in the sources';
        return null;
      });
    case 'composer':
      return composerPlan(install, rel, ctx);
    case 'dotnet':
      return dotnetPlan(install, rel, ctx);
    default:
      return { reason: `${install.label} needs the sources` };
  }
}
