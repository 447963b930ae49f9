import { createDefaultRegistry, lintText } from '../../src/index';
import { fixText } from '../../src/fix';

/**
 * Issue 19, fix composition: modify-in-later-layer was silent about a change inside a copied directory once a later
 * RUN might have written there, so a fix that took that RUN from between the COPY and the change made the finding
 * appear as if the fix had caused it: cache-order moving `COPY . /app` after `pip install` (corpus 01003.Dockerfile:14),
 * chain-run merging `RUN rm …` into the `RUN mv …` after it (01213.Dockerfile:12, safe fixes only). The file is in an
 * earlier layer whichever instruction wrote it, so the rule now reports the change before the fix too.
 */
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const registry = createDefaultRegistry();
const config = { extends: 'all' as const };
const rulesOf = (text: string): Set<string> => new Set(lintText(text, config).findings.map((f) => f.ruleId));

const cases = [
  {
    name: 'cache-order moves the sources after the install (01003.Dockerfile)',
    unsafe: true,
    fix: 'cache-order',
    text: df(
      'FROM python:3.12-slim',
      'WORKDIR /app/backend',
      'COPY . /app',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'RUN chmod +x bin/server',
      'CMD ["./bin/server"]',
    ),
  },
  {
    name: 'chain-run merges a cleanup RUN into the mv after it (01213.Dockerfile)',
    unsafe: false,
    fix: 'chain-run',
    text: df(
      'FROM debian:12-slim',
      'WORKDIR /tool',
      'RUN curl -fsSLo tool.zip https://example.com/tool.zip && unzip tool.zip -d .',
      'RUN rm tool.zip README.md',
      'RUN mv tool-v1*.jar tool.jar',
      'CMD ["java", "-jar", "/tool/tool.jar"]',
    ),
  },
];

describe('modify-in-later-layer does not appear only after another fix', () => {
  for (const c of cases) {
    it(c.name, () => {
      const before = rulesOf(c.text);
      expect(before.has('modify-in-later-layer')).toBe(true);
      const result = fixText(c.text, { registry, config, unsafe: c.unsafe });
      expect(result.applied.has(c.fix)).toBe(true);
      const introduced = result.findings.filter((f) => !before.has(f.ruleId)).map((f) => `${f.ruleId}:${f.range.start.line + 1}`);
      expect(introduced).toEqual([]);
    });
  }
});
