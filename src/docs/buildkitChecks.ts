import { BUILDKIT_CHECKS } from '../engine/buildkitChecks';

// The list lives in the engine (which needs it for `# check=error=true`); re-exported here for existing imports.
export { BUILDKIT_CHECK_NAMES, BUILDKIT_CHECKS, isBuildKitCheck } from '../engine/buildkitChecks';

/** hadolint's rule codes: DL followed by four digits. */
export const HADOLINT_CODE = /^DL\d{4}$/;

/** ShellCheck's codes (hadolint reports them for RUN): SC followed by four digits. */
export const SHELLCHECK_CODE = /^SC\d{4}$/;

/** Where an alias is documented upstream: hadolint's wiki or Docker's build-checks reference; undefined if unknown. */
export function aliasReferenceUrl(alias: string): string | undefined {
  if (HADOLINT_CODE.test(alias)) return `https://github.com/hadolint/hadolint/wiki/${alias}`;
  if (SHELLCHECK_CODE.test(alias)) return `https://www.shellcheck.net/wiki/${alias}`;
  const slug = BUILDKIT_CHECKS[alias];
  return slug === undefined ? undefined : `https://docs.docker.com/reference/build-checks/${slug}/`;
}
