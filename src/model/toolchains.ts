import type { ImageRef } from './imageRef';

/**
 * Build toolchains: which base images and OS packages bring one, and which commands use one to build something.
 * Pure tables over strings; rules do the shell walking.
 */
export type ToolchainKind = 'c' | 'go' | 'rust' | 'java' | 'node' | 'dotnet';

export const TOOLCHAIN_LABEL: Readonly<Record<ToolchainKind, string>> = {
  c: 'C/C++ compiler toolchain',
  go: 'Go toolchain',
  rust: 'Rust toolchain',
  java: 'JDK/Maven/Gradle toolchain',
  node: 'npm devDependencies',
  dotnet: '.NET SDK',
};

/** Repository without registry and `library/` (Docker Hub official images), lower-cased. */
export function officialName(ref: ImageRef): string | null {
  const registry = ref.registry?.toLowerCase() ?? null;
  let repo = ref.repository.toLowerCase();
  if (registry === 'public.ecr.aws' && repo.startsWith('docker/library/')) repo = repo.slice('docker/library/'.length);
  else if (registry !== null && registry !== 'docker.io' && registry !== 'index.docker.io' && registry !== 'mirror.gcr.io') {
    return registry === 'mcr.microsoft.com' ? `mcr/${repo}` : null;
  }
  if (repo.startsWith('library/')) repo = repo.slice('library/'.length);
  return repo;
}

/** The toolchain a base image ships, judged from well-known official images and their tags only. */
export function baseImageToolchain(ref: ImageRef): ToolchainKind | null {
  const name = officialName(ref);
  if (name === null) return null;
  const tag = (ref.tag ?? '').toLowerCase();
  switch (name) {
    case 'golang':
      return 'go';
    case 'rust':
      return 'rust';
    case 'gcc':
      return 'c';
    case 'maven':
    case 'gradle':
      return 'java';
    case 'openjdk':
    case 'eclipse-temurin':
    case 'amazoncorretto':
    case 'adoptopenjdk':
    case 'ibm-semeru-runtimes':
    case 'sapmachine':
      // JRE variants cannot compile; untagged or `-jdk` ones can.
      return /jre/.test(tag) ? null : 'java';
    case 'node':
      return 'node';
    case 'mcr/dotnet/sdk':
    case 'mcr/dotnet/core/sdk':
      return 'dotnet';
    case 'microsoft/dotnet':
      return /sdk/.test(tag) ? 'dotnet' : null;
    default:
      return null;
  }
}

/** OS packages (apt, apk, yum/dnf/microdnf, zypper names) that make up a toolchain. */
const PACKAGE_TOOLCHAIN: ReadonlyArray<readonly [RegExp, ToolchainKind]> = [
  [/^(gcc|g\+\+|gcc-c\+\+|c\+\+|cpp|clang|clang\+\+|build-essential|build-base|alpine-sdk|gcc-\d+|g\+\+-\d+|clang-\d+|@development-tools|development tools)$/, 'c'],
  [/^(golang|golang-go|golang-\d[\d.]*(-go)?|go)$/, 'go'],
  [/^(cargo|rustc|rust)$/, 'rust'],
  [/^(default-jdk|default-jdk-headless|openjdk-?\d+-jdk(-headless)?|openjdk\d+(-jdk)?|java-[\d.]+-openjdk-devel|java-devel|maven|gradle|temurin-\d+-jdk)$/, 'java'],
  [/^(nodejs|npm|yarn|yarnpkg)$/, 'node'],
  [/^(dotnet-sdk-[\d.]+)$/, 'dotnet'],
];

/** C build helpers: only a toolchain together with a compiler. */
export const C_HELPER_PACKAGE = /^(make|cmake|autoconf|automake|libtool|ninja|ninja-build|meson|pkg-config|pkgconf)$/;
/** Python headers: with a compiler they are there to build C extensions during `pip install`. */
export const PYTHON_HEADERS_PACKAGE = /^(python[\d.]*-dev|python[\d.]*-devel|libpython[\d.]*-dev)$/;

export function packageToolchain(name: string): ToolchainKind | null {
  // apt `pkg=1.2`, apk `pkg=1.2-r0`, `pkg>1`, yum `pkg-1.2.3`: judge the bare name.
  const bare = name.toLowerCase().replace(/[=<>~].*$/, '').replace(/:[a-z0-9]+$/, '');
  for (const [pattern, kind] of PACKAGE_TOOLCHAIN) if (pattern.test(bare)) return kind;
  return null;
}

export const stripPackageVersion = (name: string): string => name.toLowerCase().replace(/[=<>~].*$/, '');

const MAVEN_BUILD_GOALS = /^(package|install|verify|compile|deploy|test-compile|assembly:single|spring-boot:repackage|quarkus:build)$/;
const GRADLE_BUILD_TASKS = /(^|:)(build|assemble|jar|bootjar|shadowjar|war|bootwar|installdist|disttar|distzip|compilejava|classes|nativecompile|buildplugin)$/i;
const NPM_BUILD_SCRIPT = /^(build|compile|dist|bundle|prod|production|package)([:-].*)?$/;

export interface ToolchainUse {
  readonly kind: ToolchainKind;
  /** What to name in messages, e.g. `go build`. */
  readonly label: string;
}

const base = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** The programs toolchainUse has a case for. */
const TOOLCHAIN_EXES: ReadonlySet<string> = new Set([
  'go', 'cargo', 'rustc', 'mvn', 'mvnw', 'gradle', 'gradlew', 'javac', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make', 'cmake',
  'ninja', 'meson', 'configure', 'dotnet', 'npm', 'yarn', 'pnpm', 'npx', 'tsc', 'webpack', 'ng', 'vite', 'next', 'nuxt', 'react-scripts',
]);

/** The programs nativeExtensionInstall answers for besides pip* and python*. */
const NATIVE_EXTENSION_EXES: ReadonlySet<string> = new Set(['gem', 'bundle', 'npm', 'yarn', 'pnpm', 'cpanm', 'cpan', 'pecl']);

/**
 * Whether an argv (already looked through sudo/env) builds something with a toolchain. `node` builds are only the
 * build-script half; the rule pairs them with an install that keeps devDependencies.
 */
export function toolchainUse(argv: readonly string[]): ToolchainUse | null {
  const exe = base(argv[0] ?? '');
  // Most commands are no toolchain: answered before the slice and filter below (garbage for every command of every RUN).
  if (!TOOLCHAIN_EXES.has(exe)) return null;
  const args = argv.slice(1);
  const positional = args.filter((a) => !a.startsWith('-'));
  const sub = positional[0] ?? '';
  switch (exe) {
    case 'go':
      return sub === 'build' || sub === 'install' ? { kind: 'go', label: `go ${sub}` } : null;
    case 'cargo':
      return sub === 'build' || sub === 'install' ? { kind: 'rust', label: `cargo ${sub}` } : null;
    case 'rustc':
      return { kind: 'rust', label: 'rustc' };
    case 'mvn':
    case 'mvnw': {
      const goal = positional.find((g) => MAVEN_BUILD_GOALS.test(g));
      return goal ? { kind: 'java', label: `${exe} ${goal}` } : null;
    }
    case 'gradle':
    case 'gradlew': {
      const task = positional.find((t) => GRADLE_BUILD_TASKS.test(t));
      return task ? { kind: 'java', label: `${exe} ${task}` } : null;
    }
    case 'javac':
      return { kind: 'java', label: 'javac' };
    case 'gcc':
    case 'g++':
    case 'cc':
    case 'c++':
    case 'clang':
    case 'clang++':
      return args.some((a) => a === '--version' || a === '-v' || a === '-dumpversion') ? null : { kind: 'c', label: exe };
    case 'make':
    case 'cmake':
    case 'ninja':
    case 'meson':
    case 'configure':
      return args.some((a) => a === '--version') ? null : { kind: 'c', label: exe === 'configure' ? './configure' : exe };
    case 'dotnet':
      return sub === 'publish' || sub === 'build' ? { kind: 'dotnet', label: `dotnet ${sub}` } : null;
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      const script = sub === 'run' || sub === 'run-script' ? positional[1] : exe === 'npm' ? undefined : sub;
      return script && NPM_BUILD_SCRIPT.test(script) ? { kind: 'node', label: `${exe} ${sub === script ? '' : `${sub} `}${script}` } : null;
    }
    case 'npx': {
      const tool = positional[0] ?? '';
      if (/^(tsc|webpack|webpack-cli)$/.test(tool)) return { kind: 'node', label: `npx ${tool}` };
      if (/^(ng|vite|next|nuxt|react-scripts|parcel|vue-cli-service|gatsby|astro)$/.test(tool) && positional[1] === 'build') {
        return { kind: 'node', label: `npx ${tool} build` };
      }
      return null;
    }
    case 'tsc':
    case 'webpack':
      return { kind: 'node', label: exe };
    case 'ng':
    case 'vite':
    case 'next':
    case 'nuxt':
    case 'react-scripts':
      return sub === 'build' ? { kind: 'node', label: `${exe} build` } : null;
    default:
      return null;
  }
}

/**
 * Installers that compile native extensions when a C compiler is present (pip wheels, gems, node-gyp modules).
 * Counted as a use of the C toolchain only when the image installed a compiler itself.
 */
export function nativeExtensionInstall(argv: readonly string[]): string | null {
  const exe = base(argv[0] ?? '');
  if (!NATIVE_EXTENSION_EXES.has(exe) && !/^(pip|python)[\d.]*$/.test(exe)) return null;
  const positional = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (/^pip[\d.]*$/.test(exe) && positional[0] === 'install') return `${exe} install`;
  if (/^python[\d.]*$/.test(exe)) {
    const m = argv.indexOf('-m');
    if (m !== -1 && /^pip[\d.]*$/.test(argv[m + 1] ?? '') && argv[m + 2] === 'install') return `${exe} -m pip install`;
    if (positional[0] === 'setup.py' && /^(install|build|build_ext|bdist_wheel)$/.test(positional[1] ?? '')) return `${exe} setup.py ${positional[1]}`;
  }
  if (exe === 'gem' && positional[0] === 'install') return 'gem install';
  if (exe === 'bundle' && (positional[0] === 'install' || positional.length === 0)) return 'bundle install';
  if (exe === 'npm' && /^(ci|install|i|rebuild)$/.test(positional[0] ?? '')) return `npm ${positional[0]}`;
  if (exe === 'yarn' && (positional.length === 0 || positional[0] === 'install')) return 'yarn install';
  if (exe === 'pnpm' && positional[0] === 'install') return 'pnpm install';
  if ((exe === 'cpanm' || exe === 'cpan') && positional.length > 0) return exe;
  if (exe === 'pecl' && positional[0] === 'install') return 'pecl install';
  return null;
}

/** `npm ci`, `npm install`, `yarn`, `pnpm install` with devDependencies (no `--production`, `--omit=dev`, …). */
export function installsDevDependencies(argv: readonly string[]): string | null {
  const exe = base(argv[0] ?? '');
  if (exe !== 'npm' && exe !== 'yarn' && exe !== 'pnpm') return null;
  const args = argv.slice(1);
  const positional = args.filter((a) => !a.startsWith('-'));
  const prodOnly = args.some((a) => /^--(production|prod|omit=dev|only=prod(uction)?|omit)$/.test(a) || a === '--omit=dev');
  if (prodOnly) return null;
  if (exe === 'npm' && (positional[0] === 'ci' || ((positional[0] === 'install' || positional[0] === 'i') && positional.length === 1))) {
    return `npm ${positional[0]}`;
  }
  if (exe === 'yarn' && (positional.length === 0 || (positional[0] === 'install' && positional.length === 1))) return 'yarn install';
  if (exe === 'pnpm' && (positional[0] === 'install' || positional[0] === 'i') && positional.length === 1) return 'pnpm install';
  return null;
}

/** `npm prune --production`, `npm ci --omit=dev` after the build, `rm -rf node_modules`: devDependencies dropped. */
export function dropsDevDependencies(argv: readonly string[]): boolean {
  const exe = base(argv[0] ?? '');
  if (exe !== 'npm' && exe !== 'yarn' && exe !== 'pnpm' && exe !== 'rm') return false;
  const args = argv.slice(1);
  const positional = args.filter((a) => !a.startsWith('-'));
  if ((exe === 'npm' || exe === 'pnpm') && positional[0] === 'prune') return true;
  if (exe === 'yarn' && positional[0] === 'workspaces' && args.includes('focus') && args.includes('--production')) return true;
  if ((exe === 'npm' || exe === 'yarn' || exe === 'pnpm') && args.some((a) => /^--(production|prod|omit=dev|only=prod(uction)?)$/.test(a))) {
    return true;
  }
  if (exe === 'rm' && args.some((a) => /(^|\/)node_modules\/?$/.test(a))) return true;
  return false;
}

/** Commands a dev/CI image runs by default: an interactive shell, or the toolchain itself. */
export function isToolchainEntrypoint(argv: readonly string[]): boolean {
  const exe = base(argv[0] ?? '').toLowerCase();
  const positional = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (/^(sh|bash|ash|zsh|dash|fish|ksh)$/.test(exe)) return positional.length === 0;
  // Language REPLs: the image is the language environment itself.
  if (/^(ghci|irb|iex|erl|julia|jshell|scala|sbt|lein|clojure|swipl|ocaml|utop|r)$/.test(exe)) return true;
  if (/^(python[\d.]*|node|php[\d.]*|ruby|perl)$/.test(exe)) return positional.length === 0;
  if (/^(go|cargo|rustc|mvn|mvnw|gradle|gradlew|make|cmake|gcc|g\+\+|cc|clang|javac|jshell|ninja)$/.test(exe)) return true;
  if (exe === 'dotnet') return /^(run|watch|test|build|publish)$/.test(positional[0] ?? '');
  if (exe === 'npm' || exe === 'yarn' || exe === 'pnpm') {
    const script = positional[0] === 'run' || positional[0] === 'run-script' ? positional[1] : positional[0];
    return /^(dev|develop|test|watch|lint|storybook|serve:dev|start:dev|build)/.test(script ?? '') || script === undefined;
  }
  if (exe === 'npx') return /^(nodemon|ts-node|ts-node-dev|jest|vitest|next|ng)$/.test(positional[0] ?? '') && positional[1] !== 'start';
  if (exe === 'nodemon' || exe === 'ts-node') return true;
  // Go live-reload and debugging tools: a development image.
  if (/^(air|dlv|compiledaemon|reflex|modd|gin|fresh|realize)$/.test(exe)) return true;
  return false;
}
