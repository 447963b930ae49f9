import type { RuleModule } from '../../src/engine';
import addExtractsArchives from './add-extracts-archives';
import avoidInteractiveCommands from './avoid-interactive-commands';
import copyRelativeNeedsWorkdir from './copy-relative-needs-workdir';
import envNoSelfReference from './env-no-self-reference';
import noRootUser from './no-root-user';
import noSudo from './no-sudo';
import pipefail from './pipefail';
import singleDownloadTool from './single-download-tool';
import useShellInstruction from './use-shell-instruction';
import useWorkdir from './use-workdir';
import useraddNoLogInit from './useradd-no-log-init';
import wgetProgress from './wget-progress';

/** What RUN commands do: cd, sudo, pipes, wget/curl, useradd (hadolint DL3xxx/DL4xxx). */
export const shellCommandRules: readonly RuleModule[] = [
  avoidInteractiveCommands,
  noRootUser,
  useWorkdir,
  noSudo,
  addExtractsArchives,
  envNoSelfReference,
  copyRelativeNeedsWorkdir,
  useraddNoLogInit,
  wgetProgress,
  singleDownloadTool,
  useShellInstruction,
  pipefail,
];
