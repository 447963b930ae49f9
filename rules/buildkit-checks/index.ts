import type { RuleModule } from '../../src/engine';
import consistentInstructionCasing from './consistent-instruction-casing';
import copyIgnoredFile from './copy-ignored-file';
import exposeProtoCasing from './expose-proto-casing';
import exposeValidFormat from './expose-valid-format';
import fromAsCasing from './from-as-casing';
import fromPlatformConst from './from-platform-const';
import invalidBaseImagePlatform from './invalid-base-image-platform';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from';
import invalidDefinitionDescription from './invalid-definition-description';
import legacyKeyValueFormat from './legacy-key-value-format';
import noEmptyContinuation from './no-empty-continuation';
import noSecretsInArgEnv from './no-secrets-in-arg-env';
import redundantTargetPlatform from './redundant-target-platform';
import reservedStageName from './reserved-stage-name';
import stageNameCasing from './stage-name-casing';
import undefinedArgInFrom from './undefined-arg-in-from';
import undefinedVar from './undefined-var';

/** Docker BuildKit build checks that hadolint does not cover. */
export const buildkitCheckRules: readonly RuleModule[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  reservedStageName,
  undefinedArgInFrom,
  undefinedVar,
  legacyKeyValueFormat,
  invalidDefaultArgInFrom,
  fromPlatformConst,
  redundantTargetPlatform,
  noSecretsInArgEnv,
  exposeProtoCasing,
  exposeValidFormat,
  invalidBaseImagePlatform,
  invalidDefinitionDescription,
  copyIgnoredFile,
];
