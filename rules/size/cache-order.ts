import { defineRule, type TextEdit } from '../../src/engine';
import { type BuildState, type Stage, substitute } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import { basename, type CommandUse, commandUses, isPosixShell, shellGlob } from '../../src/shell';
import { canonicalPath, covers } from '../../src/shell/packageManagers';
import { type Ecosystem, type Install, MANIFEST_NAMES, recognizeInstall } from './cacheOrderInstalls';
import { contextView, type Manifest, manifestPlan } from './cacheOrderManifests';
import { copiesWholeContext } from './missing-dockerignore';
import { instructionsBetween } from '../runSeparators';

/** What the message tells users to copy first. */
const MANIFESTS_LABEL: Readonly<Record<Ecosystem, string>> = {
  node: 'package.json and its lock file',
  pip: 'the requirement files',
  poetry: 'pyproject.toml and poetry.lock',
  go: 'go.mod and go.sum',
  cargo: 'Cargo.toml and Cargo.lock',
  maven: 'pom.xml',
  gradle: 'the Gradle build files',
  bundler: 'Gemfile and Gemfile.lock',
  composer: 'composer.json and composer.lock',
  dotnet: 'the project files',
};

/** Directories an earlier COPY (often `--from` a deps stage) brings the installed dependencies in. */
const DEPENDENCY_DIRS: Readonly<Record<Ecosystem, RegExp>> = {
  node: /(^|\/)node_modules$/,
  pip: /(^|\/)(\.?venv|site-packages|wheels|\.local)$/,
  poetry: /(^|\/)(\.?venv|site-packages|wheels)$/,
  go: /(^|\/)pkg\/mod$/,
  cargo: /(^|\/)(target|\.cargo|recipe\.json)$/,
  maven: /(^|\/)\.m2$/,
  gradle: /(^|\/)\.gradle$/,
  bundler: /(^|\/)(vendor|bundle|gems)$/,
  composer: /(^|\/)vendor$/,
  dotnet: /(^|\/)(\.nuget|packages)$/,
};

/** Instructions that may stand between the whole-context COPY and the install: they neither read nor write files. */
const BETWEEN_OK = new Set(['ENV', 'ARG', 'WORKDIR', 'USER', 'LABEL', 'EXPOSE']);

/** Commands that need nothing from the sources, so they may move before them with the install. */
const PREP = new Set(['echo', 'printf', 'set', 'export', 'true', ':', 'exit', 'corepack', 'mkdir', 'cd', 'apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'update-ca-certificates']);

/** Every manifest name, for `[ -f yarn.lock ]`: a test of a manifest reads only what is copied first. */
const ALL_MANIFESTS = new Set(Object.values(MANIFEST_NAMES).flat());

/** Run after an install to clean its caches: they go along with it, or the cache would stay in the install's layer. */
const isCleanup = (use: CommandUse): boolean => {
  const a = use.args.map((w) => w.value);
  switch (use.name) {
    case 'npm':
      return a[0] === 'cache';
    case 'yarn':
      return a[0] === 'cache';
    case 'pnpm':
      return a[0] === 'store';
    case 'pip':
    case 'pip3':
      return a[0] === 'cache';
    case 'composer':
      return a[0] === 'clear-cache' || a[0] === 'clearcache';
    case 'go':
      return a[0] === 'clean';
    case 'rm':
      return a.filter((w) => !w.startsWith('-')).every((w) => /^(\/tmp|\/root|\/var\/cache|\/var\/lib\/apt|~|\$HOME|\/usr\/local\/share\/\.cache|\/usr\/local\/bundle\/cache|\/home\/[^/]+\/\.)/.test(w));
    default:
      return false;
  }
};

/** Source-independent commands allowed before the install: tool setup, global tools, system packages. */
function isPrep(use: CommandUse): boolean {
  // Writing a file of the working directory (`echo … > .npmrc`) would now happen before the sources land on it.
  if (use.command.redirects.some((r) => r.target && /^[^/&\d~$-]/.test(r.target.value) && r.target.value !== '/dev/null')) return false;
  const a = use.args.map((w) => w.value);
  if (use.name === '[' || use.name === 'test') {
    // File tests only of manifests or absolute paths (`[ -f yarn.lock ]`, `[ "$CI" = true ]`).
    return a.every((w, i) => !/^-[a-zA-Z]$/.test(a[i - 1] ?? '') || ALL_MANIFESTS.has(w) || /^(\/|\$)/.test(w) || /^requirements.*\.txt$/.test(w));
  }
  if (PREP.has(use.name)) return true;
  switch (use.name) {
    case 'npm':
      return a[0] === 'config' || a[0] === 'set' || ((a[0] === 'install' || a[0] === 'i') && (a.includes('-g') || a.includes('--global')));
    case 'yarn':
      return a[0] === 'config' || a[0] === 'global';
    case 'pnpm':
      return a[0] === 'config' || (a[0] === 'add' && a.includes('-g'));
    case 'poetry':
    case 'bundle':
    case 'composer':
      return a[0] === 'config';
    case 'gem':
      return a[0] === 'install' && a.slice(1).every((w) => !w.includes('/') && !w.endsWith('.gem'));
    case 'go':
      return a[0] === 'env';
    case 'git':
      return a[0] === 'config';
    default:
      break;
  }
  // pip install of named packages (`pip install --upgrade pip poetry`), nothing from a path or a file
  const pip = /^pip(\d+(\.\d+)?)?$/.test(use.name) ? a : /^python(\d+(\.\d+)?)?$/.test(use.name) && a[0] === '-m' && a[1] === 'pip' ? a.slice(2) : null;
  return !!pip && pip[0] === 'install' && pip.slice(1).every((w) => !/^(-r|--requirement|-c|--constraint|-e|--editable)/.test(w) && !/^(\.|\/|~|file:)/.test(w));
}

/** `python -m venv DIR`, `virtualenv DIR`: a fresh environment, nothing from the sources. */
const isVenv = (use: CommandUse): boolean =>
  use.name === 'virtualenv' || (/^python(\d+(\.\d+)?)?$/.test(use.name) && use.args[0]?.value === '-m' && /^(venv|virtualenv)$/.test(use.args[1]?.value ?? ''));

/**
 * Whether an earlier COPY of `copies` already brings the install's manifests (then it is ordered on purpose), or
 * the installed dependencies themselves (`COPY --from=deps /app/node_modules ./node_modules`).
 */
function manifestsCopied(install: Install, copies: readonly InstructionNode[]): boolean {
  const names = install.ecosystem === 'pip' ? [...install.named.map((f) => basename(f)), 'requirements.txt'] : MANIFEST_NAMES[install.ecosystem];
  for (const copy of copies) {
    for (const source of (copy.execForm ?? copy.words.map((w) => w.value)).slice(0, -1)) {
      const trimmed = source.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
      if (DEPENDENCY_DIRS[install.ecosystem].test(trimmed)) return true;
      if (copy.flag('from')) continue;
      const re = shellGlob(basename(trimmed));
      if (names.some((n) => re.test(n))) return true;
      if (install.ecosystem === 'dotnet' && /\.(cs|fs|vb)proj$|\.sln$/.test(trimmed)) return true;
      if (install.named.some((f) => f.replace(/^\.\//, '').startsWith(`${trimmed}/`))) return true;
    }
  }
  return false;
}

/** `/a/b/../c` → `/a/c`, keeping a trailing slash. */
const absolute = (path: string, cwd: string): string => {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}${path.endsWith('/') && parts.length > 0 ? '/' : ''}`;
};

const expand = (text: string, state: BuildState, escape: string): string | null => {
  if (!text.includes('$')) return text;
  const sub = substitute(text, (n) => (state.env.has(n) ? state.env.get(n) : state.args.has(n) ? state.args.get(n) : undefined), escape);
  return sub.unresolved.length > 0 || sub.value.includes('$') ? null : sub.value;
};

interface WholeCopy {
  readonly inst: InstructionNode;
  /** The destination as written, and canonical. */
  readonly dest: string;
  readonly canonical: string;
}

export default defineRule({
  meta: {
    id: 'cache-order',
    aliases: [],
    category: 'cache',
    severity: 'info',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a dependency install (`npm ci`, `pip install -r`, `go mod download`, …) that runs after a COPY of the whole source tree, so any source edit reinstalls every dependency.',
      rationale:
        'BuildKit reuses a layer only while everything it depends on is unchanged. `COPY . .` depends on every file of the ' +
        'build context, so an edit to any source file invalidates it and every instruction after it — including an ' +
        '`npm ci` or `pip install -r requirements.txt` that only reads the manifests. Each build then downloads and ' +
        'installs all dependencies again, which is usually the slowest step of the build. Copy the manifests (package.json ' +
        'and the lock file, requirements.txt, go.mod and go.sum, …) first, install from them, then copy the rest: the ' +
        'install layer is then reused until a manifest changes. This matters in builder stages as much as in the final one.',
      bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
      fixSafety:
        'Unsafe: the install now runs without the sources, and some installs need them. The fix inserts a COPY of the ' +
        'manifests (with the flags and destination of `COPY . …`) before the whole-context COPY and moves the install ' +
        'there (tool setup before it, such as `npm config set` or `pip install --upgrade pip`, and cache cleanup right ' +
        'after it, move along); when the RUN goes on with a build step (`npm ci && npm run build`) it is split at the ' +
        '`&&`, the build staying after the COPY — a split is offered only with a build context. With a build context (the Dockerfile\'s directory or `--context`) it copies exactly the manifests ' +
        'present and reads them, and declines when the install would need the sources: npm `file:`/`link:` dependencies, ' +
        'workspaces, `preinstall`/`install`/`postinstall`/`prepare` scripts (unless `--ignore-scripts`), requirement files ' +
        'with `-e .` or local paths, `go.mod` replace directives to directories, Maven modules, a `gemspec` Gemfile, ' +
        'composer scripts or classmap autoloading, project references in a .csproj, and a context `node_modules` or ' +
        '`vendor` that `COPY . .` would lay over the installed one. Without a build context it copies a glob form that ' +
        'tolerates a missing lock file (`COPY package.json package-lock.json* ./`; BuildKit accepts a wildcard that ' +
        'matches nothing when another source matches) and cannot read the manifests, so review the result. Never offered ' +
        'for commands that need the sources by nature: `cargo build`/`cargo fetch` (they need src/), `mvn package`, ' +
        'Gradle builds, `pip install .`, `poetry install` without `--no-root`; nor when anything but ENV, ARG, WORKDIR, ' +
        'USER, LABEL, EXPOSE or a RUN of source-independent setup (system packages, tool config, global tools, a fresh ' +
        'virtualenv) stands between the COPY and the install, or when commands before the install in its RUN may read ' +
        'the sources. A relative COPY destination that would move past a WORKDIR is made absolute.',
      notes:
        'Checked in every stage, builder stages included (cache order matters wherever a build runs). Silent when an ' +
        'earlier COPY already brings the ecosystem\'s manifests (`COPY package*.json ./`) or its installed dependencies ' +
        '(`COPY --from=deps /app/node_modules ./node_modules`), when a RUN before the whole-context COPY already installed ' +
        'them (`cargo chef cook`, a stub build), when the install reads a directory outside the copied tree, and when the ' +
        'RUN uses a cache mount (`--mount=type=cache`), which keeps the downloads across rebuilds. Severity info: the ' +
        'image is the same either way, only rebuild time is lost. Recognised installs: `npm ci`/`npm install` (without package names), `yarn [install]`, ' +
        '`pnpm install`, `pip install -r`, `poetry install`, `go mod download`, `cargo build`/`cargo fetch`, ' +
        '`mvn dependency:go-offline` and Maven builds, Gradle builds, `bundle install`, `composer install`, ' +
        '`dotnet restore`. No hadolint or BuildKit equivalent.',
    },
  },
  create(context) {
    const source = context.ast.source;
    const escape = context.ast.escapeChar;
    const ctx = contextView(context.buildContext);

    const wholeCopy = (inst: InstructionNode): WholeCopy | null => {
      const words = inst.execForm ?? inst.words.map((w) => w.value);
      const state = context.model.stateBefore(inst);
      const dest = words[words.length - 1];
      const expanded = dest === undefined ? null : expand(dest, state, escape);
      if (expanded === null || dest === undefined) return null;
      return { inst, dest, canonical: canonicalPath(expanded.replace(/^(["'])(.*)\1$/, '$2'), state.workdir) };
    };

    /** The installs a RUN runs from the copied tree, with the directory each runs in. */
    const installsOf = (run: InstructionNode, state: BuildState, whole: WholeCopy): Install[] => {
      let cwd: string | null = canonicalPath(state.workdir, '/');
      const found: Install[] = [];
      for (const use of commandUses(run)) {
        if (use.name === 'cd') {
          const target = use.args[0]?.value;
          const expanded = target === undefined ? '~' : expand(target, state, escape);
          cwd = expanded === null || cwd === null || use.command.enclosing.length > 0 ? null : canonicalPath(expanded, cwd);
          continue;
        }
        if (cwd === null) continue;
        const install = recognizeInstall(use, cwd);
        if (install && covers(whole.canonical, install.dir)) found.push(install);
      }
      return found;
    };

    const checkStage = (stage: Stage): void => {
      let whole: WholeCopy | null = null;
      const copies: InstructionNode[] = [];
      // Ecosystems whose dependencies a RUN before the whole-context COPY already installed (or cooked: cargo-chef).
      const reported = new Set<Ecosystem>();
      for (const inst of stage.instructions) {
        if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
          if (!inst.flag('from') && copiesWholeContext(inst)) whole ??= wholeCopy(inst);
          else copies.push(inst);
          continue;
        }
        if (inst.keyword === 'RUN' && !whole) {
          for (const use of commandUses(inst)) {
            if (use.name === 'cargo' && use.args[0]?.value === 'chef') reported.add('cargo');
            const early = recognizeInstall(use, '/');
            if (early) reported.add(early.ecosystem);
          }
          continue;
        }
        if (inst.keyword !== 'RUN' || !whole) continue;
        const state = context.model.stateBefore(inst);
        if (!inst.execForm && !isPosixShell(state.shell)) continue;
        if (inst.flags.some((f) => f.name === 'mount' && /(^|,)type=cache(,|$)/.test(f.value ?? ''))) continue;
        const installs = installsOf(inst, state, whole).filter((i) => !reported.has(i.ecosystem) && !manifestsCopied(i, copies));
        if (installs.length === 0) continue;
        for (const i of installs) reported.add(i.ecosystem);
        report(stage, whole, inst, installs);
      }
    };

    const report = (stage: Stage, whole: WholeCopy, run: InstructionNode, installs: readonly Install[]): void => {
      const first = installs[0]!;
      const w = whole.inst;
      const copied = (w.execForm ?? w.words.map((x) => x.value)).slice(0, -1).join(' ');
      const builds = installs.every((i) => /^(cargo (build|b)|gradle|gradlew|\S*mvnw? .*(compile|package|verify|install|deploy|test))/.test(i.label));
      const plan = planFix(stage, whole, run, installs);
      const lead =
        `\`${first.label}\` at line ${source.positionAt(first.use.sourceStart).line + 1} runs after \`${w.keywordText} ${copied} ${whole.dest}\` at line ${w.range.start.line + 1}, ` +
        `so every source change ${builds ? 'downloads and rebuilds' : 'reinstalls'} every dependency; ` +
        `copy ${[...new Set(installs.map((i) => MANIFESTS_LABEL[i.ecosystem]))].join(' and ')} first and install the dependencies from them, then copy the rest`;
      context.report({
        range: source.range(first.use.sourceStart, first.use.sourceEnd),
        message: 'edits' in plan ? `${lead}.` : `${lead} (no automatic fix: ${plan.reason}).`,
        ...('edits' in plan ? { fix: () => plan.edits } : { fixDeclined: plan.reason }),
      });
    };

    /** The rewrite: manifests COPY, install RUN, whole-context COPY, then the rest of the RUN (if any). */
    const planFix = (stage: Stage, whole: WholeCopy, run: InstructionNode, installs: readonly Install[]): { edits: TextEdit[] } | { reason: string } => {
      const w = whole.inst;
      const wState = context.model.stateBefore(w);
      const relOf = (i: Install): string => (i.dir === whole.canonical ? '' : i.dir.slice(whole.canonical.length).replace(/^\/+/, ''));
      const manifests: Manifest[] = [];
      for (const install of installs) {
        const plan = manifestPlan(install, relOf(install), ctx);
        if ('reason' in plan) return plan;
        for (const m of plan.manifests) if (!manifests.some((x) => x.source === m.source && x.into === m.into)) manifests.push(m);
      }
      if (manifests.length === 0) return { reason: 'no manifest found to copy' };
      if (manifests.some((m) => !/^[\w./@+*-]+$/.test(m.source))) return { reason: 'a manifest path needs quoting' };
      const between = instructionsBetween(stage, w, run);
      const prepOnly = (i: InstructionNode): boolean =>
        i.keyword === 'RUN' && i.heredocs.length === 0 && commandUses(i).every((u) => isPrep(u) || isCleanup(u) || isVenv(u));
      const blocker = between.find((i) => !BETWEEN_OK.has(i.keyword) && !prepOnly(i));
      if (blocker) return { reason: `${blocker.keyword} at line ${blocker.range.start.line + 1} stands between the COPY and the install` };
      if (w.heredocs.length > 0 || run.heredocs.length > 0) return { reason: 'a heredoc is involved' };
      if (w.flag('parents')) return { reason: 'the COPY uses --parents' };
      if ((w.execForm ?? w.words.map((x) => x.value)).some((x) => x.includes('$'))) return { reason: 'the COPY uses variables' };

      // Split the RUN: source-independent setup and the installs (plus the cache cleanup right after them) move;
      // the rest stays after the sources.
      const uses = commandUses(run);
      const installUses = new Set(installs.map((i) => i.use));
      const lastInstall = uses.reduce((k, u, n) => (installUses.has(u) ? n : k), -1);
      let end = lastInstall + 1;
      while (end < uses.length && (isCleanup(uses[end]!) || (isPrep(uses[end]!) && uses[end]!.name !== 'cd'))) end++;
      const before = uses.slice(0, end).find((u) => !installUses.has(u) && !isPrep(u) && !isCleanup(u));
      if (before) return { reason: `\`${before.argv.map((x) => x.value).join(' ')}\` runs before the install in the same RUN and may need the sources` };
      const rest = uses.slice(end);
      let installText = source.text.slice(run.range.start.offset, run.range.end.offset);
      let buildText: string | null = null;
      if (rest.length > 0) {
        if (run.execForm) return { reason: 'an exec-form RUN cannot be split' };
        if (!ctx) return { reason: 'splitting the RUN into the install and the build is offered only with the build context' };
        const moved = uses.slice(0, end);
        if ([...moved, rest[0]!].some((u) => u.command.enclosing.length > 0) || rest[0]!.command.separatorBefore !== '&&') {
          return { reason: 'the install and the build are not joined by a plain `&&`' };
        }
        if (moved.some((u) => u.name === 'cd')) return { reason: 'the RUN changes directory before the install' };
        const cut = source.text.slice(moved[moved.length - 1]!.sourceEnd, rest[0]!.sourceStart);
        if (/(^|\n)\s*#/.test(cut)) return { reason: 'a comment sits between the install and the build' };
        const head = source.text.slice(run.range.start.offset, uses[0]!.sourceStart);
        installText = head + source.text.slice(uses[0]!.sourceStart, moved[moved.length - 1]!.sourceEnd);
        buildText = head + source.text.slice(rest[0]!.sourceStart, run.range.end.offset);
      }

      // The COPY moves below what stood between it and the RUN: a relative destination has to keep its directory.
      let wText = source.text.slice(w.range.start.offset, w.range.end.offset);
      if (between.some((i) => i.keyword === 'WORKDIR') && !whole.dest.startsWith('/')) {
        const destWord = w.words[w.words.length - 1];
        if (w.execForm || !destWord || wState.workdir.includes('$')) return { reason: 'the COPY\'s relative destination would move past a WORKDIR' };
        const abs = absolute(whole.dest, wState.workdir);
        wText = source.text.slice(w.range.start.offset, destWord.range.start.offset) + abs + source.text.slice(destWord.range.end.offset, w.range.end.offset);
      }

      const eol = source.eol;
      const lineStart = source.lineStarts[w.range.start.line] ?? w.range.start.offset;
      const indentText = source.text.slice(lineStart, w.range.start.offset);
      const indent = /^\s*$/.test(indentText) ? indentText : '';
      const keyword = w.keywordText === w.keywordText.toLowerCase() ? 'copy' : 'COPY';
      const flags = w.flags.map((f) => source.text.slice(f.range.start.offset, f.range.end.offset)).join(' ');
      const base = whole.dest.replace(/(?<!\/)\/+$/, '');
      const destDir = (sub: string): string => (base === '.' || base === '' ? `./${sub}` : `${base === '' ? '' : base}/${sub}`);
      const groups = [...new Set(manifests.map((m) => m.into))].sort();
      const copyLines = groups.map((sub) => `${keyword}${flags ? ` ${flags}` : ''} ${manifests.filter((m) => m.into === sub).map((m) => m.source).join(' ')} ${destDir(sub)}`);
      const between_ = source.text.slice(w.range.end.offset, run.range.start.offset);
      const text =
        copyLines.join(eol + indent) +
        between_ +
        installText +
        eol +
        indent +
        wText +
        (buildText === null ? '' : eol + indent + buildText);
      return { edits: [{ start: w.range.start.offset, end: run.range.end.offset, text }] };
    };

    return {
      'dockerfile:exit'(model) {
        for (const stage of model.stages) checkStage(stage);
      },
    };
  },
});
