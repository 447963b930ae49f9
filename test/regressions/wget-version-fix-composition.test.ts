import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src';

// Fix composition (issue 19, test/corpus/fix.test.ts on 01575.Dockerfile): `wget --version` in a version report was
// flagged by wget-progress, whose unsafe fix made it `wget --progress=dot:giga --version`; that no longer looked like
// a version query to single-download-tool, which then reported the stage's curl downloads. A wget that only prints its
// version or usage prints no progress either.
const text =
  'FROM debian:12\n' +
  'RUN apt-get update && apt-get install -y --no-install-recommends curl wget && rm -rf /var/lib/apt/lists/*\n' +
  "RUN curl --version | sed -n '1p' && wget --version | sed -n '1p'\n" +
  'RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\n';
const rulesOf = (findings: ReadonlyArray<{ ruleId: string }>) => [...new Set(findings.map((f) => f.ruleId))];

describe('wget --version and the wget-progress fix', () => {
  it('wget-progress stays silent on wget --version and -h', () => {
    expect(rulesOf(lintText(text, { extends: 'all' }).findings)).not.toContain('wget-progress');
    expect(rulesOf(lintText('FROM debian:12\nRUN wget -h\n').findings)).not.toContain('wget-progress');
  });

  it('still fires on a wget download in the same RUN', () => {
    const findings = lintText("FROM debian:12\nRUN wget --version && wget https://example.com/a.tgz\n").findings.filter((f) => f.ruleId === 'wget-progress');
    expect(findings.map((f) => f.range.start.column)).toEqual([22]); // the second wget; the first starts at 4
  });

  it('fix --unsafe introduces no single-download-tool finding', () => {
    const config = { extends: 'all' as const };
    const result = fixText(text, { registry: createDefaultRegistry(), config, unsafe: true });
    expect(rulesOf(lintText(text, config).findings)).not.toContain('single-download-tool');
    expect(rulesOf(result.findings)).not.toContain('single-download-tool');
    expect(result.output).toContain("wget --version | sed -n '1p'");
  });
});
