/**
 * BuildKit's build checks (https://docs.docker.com/reference/build-checks/), by name, with the slug of each
 * check's docs page. Rule aliases may name these; the slug is kept explicitly because names such as
 * `JSONArgsRecommended` do not kebab-case mechanically (`json-args-recommended`).
 */
export const BUILDKIT_CHECKS: Readonly<Record<string, string>> = {
  StageNameCasing: 'stage-name-casing',
  FromAsCasing: 'from-as-casing',
  NoEmptyContinuation: 'no-empty-continuation',
  ConsistentInstructionCasing: 'consistent-instruction-casing',
  DuplicateStageName: 'duplicate-stage-name',
  ReservedStageName: 'reserved-stage-name',
  JSONArgsRecommended: 'json-args-recommended',
  MaintainerDeprecated: 'maintainer-deprecated',
  UndefinedArgInFrom: 'undefined-arg-in-from',
  WorkdirRelativePath: 'workdir-relative-path',
  UndefinedVar: 'undefined-var',
  MultipleInstructionsDisallowed: 'multiple-instructions-disallowed',
  LegacyKeyValueFormat: 'legacy-key-value-format',
  InvalidDefaultArgInFrom: 'invalid-default-arg-in-from',
  FromPlatformFlagConstDisallowed: 'from-platform-flag-const-disallowed',
  RedundantTargetPlatform: 'redundant-target-platform',
  SecretsUsedInArgOrEnv: 'secrets-used-in-arg-or-env',
  InvalidDefinitionDescription: 'invalid-definition-description',
  CopyIgnoredFile: 'copy-ignored-file',
  ExposeProtoCasing: 'expose-proto-casing',
  ExposeInvalidFormat: 'expose-invalid-format',
  InvalidBaseImagePlatform: 'invalid-base-image-platform',
};

export const BUILDKIT_CHECK_NAMES: readonly string[] = Object.keys(BUILDKIT_CHECKS);

export const isBuildKitCheck = (name: string): boolean => Object.hasOwn(BUILDKIT_CHECKS, name);
