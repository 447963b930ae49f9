import type { CommandUse } from '../../src/shell/commandQueries';

const INFO_ONLY = new Set(['--version', '-V', '--help', '-h']);

/**
 * `curl --version`, `wget --help`: a call that only prints what the program is, downloads nothing and shows no
 * progress (issue 19 hand check, 01575.Dockerfile:154).
 */
export const infoOnly = (use: CommandUse): boolean => use.args.length > 0 && use.args.every((w) => INFO_ONLY.has(w.value));
