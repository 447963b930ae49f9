import type { RuleModule } from '../src/engine';
import pinBaseImage from './pin-base-image';

/** Every rule dfopt ships, in docs order. */
export const allRules: readonly RuleModule[] = [pinBaseImage];
