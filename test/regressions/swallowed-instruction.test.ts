import { fix, lintText } from '../../src/index';

// Issue 19, "Fixes that must change": corpus 02205.Dockerfile:351-352. A stray `\` and an empty line joined the next
// RUN into the previous one; no-empty-continuation's safe fix removed the empty line and with it the only hint.
const TEXT =
  'FROM debian:12\nRUN apt-get clean && \\\n    rm -rf /var/lib/apt/lists/* \\\n\n' +
  '# CI/QA expects "python" executable (not python3).\nRUN rm -f /usr/bin/python && \\\n    ln -s /usr/bin/python3 /usr/bin/python\n';

describe('an instruction keyword swallowed into the previous instruction', () => {
  it('is an error finding', () => {
    const found = lintText(TEXT).findings.filter((f) => f.ruleId === 'instruction-in-arguments');
    expect(found.map((f) => [f.severity, f.range.start.line + 1])).toEqual([['error', 6]]);
  });
  it('the safe fix keeps the text and the finding; the unsafe fix splits the instructions', () => {
    const safe = fix(TEXT).output;
    expect(safe).toBe(TEXT);
    expect(lintText(safe).findings.some((f) => f.ruleId === 'instruction-in-arguments')).toBe(true);
    const unsafe = fix(TEXT, { unsafe: true }).output;
    expect(unsafe).toContain('rm -rf /var/lib/apt/lists/*\n\n#');
    expect(lintText(unsafe).findings.filter((f) => f.ruleId === 'instruction-in-arguments' || f.ruleId === 'no-empty-continuation')).toEqual([]);
  });
  it('no-empty-continuation says why it has no fix there', () => {
    const [empty] = lintText(TEXT).findings.filter((f) => f.ruleId === 'no-empty-continuation');
    expect(empty!.fix).toBeNull();
    expect(empty!.fixDeclined).toContain('instruction-in-arguments');
  });
});
