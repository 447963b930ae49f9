/** Installed sizes of Debian packages (scripts/size-data.ts writes them; see debianData.ts). */
export interface DebianSizeData {
  /** `Debian 12 (bookworm)`: the release the lists are for. */
  readonly release: string;
  readonly arch: string;
  /** Suite and date of each list the data came from. */
  readonly lists: readonly string[];
  /** Bytes of /var/lib/apt/lists after `apt-get update` of the release's default sources (measured). */
  readonly aptListsBytes: number;
  /** The lists were stored compressed (the docker-gzip-indexes setting of Debian's images). */
  readonly aptListsCompressed: boolean;
  /** Names of the script's package list that the lists do not have. */
  readonly missing: readonly string[];
  /** What debian:<release>(-slim) already has: Priority required and apt, with their dependencies. */
  readonly base: readonly string[];
  /** name → [Installed-Size in KiB, Depends and Pre-Depends, Recommends], the latter two resolved to package names. */
  readonly packages: Readonly<Record<string, readonly [number, readonly string[], readonly string[]]>>;
}
