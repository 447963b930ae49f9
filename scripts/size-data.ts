/**
 * npm run size-data: regenerates src/sizes/debianData.ts from this machine's apt lists (Debian 12).
 *
 * Reads `apt-cache dumpavail` with an empty dpkg status (every candidate package record of the configured lists) once
 * and resolves dependencies here, so the output depends only on the lists: rerunning on the same lists reproduces the checked-in file byte for
 * byte (`--check` says whether it does). The lists must exist (`apt-get update` once on a fresh machine); the file
 * records the date of the lists it came from. dfopt never runs apt: the data is checked in.
 *
 * Resolution follows what apt does by default closely enough for estimates: Depends and Pre-Depends always,
 * Recommends too unless --no-install-recommends; of alternatives `a | b` the first one that exists; a virtual package
 * goes to its first provider in the lists' order, except that a Recommends of a virtual package with several providers
 * installs none (as apt's MarkInstall does). Sizes are dpkg's Installed-Size (KiB, 1024 bytes).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What Dockerfiles commonly install (the corpus's most frequent apt-get install operands, plus the list). */
const COMMON = [
  'apache2', 'autoconf', 'automake', 'bash', 'build-essential', 'bzip2', 'ca-certificates', 'cargo', 'cmake', 'curl',
  'default-jdk', 'default-jdk-headless', 'default-jre', 'default-jre-headless', 'default-libmysqlclient-dev',
  'dnsutils', 'ffmpeg', 'file', 'g++', 'gcc', 'gettext', 'git', 'gnupg', 'gnupg2', 'golang-go', 'gosu', 'imagemagick',
  'iputils-ping', 'jq', 'less', 'libffi-dev', 'libjpeg-dev', 'libpng-dev', 'libpq-dev', 'libpq5', 'libsqlite3-dev',
  'libssl-dev', 'libtool', 'libxml2-dev', 'libxslt1-dev', 'locales', 'make', 'maven', 'nano', 'netcat-openbsd',
  'nginx', 'nodejs', 'npm', 'openjdk-17-jdk', 'openjdk-17-jdk-headless', 'openjdk-17-jre', 'openjdk-17-jre-headless',
  'openssh-client', 'openssl', 'perl', 'php', 'php-cli', 'pkg-config', 'postgresql-client', 'procps', 'python3',
  'python3-dev', 'python3-pip', 'python3-setuptools', 'python3-venv', 'python3-wheel', 'redis-server', 'rsync', 'ruby', 'ruby-dev',
  'rustc', 'software-properties-common', 'sqlite3', 'sudo', 'supervisor', 'tini', 'tzdata', 'unzip', 'vim', 'wget',
  'xz-utils', 'zip', 'zlib1g-dev',
];

interface Record_ {
  readonly name: string;
  readonly kib: number;
  readonly priority: string;
  readonly depends: string;
  readonly recommends: string;
  readonly provides: string;
}

function parseRecords(text: string): Map<string, Record_> {
  const records = new Map<string, Record_>();
  for (const block of text.split(/\n\n+/)) {
    const field = (name: string): string => {
      const m = new RegExp(`^${name}: (.*(?:\\n .*)*)`, 'm').exec(block);
      return m ? m[1]!.replace(/\n /g, ' ') : '';
    };
    const name = field('Package');
    if (!name || records.has(name)) continue;
    const depends = [field('Pre-Depends'), field('Depends')].filter(Boolean).join(', ');
    records.set(name, { name, kib: Number(field('Installed-Size') || 0), priority: field('Priority'), depends, recommends: field('Recommends'), provides: field('Provides') });
  }
  return records;
}

const names = (field: string): string[][] =>
  field
    .split(',')
    .map((group) => group.split('|').map((alt) => alt.trim().replace(/\s*\(.*?\)/g, '').replace(/:any$/, '').trim()).filter(Boolean))
    .filter((g) => g.length > 0);

function main(): void {
  const check = process.argv.includes('--check');
  const out = path.join(__dirname, '..', 'src', 'sizes', 'debianData.ts');
  const release = /^VERSION="([^"]+)"/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
  const listsDir = '/var/lib/apt/lists';
  const inRelease = readdirSync(listsDir).filter((f) => f.endsWith('_InRelease')).sort();
  if (inRelease.length === 0) {
    console.error('size-data: no apt lists in /var/lib/apt/lists; run `apt-get update` first');
    process.exit(2);
  }
  const listDates = inRelease.map((f) => {
    const text = readFileSync(path.join(listsDir, f), 'utf8');
    return `${/^Suite: (.*)$/m.exec(text)?.[1] ?? '?'} ${/^Date: (.*)$/m.exec(text)?.[1] ?? '?'}`;
  });
  // What `apt-get update` leaves on disk: every file of the lists directory but apt's lock and partial downloads.
  const listFiles = readdirSync(listsDir).filter((f) => f !== 'lock' && f !== 'partial' && f !== 'auxfiles');
  const aptListsBytes = listFiles.reduce((sum, f) => sum + statSync(path.join(listsDir, f)).size, 0);
  const compressed = listFiles.some((f) => /\.(lz4|gz|xz)$/.test(f));

  // An empty dpkg status, so the candidate is what the lists offer a fresh debian:bookworm, not what this machine has
  // installed: here that was nodesource's nodejs 20 (187 MB, no Recommends) in place of Debian's nodejs 18 (4 MB + libnode108).
  const records = parseRecords(
    execFileSync('apt-cache', ['-o', 'Dir::State::status=/dev/null', 'dumpavail'], { encoding: 'utf8', maxBuffer: 1 << 30 }),
  );
  const providers = new Map<string, string[]>();
  for (const r of records.values()) for (const [p] of names(r.provides)) if (p) providers.set(p, [...(providers.get(p) ?? []), r.name]);
  /**
   * Like apt: an alternative or provider already installed satisfies the dependency; else the first that exists. For a
   * Recommends, apt's MarkInstall installs a pure virtual package only when it has exactly one provider: with several it
   * cannot choose and skips it (`apt-get -s install nodejs npm` installs no provider of x-terminal-emulator, which
   * libfile-desktopentry-perl recommends; taking the first provider added cool-retro-term and Qt, ~200 MB).
   */
  let installed: ReadonlySet<string> = new Set();
  const pick = (alternatives: string[], seen: ReadonlySet<string> = new Set(), recommends = false): string | null => {
    const have = (n: string): boolean => seen.has(n) || installed.has(n);
    for (const a of alternatives) if (have(a) && records.has(a)) return a;
    for (const a of alternatives) for (const p of providers.get(a) ?? []) if (have(p)) return p;
    for (const a of alternatives) if (records.has(a)) return a;
    for (const a of alternatives) {
      const providing = providers.get(a);
      if (providing && !(recommends && providing.length > 1)) return providing[0]!;
    }
    return null;
  };

    const closure = (roots: string[], recommends: boolean): Set<string> => {
    const seen = new Set<string>();
      // Roots in the order given, each with its dependencies before the next root.
    const stack = [...roots].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n) || !records.has(n)) continue;
      seen.add(n);
      const r = records.get(n)!;
      for (const g of names(r.depends)) { const p = pick(g, seen); if (p) stack.push(p); }
      if (recommends) for (const g of names(r.recommends)) { const p = pick(g, seen, true); if (p) stack.push(p); }
    }
    return seen;
  };
  // The debootstrap minbase set that debian:bookworm(-slim) consists of: Priority required, plus apt.
  const requiredNames = [...records.values()].filter((r) => r.priority === 'required').map((r) => r.name);
  // debootstrap installs usr-is-merged on bookworm's merged /usr, which satisfies `usrmerge | usr-is-merged` without perl.
  installed = new Set([...requiredNames, 'usr-is-merged']);
  const base = closure([...requiredNames, 'usr-is-merged', 'apt'], false);
  installed = base;
  const missing = COMMON.filter((n) => !records.has(n));
  const kept = closure(COMMON.filter((n) => records.has(n)), true);
  for (const b of base) kept.delete(b);

  const resolved = (field: string): string[] =>
    names(field).map((g) => pick(g, kept)).filter((p): p is string => p !== null && kept.has(p)).filter((p, i, all) => all.indexOf(p) === i).sort();
  const packages: Record<string, [number, string[], string[]]> = {};
  for (const n of [...kept].sort()) {
    const r = records.get(n)!;
    packages[n] = [r.kib, resolved(r.depends), resolved(r.recommends)];
  }

  const text = renderDebianData({
    release: `Debian ${release}`,
    arch: execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim(),
    lists: listDates,
    aptListsBytes,
    aptListsCompressed: compressed,
    missing,
    base: [...base].sort(),
    packages,
  });
  if (check) {
    const same = readFileSync(out, 'utf8') === text;
    console.log(same ? `size-data: ${out} reproduced (${Object.keys(packages).length} packages)` : `size-data: ${out} differs from a fresh run`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(out, text);
  console.log(`size-data: wrote ${Object.keys(packages).length} packages (base ${base.size}, missing ${missing.join(' ') || 'none'}), apt lists ${aptListsBytes} bytes`);
}

/**
 * The text of src/sizes/debianData.ts. The package table (~75 kB) is JSON text that JSON.parse reads on first use:
 * evaluated as an object literal it was ~2,500 nested literals that every `dfopt lint` built at start-up and carried
 * in its V8 code cache (the cache grew 44 kB), whether or not a Debian install was in the file.
 */
function renderDebianData(data: { packages: Record<string, unknown> } & Record<string, unknown>): string {
  const { packages, ...rest } = data;
  // One package a line, so that a regeneration's diff shows which packages changed.
  const lines = (value: unknown): string => JSON.stringify(value).replace(/\],"/g, '],\n"');
  const table = lines(packages);
  // A template literal holds the JSON as written only without these.
  if (/[`\\]|\$\{/.test(table)) throw new Error('size-data: the package table has a character a template literal would change');
  const fields = lines(rest);
  return (
    '// Generated by `npm run size-data` (scripts/size-data.ts); do not edit by hand.\n' +
    '// Read on this machine from its apt lists (`apt-cache dumpavail`), dependencies resolved by the script. Cited: each\n' +
    "// package's Installed-Size, as Debian's Packages index declares it. Measured here: aptListsBytes (the lists on disk).\n" +
    "import type { DebianSizeData } from './types';\n\n" +
    '// JSON, parsed on first use (see renderDebianData in scripts/size-data.ts).\n' +
    `const PACKAGES = \`${table}\`;\n` +
    "let packages: DebianSizeData['packages'] | undefined;\n\n" +
    `export const DEBIAN_DATA: DebianSizeData = ${fields.slice(0, -1)},\n` +
    '  get packages() {\n' +
    "    return (packages ??= JSON.parse(PACKAGES) as DebianSizeData['packages']);\n" +
    '  },\n' +
    '};\n'
  );
}

main();
