import type { RuleModule } from '../../src/engine';
import aptGetAssumeYes from './apt-get-assume-yes';
import aptNoInstallRecommends from './apt-no-install-recommends';
import dnfAssumeYes from './dnf-assume-yes';
import noAptUpgrade from './no-apt-upgrade';
import noZypperDistUpgrade from './no-zypper-dist-upgrade';
import pinAptVersions from './pin-apt-versions';
import pinApkVersions from './pin-apk-versions';
import pinDnfVersions from './pin-dnf-versions';
import pinGemVersions from './pin-gem-versions';
import pinNpmVersions from './pin-npm-versions';
import pinPipVersions from './pin-pip-versions';
import pinYumVersions from './pin-yum-versions';
import pinZypperVersions from './pin-zypper-versions';
import preferAptGet from './prefer-apt-get';
import yumAssumeYes from './yum-assume-yes';
import zypperNonInteractive from './zypper-non-interactive';

/** Package managers: version pins, non-interactive flags, upgrades (hadolint DL30xx). */
export const packageManagerRules: readonly RuleModule[] = [
  pinAptVersions,
  pinPipVersions,
  pinNpmVersions,
  pinApkVersions,
  pinGemVersions,
  pinYumVersions,
  pinZypperVersions,
  pinDnfVersions,
  aptGetAssumeYes,
  yumAssumeYes,
  zypperNonInteractive,
  dnfAssumeYes,
  aptNoInstallRecommends,
  noAptUpgrade,
  noZypperDistUpgrade,
  preferAptGet,
];
