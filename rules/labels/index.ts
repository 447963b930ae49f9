import type { RuleModule } from '../../src/engine';
import labelNotEmpty from './label-not-empty';
import labelValidEmail from './label-valid-email';
import labelValidGitHash from './label-valid-git-hash';
import labelValidRfc3339 from './label-valid-rfc3339';
import labelValidSemver from './label-valid-semver';
import labelValidSpdx from './label-valid-spdx';
import labelValidUrl from './label-valid-url';
import noExtraLabels from './no-extra-labels';
import requiredLabels from './required-labels';
import validLabelKey from './valid-label-key';

/** LABEL schema checks (hadolint DL3048-DL3058, configured through labelSchema). */
export const labelRules: readonly RuleModule[] = [
  validLabelKey,
  requiredLabels,
  noExtraLabels,
  labelNotEmpty,
  labelValidUrl,
  labelValidRfc3339,
  labelValidSpdx,
  labelValidGitHash,
  labelValidSemver,
  labelValidEmail,
];
