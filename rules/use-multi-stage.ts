import { posix } from 'node:path';
import { defineRule, type ReportDescriptor, type RuleContext } from '../src/engine';
import { type BuildState, finalImageStages, instructionsOf, type SemanticModel, type Stage, substitute } from '../src/model';
import {
  baseImageToolchain,
  dropsDevDependencies,
  installsDevDependencies,
  isToolchainEntrypoint,
  nativeExtensionInstall,
  packageToolchain,
  stripPackageVersion,
  TOOLCHAIN_LABEL,
  type ToolchainKind,
  toolchainUse,
} from '../src/model/toolchains';
import { type InstructionNode, memoOnObject, objectMemoKey } from '../src/parse';
import { commandUses, effectiveArgv, runCommands, splitCommands } from '../src/shell';
import { managerCommand, packageNames } from '../src/shell/packageManagers';
import { baseFamily, distroProgram, planMultiStage } from '../src/optimize';
import { multiStageEstimate, sizeSuffix } from './size/estimates';

interface Available {
  /** e.g. `base image golang:1.22` or `gcc, installed at line 3`. */
  readonly origin: string;
  readonly fromPackages: boolean;
}

interface Use {
  /** The toolchain, or `package` for a program installed from distro packages. */
  readonly kind: ToolchainKind | 'package';
  /** Which optimizer recipe applies, when not the toolchain's own (native extensions of pip/gem packages). */
  readonly recipe?: string;
  /** Overrides the toolchain's label in the message (`npm from OS packages`). */
  readonly what?: string;
  readonly origin: string;
  readonly label: string;
  readonly line: number;
  /** The toolchain was removed again in the RUN that used it: reported only when the rewrite can be made. */
  readonly purged?: boolean;
}

interface PackageOp {
  readonly index: number;
  readonly op: 'install' | 'remove';
  /** Package names, versions stripped, variables expanded. */
  readonly names: readonly string[];
  /** Words as written (`$buildDeps`), to match a removal of the same variable. */
  readonly raw: readonly string[];
  readonly virtual: string | null;
}

const OPTIONS_WITH_VALUE = new Set(['-o', '-t', '-c', '--target-release', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--type', '-x', '--exclude']);
const INSTALL = /^(install|add|in|groupinstall)$/;
const REMOVE = /^(purge|remove|autoremove|del|erase|rm|groupremove)$/;
const MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper']);

/** `apt-get install …`, `apk add --virtual .deps …`, `dnf groupinstall "Development Tools"`, and their removals. */
function packageOp(argv: readonly string[], index: number, expand: (word: string) => string[]): PackageOp | null {
  const exe = argv[0] ?? '';
  if (!MANAGERS.has(exe)) return null;
  let sub: string | null = null;
  let virtual: string | null = null;
  const raw: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word.startsWith('-')) {
      if ((word === '--virtual' || (exe === 'apk' && word === '-t')) && argv[i + 1]) virtual = argv[i + 1]!;
      else if (word.startsWith('--virtual=')) virtual = word.slice('--virtual='.length);
      if (OPTIONS_WITH_VALUE.has(word)) i++;
      continue;
    }
    if (sub === null) {
      sub = word;
      if (sub === 'group' && argv[i + 1]) sub = `group${argv[++i]!}`;
      continue;
    }
    raw.push(word);
  }
  if (sub === null) return null;
  const op = INSTALL.test(sub) ? 'install' : REMOVE.test(sub) ? 'remove' : null;
  if (!op) return null;
  const grouped = /group/.test(sub);
  const names = raw.flatMap((w) => expand(w)).map((n) => (grouped || /development tools/i.test(n) ? '@development-tools' : stripPackageVersion(n)));
  return { index, op, names, raw, virtual };
}

function entryArgv(inst: InstructionNode | null): string[] | null {
  if (!inst) return null;
  let argv: string[];
  if (inst.execForm) argv = [...inst.execForm];
  else {
    const first = splitCommands(inst.argsText.text)[0];
    if (!first) return null;
    argv = effectiveArgv(first).map((w) => w.value);
  }
  // `["sh", "-c", "npm run dev"]`: the command the shell runs.
  if (argv.length >= 3 && /(^|\/)(ba|z|a|da)?sh$/.test(argv[0]!) && argv[1] === '-c') {
    const inner = splitCommands(argv[2]!)[0];
    if (inner) argv = effectiveArgv(inner).map((w) => w.value);
  }
  const wrapper = /(^|\/)(tini|dumb-init)$/.test(argv[0] ?? '');
  if (wrapper) argv = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  return argv;
}


/** The optimizer recipe for an image that compiles native extensions: that of the language installing them. */
function nativeRecipe(installer: string): string {
  if (/^(pip|python)/.test(installer)) return 'python';
  if (/^(gem|bundle)/.test(installer)) return 'ruby';
  if (/^(npm|yarn|pnpm)/.test(installer)) return 'node';
  return `native extensions built by \`${installer}\``;
}

/** Commands that pick a language version for the image's users (`n 18`, `pyenv global 3.11`): CI runners and SDKs. */
const VERSION_MANAGER = /^(n|nvm|nodenv|pyenv|rbenv|goenv|phpenv|jenv|sdk|asdf|tfenv|fnm|volta)$/;
/** Debuggers and tracers: shipped by development containers, not by images that run a product. */
const DEBUGGER_PACKAGE = /^(gdb|gdbserver|lldb(-\d+)?|valgrind|strace|ltrace)$/;
const GO_DEBUGGER = /(^|\/)(go-delve\/delve|dlv)(\/|@|$)/;

/**
 * Why the image's product is the toolchain itself (a CI runner, an SDK or a development container), so that a
 * multi-stage split would take away what the image is for; null when nothing says so. Each signal is a cause, not a
 * file: a language version manager selecting versions, three or more toolchains at once, a debugger installed, or a
 * start command that lives under a VOLUME no COPY fills (the sources are mounted at run time).
 */
function toolchainProduct(
  instructions: readonly InstructionNode[],
  availableKinds: number,
  start: readonly string[] | null,
  workdir: string,
): string | null {
  for (const inst of instructions) {
    if (inst.keyword !== 'RUN') continue;
    const line = inst.range.start.line + 1;
    for (const use of commandUses(inst)) {
      if (VERSION_MANAGER.test(use.name) && use.args.length > 0) return `\`${use.name}\` at line ${line} selects language versions: a CI or SDK image`;
      if (use.name === 'go' && use.args[0]?.value === 'install' && use.args.some((a) => GO_DEBUGGER.test(a.value))) {
        return `\`go install\` at line ${line} installs the delve debugger: a development image`;
      }
      const cmd = managerCommand(use.argv);
      const debuggerPackage = cmd ? packageNames(cmd).find((n) => DEBUGGER_PACKAGE.test(n)) : undefined;
      if (debuggerPackage) return `${debuggerPackage} installed at line ${line}: a development image`;
    }
  }
  if (availableKinds >= 3) return `${availableKinds} language toolchains are installed: a CI or SDK image`;
  const program = start?.[0];
  if (program && !program.includes('$')) {
    const path = posix.resolve(workdir, program);
    const under = (dir: string): boolean => path === dir || path.startsWith(`${dir.replace(/\/$/, '')}/`);
    const volume = instructions
      .filter((i) => i.keyword === 'VOLUME')
      .flatMap((i) => i.execForm ?? i.words.map((w) => w.value))
      .map((v) => posix.resolve(workdir, v))
      .find(under);
    const filled = instructions.some((i) => {
      if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || !volume) return false;
      const words = i.execForm ?? i.words.map((w) => w.value);
      const dest = posix.resolve(workdir, words[words.length - 1] ?? '');
      return dest === volume || dest.startsWith(`${volume}/`) || volume.startsWith(`${dest}/`);
    });
    if (volume && !filled && (program.includes('/') || program.startsWith('.'))) {
      return `the start command ${program} lives under VOLUME ${volume}, which no COPY fills: the sources are mounted at run time, a development image`;
    }
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'use-multi-stage',
    aliases: [],
    category: 'size',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a final image that builds its artifact with a compiler or SDK and then ships that toolchain.',
      rationale:
        'Compilers, SDKs and devDependencies are only needed to produce the artifact: in the final image they add hundreds ' +
        'of megabytes, slow pulls and deploys, and widen the attack surface. A multi-stage build compiles in a builder stage ' +
        'and copies only the result into a small runtime base.',
      bad: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./cmd/app\nCMD ["app"]\n',
      good:
        'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\n' +
        'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nCMD ["/app"]\n',
      fixSafety:
        'Unsafe: the fix (the optimizer, src/optimize) changes the image\'s base, so what the container finds on disk changes. ' +
        'The stage becomes the builder (`AS build`); CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK and STOPSIGNAL move out of it; a ' +
        'final stage is appended that keeps the runtime contract (ENV, LABEL, ARGs they use, WORKDIR, EXPOSE, VOLUME, ' +
        'STOPSIGNAL, HEALTHCHECK, USER, ENTRYPOINT, CMD) and copies only the artifact, chosen by a recipe: **Go** — the ' +
        'binary `go build -o` writes, built with `CGO_ENABLED=0` (added) and run on `gcr.io/distroless/static-debian12` ' +
        '(distroless/cc for cgo builds; scratch with the CA bundle when `optimize.finalBase: scratch`); **C/C++** — the ' +
        'program CMD/ENTRYPOINT names by absolute or WORKDIR-relative path, or by PATH lookup when `make install` put ' +
        'it in $(PREFIX)/bin (PREFIX from its command line, else /usr/local), copied with the shared libraries `ldd` lists ' +
        'into scratch (Debian/Ubuntu builders; `distroless` gives distroless/cc); **Node.js** — the WORKDIR where the ' +
        'dependencies were installed (devDependencies pruned with `npm prune --omit=dev` after a build), on ' +
        '`gcr.io/distroless/nodejs<major>-debian12` when the major is known (node:<major> bases, Debian\'s nodejs) and the ' +
        'command is `node …`, else on node:<major>-slim or Debian -slim with the nodejs package; **Python** (pip installs ' +
        'that compile native extensions) — a virtualenv `/opt/venv` created before the first `pip install` and put first on ' +
        'PATH (one the stage already uses is kept; Debian\'s python3 keeps pip\'s /usr/local), copied with the WORKDIR and ' +
        'the files COPY or RUN put elsewhere into python:<version>-slim (the builder itself when already -slim or -alpine; ' +
        'debian:<release>-slim with python3 for Debian builders) with the runtime libraries of the `-dev` packages ' +
        '(libpq-dev → libpq5; an unknown `-dev` package, `pip install --user`/`--target`, poetry/uv/pipenv, or a start ' +
        'command naming /usr/local/bin/… decline); `distroless` gives distroless/python3-debian12 for Python 3.11 built on ' +
        'Debian 12; **Rust** — the binary CMD/ENTRYPOINT runs: target/[<triple>/]<profile>/<name> from `cargo build` (or ' +
        'a `cp`/`mv` of it) or $CARGO_HOME/bin/<name> from `cargo install` (copied to /usr/local/bin; the name from ' +
        'Cargo.toml when the build context is known, else from the CMD); static musl builds (`--target *-musl`, ' +
        'rust:*-alpine) run on scratch with the CA bundle, glibc builds on `gcr.io/distroless/cc-debian12` (cc-debian13 ' +
        'for trixie builders; a builder tag that can move to another Debian release, such as `rust:latest` or ' +
        '`rust:${RUST_VERSION}`, is pinned to the release the base was chosen for); `-dev` libraries beyond libssl/zlib, ' +
        'Alpine\'s own cargo and `finalBase: scratch` for a glibc build decline; **Distro packages** (CMD/ENTRYPOINT ' +
        'runs a program named after a package apt installs on Debian/Ubuntu, such as redis-server) — scratch with the ' +
        'program, the files `dpkg -L` lists for its package and its non-library dependencies (no docs, man pages, ' +
        'service files or other programs), what the packages\' system users own under /etc and /var, /etc/passwd and ' +
        '/etc/group, the CA bundle, /tmp and the shared libraries `ldd` lists for all of them, staged under /out by a ' +
        'RUN appended to the builder (the files are only known there), plus the Debian PATH; the build stops with a ' +
        'message when the program is a script or links a GUI toolkit; packages whose maintainer scripts create state ' +
        'the copy would miss (postgresql, mariadb/mysql-server, openssh-server, slapd, nginx, apache2, rabbitmq-server, ' +
        'dbus) and other non-build packages in the stage decline; **Java** — the jar `java -jar` runs ' +
        '(maven\'s target/, gradle\'s build/libs/, or a copy of one under a literal name: a glob declines), the WORKDIR ' +
        'javac built for `java Main`, or a gradle installDist tree, on `gcr.io/distroless/java<major>-debian13` (17, 21, ' +
        '25; its ENTRYPOINT is `java -jar`, so a CMD keeps the jar path and its arguments) when the command needs no ' +
        'shell, else on the JRE of the same major (the same vendor\'s -jre tag, eclipse-temurin:<major>-jre, or Debian ' +
        '-slim with openjdk-<major>-jre-headless); the major comes from the image tag or the JDK package, unknown ' +
        'declines. A shell-form CMD/ENTRYPOINT ' +
        'or a HEALTHCHECK keeps a base with a shell (busybox for a static Go binary; a HEALTHCHECK that runs curl declines ' +
        'unless the recipe installs it). `optimize.finalBase` (auto, scratch, distroless, busybox, slim, alpine, keep) ' +
        'overrides the choice. Files COPY brought in besides sources (templates, schemas) go along with a compiled ' +
        'artifact; with the build context known, only the entries that hold such data. Every recipe declines when the ' +
        'stage installs OS packages that are not build tools (the program may need them at run time). When the artifact ' +
        'cannot be told from the file (no `-o`, a program found by PATH lookup, a script copied from the context, a ' +
        'toolchain without a recipe yet: .NET) the finding says why and offers no fix. `dfopt fix` ' +
        'prints what the rewrite did and why it chose the base.',
      notes:
        'Looks at the final stage and the stages it is built `FROM`. A toolchain comes from the base image (golang, rust, ' +
        'gcc, maven, gradle, JDK tags of openjdk/eclipse-temurin/amazoncorretto, node, the .NET SDK) or from OS packages ' +
        'installed with apt/apk/yum/dnf/zypper (gcc, g++, clang, build-essential, build-base, golang, cargo, JDKs, maven, ' +
        'gradle, nodejs/npm) and not removed in the same RUN. It fires only when the image also uses it: `go build`, ' +
        '`cargo build`, `mvn package`, `gradle build`, `javac`, `make`/`cmake`/`gcc`, `dotnet publish`, `pip install`/' +
        '`gem install`/`npm ci` after installing a compiler (native extensions), or an `npm ci`/`npm install` with ' +
        'devDependencies followed by a build script (`npm run build`, `tsc`, …) with no `npm prune` afterwards, or ' +
        'a program installed from apt packages on Debian/Ubuntu that CMD/ENTRYPOINT runs by its package\'s name ' +
        '(redis-server, memcached, curl; not interpreters), or ' +
        'npm installed from OS packages (Debian\'s pulls in node-gyp and a C toolchain) running `npm install` for an ' +
        'image started with `node` or `npm start` (the fix then runs the start script\'s `node <file>` directly). ' +
        'To stay quiet on dev and CI images it does not fire when the final image has no CMD or ENTRYPOINT of its own, ' +
        'or when they start a bare shell or the toolchain itself (`go run`, `mvn spring-boot:run`, `npm run dev`, `make`). ' +
        'Nor on images whose product is the toolchain: a language version manager selecting versions (`n`, `pyenv ' +
        'global`, `rbenv`, `sdk`, `asdf`: CI runners), three or more toolchains at once (SDK images), a debugger ' +
        'installed (gdb, lldb, valgrind, delve) or a start command under a VOLUME no COPY fills (development ' +
        'containers that mount their sources). ' +
        'Also quiet when the final image already copies from a builder stage (`COPY --from=build`, `RUN --mount=from=build`): ' +
        'the file is multi-stage already and a toolchain left in the final stage is most likely needed at run time. ' +
        'A RUN that removes its own build dependencies (`apt-mark auto` + `purge --auto-remove`, `apk del .build-deps`) ' +
        'does not count as using a toolchain installed by an earlier RUN, which is then assumed to be kept on purpose. ' +
        'A RUN that installs a compiler, runs `make install` and removes the compiler again is reported only when the ' +
        'rewrite can be made (the distribution and the build\'s leftovers still ship). ' +
        'Base images whose name or tag come from an ARG without a default are not judged. Reported once per file, on the ' +
        "final stage's FROM. No hadolint equivalent.",
    },
  },
  create(context) {
    return {
      'dockerfile:exit'() {
        const descriptor = multiStageReport(context);
        if (descriptor) context.report(descriptor);
      },
    };
  },
});

const REPORT = objectMemoKey('use-multi-stage report');

/** The report of one lint's context, with what it was worked out for (a lint has one settings object and one build context). */
interface Verdict {
  readonly settings: RuleContext['settings'];
  readonly buildContext: RuleContext['buildContext'];
  readonly descriptor: ReportDescriptor | null;
}

/**
 * What use-multi-stage reports on the file, or null: worked out once per semantic model, since prefer-smaller-base
 * asks too (it stays silent where this rule fires) and the scan of every RUN was the costliest part of both rules on
 * a file of many RUNs. The rule takes no options; the settings and build context it reads are checked as well.
 */
export function multiStageReport(context: RuleContext): ReportDescriptor | null {
  const known = memoOnObject(context.model, REPORT, verdictOf, context);
  if (known.settings === context.settings && known.buildContext === context.buildContext) return known.descriptor;
  return verdictOf(context.model, context).descriptor;
}

function verdictOf(model: SemanticModel, context: RuleContext): Verdict {
  return { settings: context.settings, buildContext: context.buildContext, descriptor: findingOf(context, model) };
}

/**
 * What the RUNs of the final image show, in file order: the toolchains available and the first use of one. A class
 * with one method per RUN (and one per command) rather than one function with the loops inside: TurboFan compiles a
 * function whole, and the rule's listener in one piece was a fuzz giant's costliest compile, on-stack-replaced and
 * then compiled again on every lint of a process.
 */
class ToolchainScan {
  readonly available = new Map<ToolchainKind, Available>();
  use: Use | null = null;
  purgedUse: Use | null = null;
  osNpm: { line: number } | null = null;
  devInstall: { label: string; line: number } | null = null;
  nodeBuild: Use | null = null;

  constructor(
    private readonly context: RuleContext,
    /** The image starts with npm, npx, yarn or pnpm (not `npm start`). */
    private readonly startsWithNpm: boolean,
  ) {}

  run(run: InstructionNode): void {
    const line = run.range.start.line + 1;
    const state: BuildState = this.context.stateBefore(run);
    const escapeChar = this.context.ast.escapeChar;
    // The RUN's own assignments over ENV over ARG, looked up rather than copied: copying the whole scope per
    // RUN made a file with many variables quadratic.
    const vars = new Map<string, string | null>();
    const lookup = (n: string): string | null | undefined =>
      vars.has(n) ? vars.get(n) : state.env.has(n) ? state.env.get(n) : state.args.get(n);
    // A package name without `$` or a space (nearly all of them) is itself: no substitution, split and filter each.
    const expand = (word: string): string[] =>
      !word.includes('$') && !/\s/.test(word) ? (word === '' ? [] : [word]) : substitute(word, lookup, escapeChar).value.split(/\s+/).filter(Boolean);
    const argvs: string[][] = [];
    if (run.execForm) argvs.push([...run.execForm]);
    else {
      for (const { command } of runCommands(run)) {
        // `buildDeps='gcc make'` / `export buildDeps=…`: remembered for `apt-get install $buildDeps`.
        const assigns = command.argv.length === 0 ? command.assignments : command.argv[0]?.value === 'export' ? command.argv.slice(1) : [];
        for (const a of assigns) {
          const eq = a.value.indexOf('=');
          if (eq > 0) vars.set(a.value.slice(0, eq).replace(/\+$/, ''), a.value.slice(eq + 1));
        }
        // Pushed, not .map'd: .map's array is PACKED in the interpreter and HOLEY once this is optimised, and the
        // argv readers (packageOp, toolchainUse, …) deoptimised on the new map ('wrong map', --trace-deopt).
        const argv: string[] = [];
        for (const w of effectiveArgv(command)) argv.push(w.value);
        argvs.push(argv);
      }
    }

    const ops = argvs.map((argv, i) => packageOp(argv, i, expand)).filter((o): o is PackageOp => o !== null);
    // Official-images idiom: `apt-mark auto '.*'` then `apt-get purge --auto-remove` drops all it installed.
    const aptMarkAuto = argvs.findIndex((a) => a[0] === 'apt-mark' && a.includes('auto'));
    const removedAfter = (install: PackageOp, names: readonly string[]): boolean =>
      (aptMarkAuto > install.index && !['apk', 'yum', 'dnf', 'microdnf', 'zypper'].includes(argvs[install.index]?.[0] ?? '')) ||
      ops.some(
        (r) =>
          r.op === 'remove' &&
          r.index > install.index &&
          (names.some((n) => r.names.includes(n)) ||
            (install.virtual !== null && r.raw.includes(install.virtual)) ||
            r.raw.some((w) => w.includes('$') && install.raw.includes(w))),
      );
    // Toolchain packages installed here: available from the install on, unless removed again in this RUN.
    const installedHere: InstalledHere[] = [];
    for (const op of ops) {
      if (op.op !== 'install') continue;
      const byKind = new Map<ToolchainKind, string[]>();
      for (const name of op.names) {
        const kind = packageToolchain(name);
        if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), name]);
      }
      for (const [kind, names] of byKind) {
        installedHere.push({ index: op.index, kind, origin: `${[...new Set(names)].join(', ')}, installed at line ${line}`, purged: removedAfter(op, names) });
      }
    }

    // A RUN that removes build dependencies again was written with image size in mind: whatever toolchain it
    // leaves behind (e.g. the official php image's $PHPIZE_DEPS) is kept on purpose.
    const cleansUp = aptMarkAuto !== -1 || ops.some((o) => o.op === 'remove' && o.raw.some((n) => n.startsWith('.')));
    for (let i = 0; i < argvs.length; i++) this.command(argvs, i, line, installedHere, cleansUp);

    for (const op of ops) {
      if (op.op === 'install' && op.names.includes('npm') && !removedAfter(op, ['npm'])) this.osNpm = { line };
    }
    for (const h of installedHere) {
      if (!h.purged && !this.available.has(h.kind)) this.available.set(h.kind, { origin: h.origin, fromPackages: true });
    }
  }

  /** The toolchain `kind` as command `i` of the RUN finds it, if at all. */
  private has(kind: ToolchainKind, i: number, installedHere: readonly InstalledHere[], cleansUp: boolean): Available | undefined {
    const here = installedHere.find((h) => h.kind === kind && h.index < i);
    if (here) return here.purged ? undefined : { origin: here.origin, fromPackages: true };
    return cleansUp ? undefined : this.available.get(kind);
  }

  /** Command `i` of a RUN (`argvs`, at `line`). */
  private command(argvs: readonly string[][], i: number, line: number, installedHere: readonly InstalledHere[], cleansUp: boolean): void {
    const argv = argvs[i]!;
    if (argv.length === 0) return;
    if (!this.use && this.osNpm && !this.startsWithNpm && argv[0] === 'npm' && /^(install|i|ci)$/.test(argv[1] ?? '') && !argv.includes('-g') && !argv.includes('--global')) {
      this.use = { kind: 'node', what: `npm (installed from OS packages at line ${this.osNpm.line})`, origin: '', label: `npm ${argv[1]}`, line };
    }
    const dev = installsDevDependencies(argv);
    if (dev && this.has('node', i, installedHere, cleansUp)) this.devInstall = { label: dev, line };
    if (dropsDevDependencies(argv) && this.nodeBuild) this.nodeBuild = null;
    if (this.use) return;
    const found = toolchainUse(argv);
    if (found && found.kind === 'node') {
      const node = this.has('node', i, installedHere, cleansUp);
      if (node && this.devInstall && !this.nodeBuild) {
        this.nodeBuild = { kind: 'node', origin: `\`${this.devInstall.label}\` at line ${this.devInstall.line}`, label: found.label, line };
      }
      return;
    }
    if (found) {
      const tool = this.has(found.kind, i, installedHere, cleansUp);
      if (tool) this.use = { kind: found.kind, origin: tool.origin, label: found.label, line };
      // Installed, used and removed in this one RUN: the image still ships the distribution and what the
      // build left behind (issue 19: ~150 MB for a redis that needs under 10 MB).
      const purged = installedHere.find((h) => h.kind === found.kind && h.index < i && h.purged);
      // Only with `make install`, whose installed program the C recipe can tell from the rest of the tree.
      const installs = argvs.some((a) => a[0] === 'make' && a.includes('install'));
      if (!tool && purged && installs && !this.purgedUse) this.purgedUse = { kind: found.kind, origin: purged.origin, label: found.label, line, purged: true };
      return;
    }
    const native = nativeExtensionInstall(argv);
    const compiler = this.has('c', i, installedHere, cleansUp);
    if (native && compiler) this.use = { kind: 'c', recipe: nativeRecipe(native), origin: compiler.origin, label: native, line };
  }
}

/** A toolchain package a RUN installs (command `index`), and whether the same RUN removes it again. */
interface InstalledHere {
  readonly index: number;
  readonly kind: ToolchainKind;
  readonly origin: string;
  readonly purged: boolean;
}

function findingOf(context: RuleContext, model: SemanticModel): ReportDescriptor | null {
  const final = model.finalStage;
  if (!final) return null;
  const chain = finalImageStages(model);
  const root = chain[0]!;
  if (root.base.isScratch) return null;
  const instructions = instructionsOf(chain);
  // Already multi-stage: the final image takes artifacts from a builder stage, so a toolchain it still
  // carries is most likely needed at run time (JIT compilers, plugin builds).
  if (chain.some((s) => s.dependencies.some((d) => d.kind !== 'from' && d.stage !== null))) return null;

  let entrypoint: InstructionNode | null = null;
  let cmd: InstructionNode | null = null;
  for (const inst of instructions) {
    if (inst.keyword === 'ENTRYPOINT') entrypoint = inst;
    else if (inst.keyword === 'CMD') cmd = inst;
  }
  // No CMD/ENTRYPOINT of its own: the base image's shell or tool runs, which is what dev/CI images look like.
  if (!entrypoint && !cmd) return null;
  for (const argv of [entryArgv(entrypoint), entryArgv(cmd)]) if (argv && isToolchainEntrypoint(argv)) return null;

  // npm from OS packages (Debian's pulls in node-gyp and a C toolchain) used only to install dependencies, when
  // the image starts node itself: all of it is build-time weight.
  // `npm start` only runs the start script, which the Node recipe can run without npm (or say why not).
  const npmStart = (a: readonly string[]): boolean => a[0] === 'npm' && (a[1] === 'start' || (/^run(-script)?$/.test(a[1] ?? '') && a[2] === 'start'));
  const startsWithNpm = [entryArgv(entrypoint), entryArgv(cmd)].some((a) => a !== null && /^(npm|npx|yarn|pnpm)$/.test(a[0] ?? '') && !npmStart(a));
  const scan = new ToolchainScan(context, startsWithNpm);
  const baseKind = root.base.unresolvedArgs.length === 0 ? baseImageToolchain(root.base.ref) : null;
  if (baseKind) scan.available.set(baseKind, { origin: `base image ${root.base.ref.text}`, fromPackages: false });
  for (const run of instructions) if (run.keyword === 'RUN') scan.run(run);
  const { use, nodeBuild, purgedUse, available } = scan;

  const start = entryArgv(entrypoint) ?? entryArgv(cmd);
  // A program from distro packages (`apt-get install redis-server`, CMD ["redis-server"]) needs a few of the
  // distribution's files, not all of it.
  const family = baseFamily(root.base.ref);
  const packaged = use ?? nodeBuild ?? !(family.distro === 'debian' || family.distro === 'ubuntu') ? null : distroProgram(instructions, start);
  const finding: Use | null =
    use ??
    nodeBuild ??
    (packaged && {
      kind: 'package',
      recipe: 'package',
      what: `the whole ${root.base.ref.text} distribution`,
      origin: '',
      label: packaged.program,
      line: packaged.install.range.start.line + 1,
    }) ??
    purgedUse;
  if (!finding) return null;
  if (toolchainProduct(instructions, available.size, start, final.finalState.workdir) !== null) return null;
  return reportOf(context, model, root, final, finding, packaged);
}

/** The report of a finding (null when the RUN cleans up after itself and the rewrite cannot be made). */
function reportOf(
  context: RuleContext,
  model: SemanticModel,
  root: Stage,
  final: Stage,
  finding: Use,
  packaged: ReturnType<typeof distroProgram>,
): ReportDescriptor | null {
  const what = finding.what ??
    (finding.kind === 'node'
      ? `npm devDependencies (${finding.origin})`
      : `the ${finding.kind === 'package' ? 'distribution' : TOOLCHAIN_LABEL[finding.kind]} (${finding.origin})`);
  const artifact = finding.kind === 'node' ? 'the build output and production node_modules' : 'the artifact';
  const plan = planMultiStage({
    ast: context.ast,
    model,
    settings: context.settings.optimize,
    buildContext: context.buildContext,
    kind: finding.recipe ?? finding.kind,
    trigger:
      finding.purged
        ? `\`${finding.label}\` at line ${finding.line} uses ${what}, which the same RUN removes again: the distribution and the build's leftovers stay`
        : finding.kind === 'package'
        ? `\`${finding.label}\`, installed from distro packages at line ${finding.line}, runs on ${what}`
        : `\`${finding.label}\` at line ${finding.line} uses ${what}`,
  });
  // The RUN already cleans up after itself: worth a finding only when the rewrite can be offered.
  if (finding.purged && !plan.ok) return null;
  const estimate = multiStageEstimate(model, plan.ok ? plan.edits.map((e) => e.text).join('\n') : null);
  return {
    range: final.base.range,
    ...(estimate ? { estimate } : {}),
    message:
      (packaged && finding.kind === 'package'
        ? `Final image keeps ${what}${sizeSuffix(estimate)} to run \`${packaged.program}\` (package ${packaged.pkg}, installed at line ${finding.line}); ` +
          'install it in a builder stage and COPY --from it only the program, its shared libraries and its package files into scratch'
        : finding.purged
          ? `Final image keeps the ${root.base.ref.text} distribution and what the build left behind${sizeSuffix(estimate)} although the RUN at line ` +
            `${finding.line} removes ${what} after \`${finding.label}\`; build in a builder stage and COPY --from it only ${artifact} ` +
            'into a minimal base such as scratch or distroless'
          : `Final image keeps ${what}${sizeSuffix(estimate)} that \`${finding.label}\` uses at line ${finding.line}; build in a builder stage and ` +
            `COPY --from it only ${artifact} into a minimal base such as distroless or -slim`) +
      (plan.ok ? '.' : ` (no automatic fix: ${plan.reason}).`),
    ...(plan.ok ? { fix: () => plan.edits, fixDescription: plan.description, fixExplanation: plan.explanation } : { fixDeclined: plan.reason }),
  };
}
