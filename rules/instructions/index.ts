import type { RuleModule } from '../../src/engine';
import absoluteWorkdir from './absolute-workdir';
import copyFromKnownStage from './copy-from-known-stage';
import copyFromOtherStage from './copy-from-other-stage';
import copyMultipleSourcesToDir from './copy-multiple-sources-to-dir';
import fromFirst from './from-first';
import healthcheckPresent from './healthcheck-present';
import instructionInArguments from './instruction-in-arguments';
import jsonCmdEntrypoint from './json-cmd-entrypoint';
import noFromPlatform from './no-from-platform';
import noInlineIgnorePragma from './no-inline-ignore-pragma';
import noMaintainer from './no-maintainer';
import singleCmdEntrypointHealthcheck from './single-cmd-entrypoint-healthcheck';
import trustedRegistries from './trusted-registries';
import uniqueStageNames from './unique-stage-names';
import validExposePort from './valid-expose-port';
import validOnbuildTrigger from './valid-onbuild-trigger';

/** Instruction-level checks: WORKDIR, EXPOSE, COPY, CMD/ENTRYPOINT, stages, registries (hadolint). */
export const instructionRules: readonly RuleModule[] = [
  noInlineIgnorePragma,
  instructionInArguments,
  absoluteWorkdir,
  validExposePort,
  singleCmdEntrypointHealthcheck,
  copyMultipleSourcesToDir,
  copyFromKnownStage,
  copyFromOtherStage,
  uniqueStageNames,
  jsonCmdEntrypoint,
  trustedRegistries,
  noFromPlatform,
  validOnbuildTrigger,
  healthcheckPresent,
  fromFirst,
  noMaintainer,
];
