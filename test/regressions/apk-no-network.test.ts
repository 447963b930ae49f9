import { lintText } from '../../src';

// Issue 19 hand check (docs/precision/hand-check-2026-12-05.md, row 15): clean-package-cache flagged
// a lone `apk add --no-network`, which fetches no index, so it leaves nothing in /var/cache/apk.
const cacheFindings = (text: string) =>
  lintText(text).findings.filter((f) => f.ruleId === 'clean-package-cache');

describe('clean-package-cache and apk add --no-network', () => {
  it('stays silent on apk add --no-network', () => {
    expect(cacheFindings('FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps musl\n')).toEqual([]);
  });

  it('still fires when apk update fetched the index earlier in the same RUN', () => {
    expect(cacheFindings('FROM alpine:3.20\nRUN apk update && apk add --no-network musl\n')).toHaveLength(1);
  });

  it('still fires on a plain apk add', () => {
    const findings = cacheFindings('FROM alpine:3.20\nRUN apk add --virtual .rundeps musl\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('/var/cache/apk');
  });
});
