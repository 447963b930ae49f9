/**
 * Programs installed from distro packages (`apt-get install redis-server`, `CMD ["redis-server"]`): the builder
 * installs them as before; the final stage, FROM scratch, gets the program, the files of its package and of the
 * packages it depends on that are not libraries (config and data, not docs or man pages), the shared libraries `ldd`
 * lists for all of them, the CA bundle, /etc/passwd and /etc/group (the users maintainer scripts created), and /tmp.
 * Which files those are is only known in the builder (dpkg's database), so a RUN appended to the builder stages them
 * under /out, owners and modes kept.
 */
import { basename } from 'node:path';
import { commandUses } from '../../shell';
import { managerCommand, packageNames } from '../../shell/packageManagers';
import type { InstructionNode } from '../../parse';
import { debianClosure } from '../../sizes';
import type { Recipe, RecipeInput } from '../types';
import { contextData, lineOf, runtimePackagesReason, startCommand, withContextData } from './support';

/**
 * Packages whose maintainer scripts create state the program needs that no package lists (dpkg -L) and the copy
 * would miss, each with what it is (Debian 12's maintainer scripts).
 */
const MAINTAINER_STATE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^postgresql(-\d+)?$/, 'its maintainer script creates the database cluster (pg_createcluster) under /var/lib/postgresql and /etc/postgresql'],
  [/^(mariadb|mysql)-server(-[\d.]+)?$/, 'its maintainer script initialises the data directory /var/lib/mysql'],
  [/^openssh-server$/, 'its maintainer script generates the host keys in /etc/ssh'],
  [/^slapd$/, 'its maintainer script creates the LDAP database from debconf answers'],
  [/^(nginx(-\w+)?|apache2)$/, 'its maintainer scripts enable modules and sites with symlinks (modules-enabled, sites-enabled) no package lists'],
  [/^rabbitmq-server$/, 'its maintainer script creates the Erlang cookie and the database under /var/lib/rabbitmq'],
  [/^dbus(-daemon)?$/, 'its maintainer script creates /etc/machine-id and the system bus configuration'],
];

/**
 * GUI toolkits and display client libraries: they load plugins, themes, fonts and icon caches that neither ldd nor
 * dpkg -L of the program's package lists, so a copy into scratch would not start.
 */
const GUI_LIBRARY = /^(libx11-6|libwayland-client0|libgtk2\.0-0|libgtk-3-0|libgtk-4-1|libqt5gui5|libqt6gui6)$/;

/**
 * Desktop applications Debian packages, for when the size data does not have the package's dependencies (they are
 * large, and the data holds what Dockerfiles commonly install): each depends on GTK or Qt.
 */
const DESKTOP_APPLICATION =
  /^(gimp|inkscape|audacity|openscad|blender|krita|darktable|kdenlive|shotwell|obs-studio|vlc|mpv|firefox(-esr)?|chromium|thunderbird|evince|eog|gedit|geany|mousepad|xterm|rxvt-unicode|terminator|libreoffice(-\w+)?|freecad|kicad|fritzing|gnucash|calibre|pinta|scribus|handbrake|qbittorrent|transmission-(gtk|qt)|filezilla|wireshark|virt-manager|remmina|meld|zathura|feh|xpdf|gnome-\S+|kde\S*|xfce4(-\S+)?)$/;

/** Why the package is a desktop program, or null: a GUI library among its dependencies, a known application, DISPLAY. */
function desktopReason(pkg: string, displaySet: boolean): string | null {
  const gui = [...(debianClosure([pkg], false) ?? [])].find((p) => GUI_LIBRARY.test(p));
  const why = gui ? `it depends on ${gui}` : DESKTOP_APPLICATION.test(pkg) ? 'a desktop application' : displaySet ? 'the image sets DISPLAY' : null;
  return why && `${pkg} is a GUI program (${why}), whose toolkit loads plugins, themes and fonts that ldd and dpkg -L do not list`;
}

/** Packages a program's own package depends on that need no files copied: libraries (ldd finds them) and setup tools. */
const DEPENDS_SKIPPED = '^(lib|adduser$|debconf|init-system-helpers$|lsb-base$|sysvinit-utils$|systemd|perl|python3|dpkg$|passwd$)';

/**
 * dpkg -L entries that no program reads (documentation, service manager files, shell completions), and the packages'
 * other programs: the one the image starts is copied by itself, with its libraries.
 */
const NOT_RUNTIME =
  '^/usr/share/(doc|doc-base|man|info|lintian|bug|menu|bash-completion|zsh|fish)(/|$)|^/(usr/)?lib/(systemd|tmpfiles\\.d|sysusers\\.d)(/|$)|' +
  '^/etc/(init\\.d|logrotate\\.d|systemd|default)(/|$)|^/(bin|sbin|lib|lib32|lib64|libx32)$|^/(usr/)?s?bin/';

/** Files a program commonly needs at run time and a package rarely lists: its users, the CA bundle, name service setup. */
const RUNTIME_EXTRAS = ['/etc/passwd', '/etc/group', '/etc/nsswitch.conf', '/etc/ssl/certs/ca-certificates.crt', '/tmp'];

const PACKAGE_SUFFIXES = ['', '-server', '-bin', '-tools', '-utils', '-client', 'd'];

/** Interpreters run a program of the image's own (a script), which this recipe would not copy. */
const INTERPRETER = /^(python[\d.]*|pypy3?|node|nodejs|ruby[\d.]*|perl[\d.]*|php[\d.]*|java|sh|bash|dash|ash|zsh|lua[\d.]*|luajit|Rscript|R|tclsh[\d.]*|pwsh|dotnet|mono|erl|elixir|gunicorn|uwsgi)$/;

export interface DistroProgram {
  readonly program: string;
  readonly pkg: string;
  readonly manager: string;
  readonly install: InstructionNode;
}

/** The distro package the start command's program comes from, judged by name (`redis-server`, `memcached`, `curl`). */
export function distroProgram(instructions: readonly InstructionNode[], argv: readonly string[] | null): DistroProgram | null {
  const program = argv?.[0];
  if (!program || program.includes('$')) return null;
  // A program COPY put somewhere, or one run by a relative path, is the image's own, not a package's.
  if (program.includes('/') && !/^\/(usr\/)?s?bin\/[^/]+$/.test(program)) return null;
  const name = basename(program);
  if (INTERPRETER.test(name)) return null;
  // The package names that would provide the program, made once: asked of every package every install names (a fuzz
  // giant's RUN installs 9,000 packages, one command each).
  const candidates = new Set([...PACKAGE_SUFFIXES.map((s) => `${name}${s}`), name.replace(/-server$/, '')]);
  for (const inst of instructions) {
    if (inst.keyword !== 'RUN') continue;
    for (const use of commandUses(inst)) {
      const cmd = managerCommand(use.argv);
      // Distro packages only: a pip or npm package's program is the image's own code, in its language's runtime.
      if (!cmd || !/^(apt|apk|yum|dnf|microdnf|zypper)$/.test(cmd.manager) || !/^(install|add|in)$/.test(cmd.subcommand)) continue;
      const pkg = packageNames(cmd).find((p) => candidates.has(p));
      if (pkg) return { program: name, pkg, manager: cmd.manager, install: inst };
    }
  }
  return null;
}

const shellQuote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The builder RUN that stages the program, its packages' files and its libraries under /out. */
function stagingCommands(program: string, pkg: string): string[] {
  return [
    'mkdir -p /out',
    // Direct dependencies that are not libraries: config and data packages (redis-tools, nginx-common, tzdata).
    `dpkg-query -W -f='\${Depends}, \${Pre-Depends}\\n' ${pkg} > /tmp/depends.txt`,
    `awk -v RS='[,|\\n]' '$1 != "" && $1 !~ /${DEPENDS_SKIPPED}/ { sub(/:.*/, "", $1); print $1 }' /tmp/depends.txt > /tmp/packages.txt`,
    // dpkg -L fails for an alternative that is not installed; the installed ones are still listed.
    `dpkg -L ${pkg} > /tmp/dpkg-files.txt`,
    '(xargs -r -a /tmp/packages.txt dpkg -L || true) >> /tmp/dpkg-files.txt',
    `awk '/^\\// && !/${NOT_RUNTIME.replace(/\//g, '\\/')}/' /tmp/dpkg-files.txt > /tmp/files.txt`,
    `printf '%s\\n' ${RUNTIME_EXTRAS.join(' ')} >> /tmp/files.txt`,
    // What the packages' system users own under /etc and /var: the directories maintainer scripts created for them
    // (/var/lib/redis, /var/log/redis), with their owners.
    "awk -F: '$3 >= 100 && $3 < 65534 {print $1}' /etc/passwd > /tmp/users.txt",
    '(xargs -r -a /tmp/users.txt -I{} find /etc /var -xdev \\( -user {} -o -group {} \\) || true) >> /tmp/files.txt',
    // Directories as themselves (owner and mode a maintainer script set), files as listed; missing ones skipped.
    'tar -cf /tmp/files.tar --no-recursion --ignore-failed-read -T /tmp/files.txt',
    'tar -xf /tmp/files.tar -C /out',
    // A script (cowsay is Perl) would need its interpreter: stop the build rather than ship a program that cannot start.
    `if [ "$(head -c 4 "$(command -v ${shellQuote(program)})")" != "$(printf '\\177ELF')" ]; then echo "dfopt: ${program} is not an ELF binary: scratch cannot run it, undo the use-multi-stage rewrite" >&2; exit 1; fi`,
    `cp --parents -L --remove-destination "$(command -v ${shellQuote(program)})" /out/`,
    `(xargs -r -a /tmp/files.txt ldd "$(command -v ${shellQuote(program)})" 2>/dev/null || true) > /tmp/ldd.txt`,
    `awk '$2 == "=>" && $3 ~ /^\\// {print $3} $1 ~ /^\\// && $1 !~ /:$/ {print $1}' /tmp/ldd.txt > /tmp/libs.txt`,
    // GUI toolkits load plugins, fonts and themes that ldd does not list: stop rather than ship a program that fails
    // (desktopReason declines the programs known to be GUI ones; this catches the others).
    `if grep -q -E '/lib(X11|wayland-client|gtk-[0-9]|Qt[0-9]?Gui)[.]so' /tmp/libs.txt; then echo "dfopt: ${program} links a GUI toolkit, whose plugins and data ldd does not list: undo the use-multi-stage rewrite" >&2; exit 1; fi`,
    'xargs -r -a /tmp/libs.txt -I{} cp --parents -L {} /out/',
  ];
}

/** The Debian/Ubuntu base image's PATH, which scratch does not set: the start command finds the program by it. */
const DEBIAN_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const packageRecipe: Recipe = (input: RecipeInput) => {
  const start = startCommand(input);
  if (!start) return { declined: 'the image has no CMD or ENTRYPOINT naming the program' };
  const node = (input.entrypoint ?? input.cmd)!.node;
  if (start.argv === null || input.needsShell) return { declined: `${start.keyword} at line ${lineOf(node)} needs a shell, which scratch lacks` };
  if (input.entrypoint && input.cmd && input.cmd.argv === null) return { declined: 'the CMD after the ENTRYPOINT needs a shell, which scratch lacks' };
  const found = distroProgram(input.stage.instructions, start.argv);
  if (!found) return { declined: `${start.keyword} runs \`${start.argv[0]}\`, which no package the stage installs is named after` };
  if (found.manager !== 'apt' || (input.family.distro !== 'debian' && input.family.distro !== 'ubuntu')) {
    return { declined: `collecting a package's files with dpkg -L needs a Debian/Ubuntu image, not ${input.stage.base.written}` };
  }
  const state = MAINTAINER_STATE.find(([re]) => re.test(found.pkg));
  if (state) return { declined: `${found.pkg}: ${state[1]}, which copying its files would miss` };
  const desktop = desktopReason(found.pkg, input.stage.finalState.env.has('DISPLAY'));
  if (desktop) return { declined: desktop };
  // Other packages the stage installs may be what the program runs or loads at run time (a helper it execs, fonts,
  // GUI toolkits with their plugins): the copy holds only the program's own package and its dependencies.
  const others = input.runtimePackages.filter((p) => p !== found.pkg && !p.startsWith(`${found.program}-`) && p !== 'ca-certificates' && p !== 'tzdata');
  const runtime = runtimePackagesReason({ ...input, runtimePackages: others }, 'scratch');
  if (runtime) return { declined: runtime };
  const pathSet = input.stage.finalState.env.has('PATH');
  // What COPY/ADD brought in (a config file, a data directory) goes along at the same path.
  const copied = contextData(input, () => false);
  return {
    ecosystem: 'Distro package',
    finalBase: 'scratch',
    baseReason: `${found.program}, the files of ${found.pkg} and of the packages it depends on, and the shared libraries ldd lists are all it needs`,
    artifacts: withContextData([{ from: '/out/', to: '/' }], copied),
    builderEdits: [],
    builderAppend: [stagingCommands(found.program, found.pkg)],
    finalSetup: [],
    ...(pathSet ? {} : { finalEnv: [DEBIAN_PATH] }),
    shellless: true,
    usersCreated: true,
    notes: [
      `${found.program} (from ${found.pkg}, installed at line ${lineOf(found.install)}), its packages' config and data files (dpkg -L, without docs, man pages, service files and other programs) and what their system users own under /etc and /var, the shared libraries ldd lists, /etc/passwd and /etc/group, the CA bundle and /tmp staged under /out in the builder`,
      ...(copied.length > 0 ? [`also copies ${copied.map((c) => c.from).join(', ')}: what COPY/ADD put in the image`] : []),
    ],
    alternatives: [
      'gcr.io/distroless/cc-debian12 — glibc and libssl whether the program uses them or not, and still the same package files to copy',
      'debian:<release>-slim with the package installed again — its maintainer scripts run as written, at about 75 MB more',
    ],
  };
};
