import type { ShellList, SimpleCommandNode } from '../../src/shell/parser';
import { commandName } from './support';

/**
 * Whether a command substitution prints at most one word whatever the machine: its unquoted output cannot split or
 * glob, so quoting it changes nothing. The commands are the ones the shared corpus substitutes unquoted (issue 19):
 * machine facts (`nproc`, `uname -m`, `id -u`, `dpkg --print-architecture`, `xx-info`…), `date` formats without
 * blanks, and `[ … ] && echo --flag`, whose unquoted form is needed (quoted, an empty output becomes an empty
 * argument). Paths (`pwd`, `which`, `go env GOPATH`) are not here: a path can hold a blank.
 */
export function printsAtMostOneWord(list: ShellList): boolean {
  if (list.items.length !== 1) return false;
  const [andOr] = list.items;
  const kinds: Output[] = [];
  for (const pipeline of andOr!.pipelines) {
    const [command] = pipeline.commands;
    if (pipeline.commands.length !== 1 || command?.type !== 'simple') return false;
    const kind = outputOf(command);
    if (kind === 'any') return false;
    kinds.push(kind);
  }
  // `a || b || c` prints what the first command that succeeds prints (a failing command prints nothing to stdout);
  // otherwise two printing commands could both run.
  return andOr!.operators.every((op) => op === '||') || kinds.filter((k) => k === 'word').length <= 1;
}

type Output = 'none' | 'word' | 'any';

function outputOf(command: SimpleCommandNode): Output {
  // Only stderr may be redirected, to a file: `nproc 2>/dev/null` still prints its one word (`2>&1` would not).
  if (command.redirects.some((r) => r.op !== '2>' && r.op !== '2>>')) return 'any';
  const name = commandName(command);
  if (name === null) return 'any';
  if (SILENT.has(name)) return 'none';
  const args = command.argv.slice(1);
  if (!args.every((a) => a.literal && !/\s/.test(a.value))) return 'any';
  // Own entries only: a command named `constructor` or `toString` must not find Object.prototype's.
  const check = Object.hasOwn(SINGLE_WORD, name) ? SINGLE_WORD[name] : undefined;
  return check?.(args.map((a) => a.value)) ? 'word' : 'any';
}

/** Test commands print nothing, whatever their operands. */
const SILENT = new Set(['test', '[', 'true', 'false', ':']);

const one = (pattern: RegExp) => (args: readonly string[]) => args.length === 1 && pattern.test(args[0]!);
const none = (args: readonly string[]) => args.length === 0;

// A `date` format whose conversions print no blank: not %c, %e, %k, %l, %n, %r, %t, %+ (C locale), nor the `_`
// flag, which pads with blanks.
const DATE_FORMAT = /^\+(?:[^%*?[\]]|%[-0^#]?[^cekln rt+%_]|%%)*$/;
const GLOB = /[*?[\]]/;

/** Per command name, the arguments with which it prints one word. */
const SINGLE_WORD: Readonly<Record<string, (args: readonly string[]) => boolean>> = {
  nproc: (args) => args.every((a) => /^(--all|--ignore=\d+)$/.test(a)),
  getconf: one(/^_?(NPROCESSORS_ONLN|NPROCESSORS_CONF|LONG_BIT|PAGESIZE|PAGE_SIZE)$/),
  sysctl: (args) => args.length === 2 && args[0] === '-n' && /^hw\.(ncpu|logicalcpu|physicalcpu)$/.test(args[1]!),
  id: (args) => args.length >= 1 && args.length <= 2 && /^-(u|g|un|nu|gn|ng)$/.test(args[0]!),
  whoami: none,
  arch: none,
  // Not -v or -a: the kernel version has blanks.
  uname: (args) => args.length === 0 || one(/^(-[mrspion]|--(machine|kernel-release|kernel-name|processor|hardware-platform|operating-system|nodename))$/)(args),
  dpkg: one(/^--print-architecture$/),
  'dpkg-architecture': (args) => (args.length === 1 && /^-q[A-Z_]+$/.test(args[0]!)) || (args.length === 2 && /^(-q|--query)$/.test(args[0]!) && /^[A-Z_]+$/.test(args[1]!)),
  apk: one(/^--print-arch$/),
  date: (args) => args.length >= 1 && args.slice(0, -1).every((a) => a === '-u' || a === '--utc') && DATE_FORMAT.test(args[args.length - 1]!),
  // Codename, distributor id or release, short form; not -d (the description has blanks).
  lsb_release: (args) => {
    const letters = args.map((a) => a.replace(/^-/, '')).join('');
    return args.every((a) => /^-[a-z]+$/.test(a)) && letters.includes('s') && /^[cirs]+$/.test(letters) && letters.replace('s', '').length === 1;
  },
  go: (args) => args.length === 2 && args[0] === 'env' && /^(GOARCH|GOOS|GOHOSTARCH|GOHOSTOS|GOARM|GOAMD64|GOVERSION)$/.test(args[1]!),
  rpm: (args) => args.length === 2 && /^(-E|--eval)$/.test(args[0]!) && /^%\{?\??(rhel|fedora|centos|dist|_arch)\}?$/.test(args[1]!),
  'xx-info': (args) => args.length === 0 || one(/^(triple|arch|os|vendor|libc|march|variant|pkg-arch|debian-arch|alpine-arch|rhel-arch)$/)(args),
  'xx-clang': one(/^--print-target-triple$/),
  'xx-clang++': one(/^--print-target-triple$/),
  'xx-cargo': one(/^--print-target-triple$/),
  // A revision name: object names and ref names have no blanks.
  git: (args) => args[0] === 'rev-parse' && args.slice(1, -1).every((a) => /^(--short(=\d+)?|--verify|--abbrev-ref|-q|--quiet)$/.test(a)) && args.length >= 2 && !args[args.length - 1]!.startsWith('-'),
  // One literal word; `-n` only drops the newline.
  echo: (args) => {
    const words = args[0] === '-n' ? args.slice(1) : args;
    return words.length <= 1 && !words.some((w) => GLOB.test(w));
  },
};
