import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src/index';

// Issue 19: use-multi-stage ended on an untagged gcr.io/distroless image, which pin-base-image (DL3006, on by
// default) flags: the optimizer's output failed dfopt's own lint. Distroless has no version tags; the rewrite now
// writes `:nonroot` (distroless's recommended tag) and says, when the stage has no USER, that the user changes.
const registry = createDefaultRegistry();
const ROOT = resolve(__dirname, '..', '..', 'fixtures', 'optimize');
const distrolessCases = readdirSync(ROOT).filter((c) => {
  const file = join(ROOT, c, 'expected.Dockerfile');
  return existsSync(file) && /^FROM gcr\.io\/distroless\//im.test(readFileSync(file, 'utf8'));
});

describe('optimizer rewrites onto distroless', () => {
  it('covers the distroless fixtures', () => {
    expect(distrolessCases.length).toBeGreaterThan(10);
  });

  it.each(distrolessCases)('%s: the rewrite has no pin-base-image finding under the default config', (c) => {
    const output = readFileSync(join(ROOT, c, 'expected.Dockerfile'), 'utf8');
    expect(lintText(output, {}).findings.filter((f) => f.ruleId === 'pin-base-image').map((f) => f.message)).toEqual([]);
  });

  const go = 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';
  const rewrite = (text: string) => fixText(text, { registry, config: {}, unsafe: true, only: new Set(['use-multi-stage']) });

  it('says that the image now runs as uid 65532 when the stage set no USER', () => {
    const result = rewrite(`${go}CMD ["/out/app"]\n`);
    expect(result.output).toContain('FROM gcr.io/distroless/static-debian12:nonroot\n');
    expect(result.descriptions.map((d) => d.description).join('\n')).toContain('runs as uid 65532, not root as the original did');
  });

  it('says nothing about the user when the stage has its own USER', () => {
    const result = rewrite(`${go}USER 1000\nCMD ["/out/app"]\n`);
    expect(result.output).toContain('FROM gcr.io/distroless/static-debian12:nonroot\n');
    expect(result.output).toContain('USER 1000\n');
    expect(result.descriptions.map((d) => d.description).join('\n')).not.toContain('uid 65532');
  });
});
