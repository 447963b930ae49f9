import type { RuleModule } from '../src/engine';
import chainRun from './chain-run';
import cleanPackageCache from './clean-package-cache';
import pinBaseImage from './pin-base-image';
import preferCopy from './prefer-copy';
import removeInSameLayer from './remove-in-same-layer';
import useMultiStage from './use-multi-stage';

/** Every rule dfopt ships, in docs order. */
export const allRules: readonly RuleModule[] = [pinBaseImage, chainRun, preferCopy, useMultiStage, cleanPackageCache, removeInSameLayer];
