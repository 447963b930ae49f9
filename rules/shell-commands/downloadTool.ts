import type { CommandUse } from '../../src/shell/commandQueries';

/** curl/wget options that only print the version or the usage and exit. */
const INFO_ONLY = new Set(['--version', '-V', '--help', '-h']);

/**
 * Whether a curl or wget command only prints its version or usage (`curl --version` in a version report): it downloads
 * nothing and prints no progress (issue 19 hand check, 01575.Dockerfile:154).
 */
export function onlyPrintsInfo(use: CommandUse): boolean {
  return use.args.length > 0 && use.args.every((w) => INFO_ONLY.has(w.value));
}
