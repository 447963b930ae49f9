import type { RuleModule } from '../src/engine';
import { buildkitCheckRules } from './buildkit-checks';
import chainRun from './chain-run';
import cleanPackageCache from './clean-package-cache';
import { instructionRules } from './instructions';
import { labelRules } from './labels';
import { packageManagerRules } from './package-managers';
import pinBaseImage from './pin-base-image';
import preferCopy from './prefer-copy';
import removeInSameLayer from './remove-in-same-layer';
import { shellRules } from './shell';
import { shellCommandRules } from './shell-commands';
import { sizeRules } from './size';
import useMultiStage from './use-multi-stage';

/** The image-size and pinning rules at the heart of dfopt. */
const coreRules: readonly RuleModule[] = [pinBaseImage, chainRun, preferCopy, useMultiStage, cleanPackageCache, removeInSameLayer];

/** Every rule dfopt ships. Each folder's index.ts lists its own rules. */
export const allRules: readonly RuleModule[] = [
  ...coreRules,
  ...packageManagerRules,
  ...shellCommandRules,
  ...instructionRules,
  ...labelRules,
  ...buildkitCheckRules,
  ...sizeRules,
  ...shellRules,
];
