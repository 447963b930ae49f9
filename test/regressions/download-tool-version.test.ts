import { lintText } from '../../src';

// Issue 19 hand check (docs/precision/hand-check-2026-12-05.md, row 31): single-download-tool counted
// `curl --version` / `wget --version` in a version report as downloads.
const toolFindings = (text: string) =>
  lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === 'single-download-tool');

describe('single-download-tool and version reports', () => {
  it('stays silent when one tool is only asked for its version', () => {
    expect(toolFindings('FROM debian:12\nRUN wget -q -O /tmp/a https://example.com/a\nRUN curl --version && wget --version\n')).toEqual([]);
  });

  it('still fires when both tools download', () => {
    expect(toolFindings('FROM debian:12\nRUN wget -q -O /tmp/a https://example.com/a\nRUN curl -fsSLo /tmp/b https://example.com/b\n')).toHaveLength(1);
  });
});
