import { posix } from 'node:path';
import type { TextEdit } from '../../engine';
import { type BuildState, substitute } from '../../model';
import { officialName } from '../../model/toolchains';
import type { InstructionNode } from '../../parse';
import { DISTROLESS, debianSlim } from '../bases';
import {
  ALPINE_RUNTIME_PACKAGES,
  BUILD_ONLY_PACKAGE,
  DEBIAN_RUNTIME_PACKAGES,
  PYTHON_RUNTIME_LIBRARIES,
  RUNTIME_TOOL_PACKAGE,
} from '../runtimePackages';
import type { Artifact, Recipe, RecipeInput, RecipeResult } from '../types';
import { lineOf, type StageCommand, stageCommands, startCommand } from './support';

/** Where the recipe puts the virtualenv it creates. */
const VENV = '/opt/venv';
/** Debian 12's python3 minor: the only one distroless/python3-debian12 runs. */
const DISTROLESS_PYTHON_MINOR = '3.11';
const DISTROLESS_PYTHON = '/usr/bin/python3.11';

type Declined = { readonly declined: string };
const decline = (declined: string): Declined => ({ declined });
const isDeclined = (x: object): x is Declined => 'declined' in x;

// ---------------------------------------------------------------------------------------------------------------
// The builder's Python: an official python image, or Debian's python3 from apt.

interface OfficialPython {
  readonly kind: 'official';
  /** The image name as written, before the tag (`python`, `docker.io/library/python`). */
  readonly repository: string;
  /** The version part of the tag as written (`3.12`, `${PYTHON_VERSION}`), '' when the tag has none. */
  readonly version: string;
  /** That version resolved (`3.12`), null when the tag has none. */
  readonly resolvedVersion: string | null;
  readonly slim: boolean;
  readonly alpine: boolean;
  readonly codename: string | null;
  readonly digest: boolean;
}

interface DebianPython {
  readonly kind: 'debian';
  readonly codename: string;
}

type BuilderPython = OfficialPython | DebianPython;

const CODENAMES = /^(bookworm|bullseye|trixie|buster|stretch)$/;

/** Offsets outside `${…}`: the image word split into name, tag and digest as BuildKit reads it after expansion. */
function splitImage(written: string): { name: string; tag: string | null; digest: string | null } {
  let depth = 0;
  let at = -1;
  let colon = -1;
  let slash = -1;
  for (let i = 0; i < written.length; i++) {
    const c = written[i];
    if (c === '$' && written[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (depth === 0 && at === -1) {
      if (c === '@') at = i;
      else if (c === '/') slash = i;
      else if (c === ':') colon = i;
    }
  }
  const end = at === -1 ? written.length : at;
  const digest = at === -1 ? null : written.slice(at + 1);
  if (colon > slash && colon < end) return { name: written.slice(0, colon), tag: written.slice(colon + 1, end), digest };
  return { name: written.slice(0, end), tag: null, digest };
}

/** A tag's version part (up to the first `-` outside `${…}`) and the rest. */
function splitTag(tag: string): { version: string; rest: string } {
  let depth = 0;
  for (let i = 0; i < tag.length; i++) {
    const c = tag[i];
    if (c === '$' && tag[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === '-' && depth === 0) return { version: tag.slice(0, i), rest: tag.slice(i + 1) };
  }
  return { version: tag, rest: '' };
}

function officialPython(input: RecipeInput): OfficialPython | Declined {
  const { base } = input.stage;
  const written = splitImage(base.written);
  const resolved = base.ref.tag ?? 'latest';
  const looksVersion = (v: string): boolean => /^\d/.test(v) || v.includes('$');
  let { version, rest } = splitTag(written.tag ?? 'latest');
  let resolvedParts = splitTag(resolved);
  if (!looksVersion(version)) [version, rest] = ['', written.tag === null || written.tag === 'latest' ? '' : written.tag];
  if (!/^\d/.test(resolvedParts.version)) resolvedParts = { version: '', rest: resolved === 'latest' ? '' : resolved };
  if (rest.includes('$') || rest !== resolvedParts.rest) {
    return decline(`the python image's tag variant comes from an ARG (${base.written}): the matching -slim image is not known`);
  }
  const resolvedVersion = resolvedParts.version || null;
  if (resolvedVersion?.startsWith('2')) return decline(`Python ${resolvedVersion} has no venv module`);
  const tokens = rest === '' ? [] : rest.split('-');
  let slim = false;
  let alpine = false;
  let codename: string | null = null;
  for (const token of tokens) {
    if (token === 'slim') slim = true;
    else if (/^alpine[\d.]*$/.test(token)) alpine = true;
    else if (CODENAMES.test(token)) codename = token;
    else return decline(`unknown python image variant \`${token}\` in ${base.written}`);
  }
  return { kind: 'official', repository: written.name, version, resolvedVersion, slim, alpine, codename, digest: written.digest !== null };
}

function builderPython(input: RecipeInput, packages: readonly OsPackage[]): BuilderPython | Declined {
  const name = officialName(input.stage.base.ref);
  if (name === 'python') return officialPython(input);
  const fromApt = packages.some((p) => /^(python3([.\d]*)?(-minimal|-pip|-dev|-venv)?|python-is-python3)$/.test(p.name));
  if (name === 'debian' && input.family.codename && fromApt) return { kind: 'debian', codename: input.family.codename };
  if (name === 'debian' && fromApt) return decline(`the Debian release of ${input.stage.base.written} is not named by its tag`);
  if (input.family.distro === 'alpine' && packages.some((p) => /^python3/.test(p.name))) {
    return decline('Python from apk on an alpine base: only python:<version>-alpine images are handled');
  }
  return decline(`the base image ${input.stage.base.ref.text} is neither a python image nor a Debian image with python3 from apt`);
}

// ---------------------------------------------------------------------------------------------------------------
// OS packages the stage installs.

/** Headers and link symlinks: `libpq-dev`, `openssl-devel`, `postgresql-server-dev-15`. */
const DEV_PACKAGE = /-dev(el)?(-\d[\w.]*|-all)?$/;

interface OsPackage {
  readonly name: string;
  readonly line: number;
  readonly manager: 'apt' | 'apk';
  /** Position among the stage's commands, to tell whether a removal comes after. */
  readonly order: number;
}

const APT_VALUE_OPTIONS = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']);
const APK_VALUE_OPTIONS = new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']);

function expand(value: string, state: BuildState): string | null {
  const sub = substitute(value, (n) => state.env.get(n) ?? (state.args.has(n) ? state.args.get(n) : undefined));
  return sub.unresolved.length > 0 ? null : sub.value;
}

/** Packages installed (apt-get/apt install, apk add) and still there at the end of the stage. */
function osPackages(input: RecipeInput, commands: readonly StageCommand[]): OsPackage[] | Declined {
  const installed: OsPackage[] = [];
  const removed: Array<{ names: Set<string>; order: number }> = [];
  const virtuals = new Map<string, string[]>();
  for (const [order, c] of commands.entries()) {
    const apt = /^(apt-get|apt|aptitude)$/.test(c.use.name);
    const apk = c.use.name === 'apk';
    if (!apt && !apk) continue;
    const valueOptions = apt ? APT_VALUE_OPTIONS : APK_VALUE_OPTIONS;
    let sub: string | null = null;
    let virtual: string | null = null;
    const words: string[] = [];
    const args = c.use.args;
    for (let i = 0; i < args.length; i++) {
      const value = args[i]!.value;
      if (value.startsWith('-')) {
        if (apk && (value === '--virtual' || value === '-t')) virtual = args[i + 1]?.value ?? null;
        if (valueOptions.has(value)) i++;
        continue;
      }
      if (sub === null) sub = value;
      else words.push(value);
    }
    const install = apt ? sub === 'install' : sub === 'add';
    const remove = apt ? /^(remove|purge|autoremove)$/.test(sub ?? '') : sub === 'del';
    if (!install && !remove) continue;
    const state = input.stateBefore(c.run);
    const names: string[] = [];
    for (const word of words) {
      const value = expand(word, state);
      if (value === null || /[`$]/.test(value)) return decline(`the packages installed at line ${lineOf(c.run)} are not known from the file (\`${word}\`)`);
      names.push(...value.split(/\s+/).filter(Boolean).map((n) => n.toLowerCase().replace(/[=<>~].*$/, '').replace(/[/:].*$/, '')));
    }
    if (install) {
      for (const name of names) installed.push({ name, line: lineOf(c.run), manager: apt ? 'apt' : 'apk', order });
      if (virtual) virtuals.set(virtual, names);
    } else {
      removed.push({ names: new Set(names.flatMap((n) => virtuals.get(n) ?? [n])), order });
    }
  }
  // Removing a -dev package leaves the runtime library it pulled in: the extension still needs that.
  return installed.filter((p) => DEV_PACKAGE.test(p.name) || !removed.some((r) => r.order > p.order && r.names.has(p.name)));
}

// ---------------------------------------------------------------------------------------------------------------
// pip installs and where they put packages.

interface PythonInstall {
  readonly command: StageCommand;
  readonly label: string;
  /** Words after `install` (or after `setup.py install|develop`). */
  readonly args: readonly string[];
  readonly editable: readonly string[];
  readonly develop: boolean;
}

const OTHER_INSTALLERS: Readonly<Record<string, RegExp>> = {
  poetry: /^(install|add|update|sync)$/,
  pipenv: /^(install|sync|update)$/,
  uv: /^(pip|sync|add|tool)$/,
  pdm: /^(install|add|sync|update)$/,
  conda: /^(install|create|update|env)$/,
  mamba: /^(install|create|update|env)$/,
  micromamba: /^(install|create|update|env)$/,
  pipx: /^install$/,
  easy_install: /./,
};

/** `pip install …`, `python -m pip install …`, `python setup.py install|develop`. */
function pythonInstall(c: StageCommand): PythonInstall | null {
  const argv = c.use.argv.map((w) => w.value);
  const name = c.use.name;
  let rest: string[] | null = null;
  let label = '';
  let develop = false;
  if (/^pip[\d.]*$/.test(name)) {
    const i = argv.findIndex((a, k) => k > 0 && !a.startsWith('-'));
    if (i !== -1 && argv[i] === 'install') [rest, label] = [argv.slice(i + 1), `${name} install`];
  } else if (/^python[\d.]*$/.test(name)) {
    const m = argv.indexOf('-m');
    if (m !== -1 && /^pip[\d.]*$/.test(argv[m + 1] ?? '')) {
      const i = argv.findIndex((a, k) => k > m + 1 && !a.startsWith('-'));
      if (i !== -1 && argv[i] === 'install') [rest, label] = [argv.slice(i + 1), `${name} -m pip install`];
    } else {
      const positional = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (/(^|\/)setup\.py$/.test(positional[0] ?? '') && /^(install|develop)$/.test(positional[1] ?? '')) {
        develop = positional[1] === 'develop';
        rest = argv.slice(argv.indexOf(positional[1]!) + 1);
        label = `${name} setup.py ${positional[1]}`;
      }
    }
  }
  if (rest === null) return null;
  const editable: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-e' || a === '--editable') editable.push(rest[++i] ?? '');
    else if (a.startsWith('--editable=')) editable.push(a.slice('--editable='.length));
    else if (/^-e[^-]/.test(a)) editable.push(a.slice(2));
  }
  return { command: c, label, args: rest, editable, develop };
}

/** Where an install puts packages other than the environment's site-packages, if it says so (or pip's ENV does). */
function redirected(install: PythonInstall, state: BuildState): string | null {
  for (const name of ['PIP_USER', 'PIP_TARGET', 'PIP_PREFIX', 'PIP_ROOT']) {
    const value = state.env.get(name);
    if (value && !/^(0|false|no|off)$/i.test(value)) return `with ENV ${name}=${value}`;
  }
  for (const a of install.args) {
    if (a === '--user') return '--user';
    const m = /^(--target|--prefix|--root|--home|--install-lib|--install-scripts|-t)(=|$)/.exec(a) ?? (/^-t./.test(a) ? [a, '-t'] : null);
    if (m) return m[1]!;
  }
  return null;
}

const within = (path: string, dir: string): boolean => dir === '/' || path === dir || path.startsWith(`${dir}/`);
const norm = (path: string): string => {
  const n = posix.normalize(path);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
};

/** Virtualenvs the stage creates (`python -m venv DIR`, `virtualenv DIR`), by directory. */
function venvsCreated(commands: readonly StageCommand[]): Map<string, number> {
  const venvs = new Map<string, number>();
  for (const [order, c] of commands.entries()) {
    const argv = c.use.argv.map((w) => w.value);
    let dir: string | undefined;
    if (/^python[\d.]*$/.test(c.use.name)) {
      const m = argv.indexOf('-m');
      if (m !== -1 && argv[m + 1] === 'venv') dir = argv.slice(m + 2).filter((a) => !a.startsWith('-')).pop();
    } else if (c.use.name === 'virtualenv') dir = argv.slice(1).filter((a) => !a.startsWith('-')).pop();
    if (dir && c.cwd && !dir.includes('$')) venvs.set(norm(posix.resolve(c.cwd, dir)), order);
  }
  return venvs;
}

/** The virtualenv an install runs in (by path, activation in the same RUN, or PATH), or 'system'. */
function installTarget(input: RecipeInput, install: PythonInstall, commands: readonly StageCommand[], venvs: ReadonlyMap<string, number>): string {
  const program = install.command.use.argv[0]!.value;
  if (program.includes('/')) {
    const dir = norm(posix.dirname(posix.dirname(install.command.cwd ? posix.resolve(install.command.cwd, program) : program)));
    return venvs.has(dir) ? dir : 'system';
  }
  const index = commands.indexOf(install.command);
  for (let i = index - 1; i >= 0 && commands[i]!.run === install.command.run; i--) {
    const c = commands[i]!;
    if ((c.use.name === '.' || c.use.name === 'source') && c.use.args[0]) {
      const dir = norm(posix.dirname(posix.dirname(posix.resolve(c.cwd ?? '/', c.use.args[0].value))));
      if (venvs.has(dir)) return dir;
    }
  }
  const path = (input.stateBefore(install.command.run).env.get('PATH') ?? '').split(':');
  for (const entry of path) {
    if (/^\/usr\/(local\/)?s?bin$|^\/s?bin$/.test(entry)) return 'system';
    const dir = norm(posix.dirname(entry || '/'));
    if (entry.endsWith('/bin') && venvs.has(dir)) return dir;
  }
  return 'system';
}

// ---------------------------------------------------------------------------------------------------------------
// The app: files COPY/ADD put into the image, and the users it runs as.

const MANIFEST = /^(requirements[^/]*\.(txt|in)|constraints[^/]*\.txt|Pipfile(\.lock)?|pyproject\.toml|poetry\.lock|setup\.(py|cfg))$/;
const SYSTEM_DIRS = /^\/(usr(\/local)?(\/(bin|sbin|lib|lib64|share|include))?|bin|sbin|lib|lib64|etc|var|opt|root|home|tmp|srv|mnt)?$/;

/** Files copied into the image outside the app directory, as artifacts to take from the builder. */
function copiedFiles(input: RecipeInput, appDir: string | null, covered: readonly string[]): Artifact[] | Declined {
  const out: Artifact[] = [];
  const add = (path: string): void => {
    if (!out.some((a) => a.from === path) && !covered.some((c) => within(path, c)) && !(appDir && within(path, appDir))) out.push({ from: path, to: path });
  };
  for (const inst of input.stage.instructions) {
    if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
    const state = input.stateBefore(inst);
    const words = inst.execForm ?? inst.words.map((w) => w.value);
    if (words.length < 2 && inst.heredocs.length === 0) continue;
    const destWord = words[words.length - 1]!;
    const dest = expand(destWord, state);
    if (dest === null) return decline(`the destination of ${inst.keyword} at line ${lineOf(inst)} comes from a variable without a value`);
    const sources = words.slice(0, -1).filter((s) => !s.startsWith('<<'));
    const target = norm(posix.resolve(state.workdir, dest));
    if (appDir && within(target, appDir)) continue;
    if (covered.some((c) => within(target, c))) continue;
    if (sources.length > 0 && sources.every((s) => MANIFEST.test(posix.basename(s)))) continue;
    const toDirectory = dest.endsWith('/') || dest === '.' || sources.length > 1 || sources.some((s) => /[*?[]/.test(s));
    if (!toDirectory) {
      if (SYSTEM_DIRS.test(target)) return decline(`${inst.keyword} at line ${lineOf(inst)} copies into ${target}, a system directory`);
      add(target);
      continue;
    }
    for (const source of sources) {
      if (MANIFEST.test(posix.basename(source))) continue;
      const stat = input.buildContext?.stat(source.replace(/^\.\//, '')) ?? null;
      const isFile = stat ? !stat.isDirectory : /\.[A-Za-z0-9]+$/.test(posix.basename(source)) && !/[*?[]/.test(source);
      if (isFile) add(posix.join(target, posix.basename(source)));
      else if (SYSTEM_DIRS.test(target)) {
        return decline(`${inst.keyword} at line ${lineOf(inst)} copies ${source} into ${target}: which files land there is not known`);
      } else add(target);
    }
  }
  return out;
}

/** Build-time scratch places and package-manager state: what RUNs write there never matters at run time. */
const SCRATCH = /^\/(tmp|var\/tmp|var\/lib\/apt|var\/lib\/dpkg|var\/cache|var\/log|etc\/apt|root\/\.cache|dev|proc|sys|run)(\/|$)/;

/**
 * Paths RUNs create or change outside the directories the final stage already takes (`mkdir /data`, `ln -s`,
 * `sed -i /etc/…`, `git clone … /opt/x`, `> /etc/x.conf`), unless a later `rm` removes them: the final stage copies
 * them from the builder (COPY --from keeps owner and mode). File capabilities (setcap) are not carried by COPY.
 */
function writtenPaths(input: RecipeInput, commands: readonly StageCommand[], covered: readonly string[]): Artifact[] | Declined {
  const written: Array<{ path: string; order: number }> = [];
  const removed: Array<{ path: string; order: number }> = [];
  for (const [order, c] of commands.entries()) {
    if (!c.cwd) continue;
    const state = input.stateBefore(c.run);
    const resolve = (word: string): string | null => {
      const value = expand(word, state);
      return value === null || value === '' || /[$*?[~`]/.test(value) ? null : norm(posix.resolve(c.cwd!, value));
    };
    const args = c.use.args.map((w) => w.value);
    const operands = args.filter((a) => !a.startsWith('-'));
    const targets: Array<string | undefined> = [];
    switch (c.use.name) {
      case 'mkdir':
      case 'touch':
      case 'tee':
        targets.push(...operands);
        break;
      case 'ln':
      case 'cp':
      case 'mv':
      case 'install': {
        if (operands.length < 2) break;
        const dest = operands[operands.length - 1]!;
        const resolved = resolve(dest);
        // Into a directory the base image has: only the entries it names.
        if (resolved && (dest.endsWith('/') || SYSTEM_DIRS.test(resolved))) targets.push(...operands.slice(0, -1).map((src) => posix.join(resolved, posix.basename(src))));
        else targets.push(dest);
        break;
      }
      case 'sed':
        if (args.some((a) => /^(-i|--in-place)/.test(a) || /^-[a-z]*i/.test(a))) targets.push(...operands.filter((o) => o.startsWith('/')));
        break;
      case 'chown':
      case 'chmod':
        targets.push(...operands.slice(1));
        break;
      case 'git':
        if (operands[0] === 'clone' && operands.length >= 3) targets.push(operands[2]);
        break;
      case 'setcap': {
        const file = resolve(operands[operands.length - 1] ?? '');
        if (file && !covered.some((d) => within(file, d))) return decline(`setcap at line ${lineOf(c.run)} gives ${file} file capabilities, which COPY --from does not carry`);
        break;
      }
      case 'rm':
        for (const o of operands) {
          const path = resolve(o);
          if (path) removed.push({ path, order });
        }
        break;
      default:
        break;
    }
    for (const r of c.use.command.redirects) if (/^(\d*|&)>>?$/.test(r.op) && r.target) targets.push(r.target.value);
    for (const t of targets) {
      const path = t === undefined ? null : resolve(t);
      if (path && path !== '/' && !SCRATCH.test(path) && !SYSTEM_DIRS.test(path)) written.push({ path, order });
    }
  }
  const kept = written
    .filter((w) => !covered.some((d) => within(w.path, d)))
    .filter((w) => !removed.some((r) => r.order >= w.order && within(w.path, r.path)))
    .map((w) => w.path);
  const minimal = [...new Set(kept)].filter((p, _, all) => !all.some((q) => q !== p && within(p, q)));
  return minimal.sort().map((p) => ({ from: p, to: p }));
}

const USER_COMMANDS = /^(useradd|adduser|groupadd|addgroup)$/;

/** The commands that create the image's named USER, to run again in the final stage. */
function userCommands(input: RecipeInput, commands: readonly StageCommand[]): string[] | Declined {
  const user = (input.stage.finalState.user ?? '').split(':')[0]!;
  if (user === '' || user === 'root' || /^\d+$/.test(user)) return [];
  const creating = commands.filter((c) => USER_COMMANDS.test(c.use.name));
  if (creating.length === 0) return [];
  const out: string[] = [];
  for (const c of creating) {
    if (c.use.execForm || c.use.command.enclosing.length > 0 || c.use.command.redirects.length > 0) {
      return decline(`the command creating users at line ${lineOf(c.run)} cannot be repeated in the final stage as written`);
    }
    const state = input.stateBefore(c.run);
    const words = [...c.use.command.assignments, ...c.use.command.argv];
    for (const word of words) {
      for (const m of word.raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        if (!input.stage.finalState.env.has(m[1]!) || state.env.get(m[1]!) !== input.stage.finalState.env.get(m[1]!)) {
          return decline(`the command creating users at line ${lineOf(c.run)} uses $${m[1]}, which the final stage does not set`);
        }
      }
    }
    out.push(words.map((w) => w.raw).join(' '));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime packages for the final stage.

function runtimePackages(
  packages: readonly OsPackage[],
  python: BuilderPython,
  runtimeText: string,
): { packages: string[]; libraries: string[] } | Declined {
  const out = new Set<string>();
  const libraries = new Set<string>();
  const usesTool = (tool: string): boolean => new RegExp(`(^|[\\s"'/\\[,])${tool}([\\s"',\\]]|$)`).test(runtimeText);
  for (const p of packages) {
    const table = p.manager === 'apk' ? ALPINE_RUNTIME_PACKAGES : DEBIAN_RUNTIME_PACKAGES;
    if (BUILD_ONLY_PACKAGE.test(p.name)) {
      const tool = RUNTIME_TOOL_PACKAGE[p.name];
      if (tool && usesTool(tool)) out.add(p.name);
      continue;
    }
    if (DEV_PACKAGE.test(p.name)) {
      if (!(p.name in table)) return decline(`no known runtime package for ${p.name} (installed at line ${p.line})`);
      const runtime = table[p.name];
      if (!runtime) return decline(`${p.name} (installed at line ${p.line}) needs too many runtime libraries to name`);
      for (const r of runtime) if (!PYTHON_RUNTIME_LIBRARIES.has(r)) libraries.add(r);
      continue;
    }
    if (p.name === 'ca-certificates' && python.kind === 'official') continue;
    // Debian's python3 in an official python image is not the Python that runs the app.
    if (python.kind === 'official' && /^(python3?([.\d]*)?(-.*)?|python-is-python3)$/.test(p.name)) continue;
    if (python.kind === 'debian' && /^(python3([.\d]*)?(-minimal)?)$/.test(p.name)) continue;
    out.add(p.name);
  }
  // The full python images (buildpack-deps) have curl, wget and git; -slim and -alpine do not.
  if (python.kind === 'official' && !python.slim && !python.alpine) {
    for (const [tool, pkg] of Object.entries(RUNTIME_TOOL_PACKAGE)) if (usesTool(tool)) out.add(pkg);
  }
  if (python.kind === 'official' && python.alpine) out.delete('wget'); // busybox has wget
  return { packages: [...libraries, ...[...out].filter((p) => !libraries.has(p))], libraries: [...libraries] };
}

// ---------------------------------------------------------------------------------------------------------------

/** Text of the instructions that run at start-up or as a health check, to see which programs they name. */
function runtimeText(input: RecipeInput): string {
  return input.stage.instructions
    .filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || i.keyword === 'HEALTHCHECK')
    .map((i) => i.argsText.text)
    .join('\n');
}

/** Insert text before an instruction, above the comment lines directly on top of it. */
function insertBefore(input: RecipeInput, run: InstructionNode, text: string): TextEdit {
  const source = input.ast.source;
  let line = run.range.start.line;
  const from = input.model.stageOf(run)?.from ?? input.stage.from;
  while (line - 1 > from.range.end.line) {
    const start = source.lineStarts[line - 1]!;
    const end = source.lineStarts[line] ?? source.text.length;
    if (!source.text.slice(start, end).trim().startsWith('#')) break;
    line--;
  }
  const at = source.lineStarts[line]!;
  return { start: at, end: at, text };
}

type Mode = 'existing-venv' | 'new-venv' | 'usr-local';

/** Where the packages are: the virtualenv the installs use, a new one, or /usr/local (Debian's python3). */
interface Placement {
  readonly mode: Mode;
  /** The virtualenv, or /usr/local. */
  readonly dir: string;
}

function placement(input: RecipeInput, python: BuilderPython, installs: readonly PythonInstall[], commands: readonly StageCommand[]): Placement | Declined {
  const venvs = venvsCreated(commands);
  const targets = installs.map((i) => installTarget(input, i, commands, venvs));
  const venv = targets.find((t) => t !== 'system');
  if (venv === undefined) return python.kind === 'official' ? { mode: 'new-venv', dir: VENV } : { mode: 'usr-local', dir: '/usr/local' };
  // `pip install --upgrade pip` before the virtualenv exists is tooling the app never imports.
  const created = venvs.get(venv)!;
  const TOOLING = /^(-.*|pip|setuptools|wheel|virtualenv)([<>=~!].*)?$/;
  for (const [k, install] of installs.entries()) {
    if (targets[k] === venv) continue;
    if (targets[k] === 'system' && commands.indexOf(install.command) < created && install.args.every((a) => TOOLING.test(a))) continue;
    return decline(`\`${install.label}\` at line ${lineOf(install.command.run)} installs outside the virtualenv ${venv}`);
  }
  return { mode: 'existing-venv', dir: venv };
}

/** The builder edits that create the virtualenv before the first install and put it on PATH. */
function createVenv(input: RecipeInput, first: PythonInstall, appDir: string | null, files: readonly Artifact[]): TextEdit | Declined {
  const run = first.command.run;
  const user = input.stateBefore(run).user;
  if (user !== null && !/^(root|0)(:.*)?$/.test(user)) return decline(`\`${first.label}\` at line ${lineOf(run)} runs as USER ${user}, which cannot create ${VENV}`);
  if (appDir && (within(appDir, VENV) || within(VENV, appDir))) return decline(`the app directory ${appDir} overlaps the virtualenv ${VENV}`);
  for (const inst of input.stage.instructions) {
    if (inst.keyword !== 'ENV' || inst.range.start.offset < run.range.start.offset) continue;
    if (/(^|\s)PATH=/.test(inst.argsText.text) && !/\$\{?PATH\b/.test(inst.argsText.text)) {
      return decline(`ENV at line ${lineOf(inst)} sets PATH without keeping it: the virtualenv would fall off PATH`);
    }
  }
  // Programs the Dockerfile copied to /usr/local/bin come along; those pip put there now live in the virtualenv.
  const absolute = [...runtimeText(input).matchAll(/(?:^|[\s"'[,])(\/usr\/local\/bin\/[^\s"',\]]+)/g)].map((m) => m[1]!).find((p) => !files.some((f) => f.from === p));
  if (absolute) return decline(`the start command or HEALTHCHECK runs ${absolute} by absolute path; in a virtualenv the packages' programs are in ${VENV}/bin`);
  const eol = input.ast.source.text.includes('\r\n') ? '\r\n' : '\n';
  const lower = input.stage.from.keywordText === input.stage.from.keywordText.toLowerCase();
  const kw = (keyword: string): string => (lower ? keyword.toLowerCase() : keyword);
  return insertBefore(input, run, `${kw('RUN')} python -m venv ${VENV}${eol}${kw('ENV')} PATH=${VENV}/bin:$PATH${eol}`);
}

/**
 * Python: pip installs that compile native extensions. The packages land in one directory the final stage copies:
 * a virtualenv created before the first install (official python images; one the stage already uses is kept), or
 * /usr/local where Debian's python3 puts pip's packages. The final base is the builder's Python without the
 * compilers: python:<version>-slim (or the builder itself when already -slim/-alpine), debian:<release>-slim with
 * python3, or distroless/python3 when asked for and the builder's Python is Debian 12's 3.11. The -dev packages
 * get their runtime libraries installed in the final stage; the app directory (WORKDIR) and files copied
 * elsewhere come along.
 */
export const pythonRecipe: Recipe = (input) => {
  const start = startCommand(input);
  if (!start) return decline('the image has no CMD or ENTRYPOINT');
  const commands = stageCommands(input);
  for (const c of commands) {
    const sub = c.use.args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    if (OTHER_INSTALLERS[c.use.name]?.test(sub)) {
      const label = c.use.name === 'easy_install' ? c.use.name : `${c.use.name} ${sub}`;
      return decline(`packages installed by \`${label}\` at line ${lineOf(c.run)}: only pip installs are handled`);
    }
  }
  const packages = osPackages(input, commands);
  if (isDeclined(packages)) return packages;
  const python = builderPython(input, packages);
  if (isDeclined(python)) return python;

  const installs = commands.map(pythonInstall).filter((i): i is PythonInstall => i !== null);
  if (installs.length === 0) return decline('no pip install in the stage');
  const workdir = norm(input.stage.finalState.workdir);
  const appDir = workdir === '/' ? null : workdir;
  for (const install of installs) {
    const line = lineOf(install.command.run);
    if (install.command.use.wrappers.includes('sudo')) return decline(`\`${install.label}\` at line ${line} runs through sudo, which resets PATH`);
    const option = redirected(install, input.stateBefore(install.command.run));
    if (option?.startsWith('with ')) return decline(`\`${install.label}\` at line ${line} runs ${option}, which puts packages outside the Python environment`);
    if (option) return decline(`\`${install.label} ${option}\` at line ${line} puts packages outside the Python environment`);
    for (const path of [...install.editable, ...(install.develop ? ['.'] : [])]) {
      if (/^[a-z+]+:\/\//.test(path) || path.startsWith('git+')) continue;
      const dir = install.command.cwd ? norm(posix.resolve(install.command.cwd, path)) : null;
      if (!dir || !appDir || !within(dir, appDir)) return decline(`the editable install at line ${line} links to ${path}, outside the app directory (WORKDIR)`);
    }
  }

  const place = placement(input, python, installs, commands);
  if (isDeclined(place)) return place;
  const notes: string[] = [];
  const builderEdits: TextEdit[] = [];
  const finalEnv: string[] = [];
  // A virtualenv inside the app directory comes along with it.
  const packagesDir = appDir && within(place.dir, appDir) ? appDir : place.dir;
  const copied = copiedFiles(input, appDir, [packagesDir]);
  if (isDeclined(copied)) return copied;
  const changed = writtenPaths(input, commands, [packagesDir, ...(appDir ? [appDir] : []), ...copied.map((f) => f.from)]);
  if (isDeclined(changed)) return changed;
  const files = [...copied, ...changed];
  if (place.mode === 'new-venv') {
    const edit = createVenv(input, installs[0]!, appDir, files);
    if (isDeclined(edit)) return edit;
    builderEdits.push(edit);
    finalEnv.push(`PATH=${VENV}/bin:$PATH`);
    notes.push(`virtualenv ${VENV} created before the first pip install (line ${lineOf(installs[0]!.command.run)}) and put first on PATH`);
  }
  const users = userCommands(input, commands);
  if (isDeclined(users)) return users;
  const runtime = runtimePackages(packages, python, runtimeText(input));
  if (isDeclined(runtime)) return runtime;

  const artifacts: Artifact[] = [{ from: packagesDir, to: packagesDir }];
  if (appDir && packagesDir !== appDir) artifacts.push({ from: appDir, to: appDir });
  artifacts.push(...files);
  if (runtime.libraries.length > 0) notes.push(`runtime libraries for the -dev packages installed in the final stage: ${runtime.libraries.join(', ')}`);
  if (users.length > 0) notes.push(`USER ${input.stage.finalState.user} created again in the final stage`);

  const alternatives = [
    `${DISTROLESS.python3}: no shell or package manager; only with optimize.finalBase: distroless, for Python ${DISTROLESS_PYTHON_MINOR} built on Debian 12 with no runtime packages to add`,
  ];
  const common = { ecosystem: 'Python', builderEdits, builderAppend: [], notes, alternatives, usersCreated: users.length > 0 };
  const choice = input.finalBase;
  if (choice === 'scratch') return decline('optimize.finalBase scratch cannot run Python (it needs the interpreter and its standard library)');
  if (choice === 'distroless') return distroless(input, python, place, runtime.packages, appDir, files, common);

  const setup = (manager: 'apt' | 'apk', extra: readonly string[]): string[][] => {
    const pkgs = [...extra, ...runtime.packages];
    const install =
      pkgs.length === 0
        ? []
        : manager === 'apt'
          ? ['apt-get update', `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`, 'rm -rf /var/lib/apt/lists/*']
          : [`apk add --no-cache ${pkgs.join(' ')}`];
    const all = [...install, ...users];
    return all.length > 0 ? [all] : [];
  };

  if (python.kind === 'debian') {
    if (choice === 'alpine') return decline('the packages were built against glibc; they do not run on alpine (musl)');
    const slim = choice === 'keep' ? input.stage.base.written : debianSlim(input.family)!;
    return {
      ...common,
      finalEnv,
      finalBase: slim,
      baseReason: choice === 'keep' ? 'optimize.finalBase is keep' : `Debian ${python.codename}'s python3 and the runtime libraries, without compilers and headers`,
      artifacts,
      finalSetup: setup('apt', ['python3']),
      shellless: false,
    };
  }

  if (choice === 'alpine' && !python.alpine) return decline('the extensions were built against glibc; they do not run on alpine (musl)');
  let finalBase: string;
  let baseReason: string;
  if (choice === 'keep' || python.slim || python.alpine) {
    finalBase = input.stage.base.written;
    baseReason = choice === 'keep' ? 'optimize.finalBase is keep' : "the builder's own image, without the compilers and headers installed for the build";
  } else {
    const tag = [python.version, 'slim', python.codename].filter(Boolean).join('-');
    finalBase = `${python.repository}:${tag}`;
    baseReason = `the same Python ${python.resolvedVersion ?? '(latest)'} without the build tools and -dev libraries of the full image`;
    notes.push(
      `${input.stage.base.written} has buildpack-deps' -dev libraries preinstalled: an extension linking one the Dockerfile does not install needs its runtime package added to the final stage`,
    );
    if (python.digest) notes.push(`${finalBase} is not pinned by digest as the builder was`);
  }
  return { ...common, finalEnv, finalBase, baseReason, artifacts, finalSetup: setup(python.alpine ? 'apk' : 'apt', []), shellless: false };
};

/**
 * distroless/python3-debian12: Debian 12's python3.11 and nothing else (no shell, no apt). A virtualenv's
 * site-packages go to /usr/local/lib/python3.11/dist-packages, which Debian's python3 has on sys.path (Debian's
 * python3 already put pip's packages under /usr/local), and the start command becomes python's arguments: a console
 * script runs as `python3.11 <script>`, so its shebang does not matter.
 */
function distroless(
  input: RecipeInput,
  python: BuilderPython,
  place: Placement,
  packages: readonly string[],
  appDir: string | null,
  files: readonly Artifact[],
  common: Pick<RecipeResult, 'ecosystem' | 'builderEdits' | 'builderAppend' | 'notes'>,
): RecipeResult | Declined {
  const minor = python.kind === 'debian' ? (python.codename === 'bookworm' ? DISTROLESS_PYTHON_MINOR : null) : (/^(\d+\.\d+)/.exec(python.resolvedVersion ?? '')?.[1] ?? null);
  if (minor !== DISTROLESS_PYTHON_MINOR) {
    return decline(`distroless/python3-debian12 runs Python ${DISTROLESS_PYTHON_MINOR}, not the builder's Python ${minor ?? '(version not known from the tag)'}`);
  }
  if (python.kind === 'official') {
    if (python.version.includes('$')) return decline(`distroless/python3-debian12 runs Python ${DISTROLESS_PYTHON_MINOR} only, and the builder's version comes from an ARG`);
    if (python.alpine) return decline('packages built on alpine (musl) do not run on distroless (glibc)');
    if (python.codename !== 'bookworm') {
      return decline('distroless/python3-debian12 needs extensions built on Debian 12: name the release in the builder\'s tag (python:3.11-slim-bookworm)');
    }
  }
  if (packages.length > 0) return decline(`distroless has no package manager to install ${packages.join(', ')}`);
  if (input.needsShell) return decline('the image needs a shell at run time, which distroless lacks');
  if (input.entrypoint && input.cmd && input.cmd.argv === null) return decline('the CMD after the ENTRYPOINT needs a shell, which distroless lacks');
  if (appDir && place.mode === 'existing-venv' && within(place.dir, appDir)) return decline(`the virtualenv ${place.dir} is inside the app directory; distroless cannot run its interpreter`);
  const start = startCommand(input)!;
  const argv = start.argv!;
  const program = argv[0]!;
  const bin = `${place.dir}/bin`;
  let args: string[];
  if (/^(.*\/)?python[\d.]*$/.test(program)) args = argv.slice(1);
  else if (/\.py$/.test(program)) args = [...argv];
  else if (!program.includes('/')) args = [`${bin}/${program}`, ...argv.slice(1)];
  else if (program.startsWith(`${bin}/`)) args = [...argv];
  else return decline(`${start.keyword} runs ${program}, which distroless can only start as a Python script`);
  const site = `/usr/local/lib/python${DISTROLESS_PYTHON_MINOR}/dist-packages`;
  const artifacts: Artifact[] =
    place.mode === 'usr-local'
      ? [{ from: '/usr/local', to: '/usr/local' }]
      : [
          { from: `${place.dir}/lib/python${DISTROLESS_PYTHON_MINOR}/site-packages`, to: site },
          // The console script the command runs (its shebang names the builder's interpreter: python3.11 runs it instead).
          ...(args[0]?.startsWith(`${bin}/`) ? [{ from: args[0], to: args[0] }] : []),
        ];
  if (appDir) artifacts.push({ from: appDir, to: appDir });
  artifacts.push(...files);
  const entry = start.keyword === 'ENTRYPOINT' ? { entrypoint: [DISTROLESS_PYTHON, ...args] } : { entrypoint: [DISTROLESS_PYTHON], cmd: args };
  return {
    ...common,
    alternatives: [],
    finalBase: DISTROLESS.python3,
    baseReason: `Debian 12's Python ${DISTROLESS_PYTHON_MINOR} without a shell or package manager; the packages go to ${place.mode === 'usr-local' ? '/usr/local' : site}, on its sys.path`,
    artifacts,
    ...entry,
    finalSetup: [],
    shellless: true,
  };
}
