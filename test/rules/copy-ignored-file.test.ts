import rule from '../../rules/buildkit-checks/copy-ignored-file';
import { lint, RuleRegistry } from '../../src/engine';
import { memoryBuildContext } from '../support/memoryBuildContext';

const registry = new RuleRegistry([rule]);

function findings(code: string, files: Record<string, string> | null, dockerfile?: string) {
  const results = [code, code.replace(/\n/g, '\r\n')].map((text) =>
    lint(text, {
      registry,
      config: { extends: 'all' },
      ...(files ? { buildContext: memoryBuildContext(files, dockerfile) } : {}),
    })
      .findings.filter((f) => f.ruleId === rule.meta.id)
      .map((f) => ({ line: f.range.start.line + 1, column: f.range.start.column + 1, endColumn: f.range.end.column + 1, message: f.message })),
  );
  expect(results[1]).toEqual(results[0]);
  return results[0]!;
}

describe('copy-ignored-file', () => {
  describe('fires', () => {
    it('on a COPY and an ADD of an ignored file (BuildKit test)', () => {
      const got = findings('FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', { '.dockerignore': '\nDockerfile\n' });
      expect(got).toEqual([
        expect.objectContaining({ line: 2, column: 6, endColumn: 16, message: expect.stringContaining("COPY source 'Dockerfile' is excluded by .dockerignore") }),
        expect.objectContaining({ line: 3, message: expect.stringContaining('ADD source') }),
      ]);
    });

    it('on a file below an ignored directory, and with **', () => {
      const got = findings('FROM alpine\nCOPY ./tmp/a.txt /a\nCOPY src/x/cache.tmp /c\n', { '.dockerignore': 'tmp\n**/*.tmp\n' });
      expect(got.map((f) => f.line)).toEqual([2, 3]);
    });

    it('on COPY . . when everything is ignored', () => {
      expect(findings('FROM scratch\nCOPY . .\n', { '.dockerignore': '*\n' }).map((f) => f.line)).toEqual([2]);
    });

    it('uses <Dockerfile>.dockerignore over .dockerignore', () => {
      const files = { '.dockerignore': 'other\n', 'docker/app.Dockerfile.dockerignore': 'secret.txt\n' };
      expect(findings('FROM alpine\nCOPY secret.txt other /x/\n', files, 'docker/app.Dockerfile').map((f) => f.message)).toEqual([
        expect.stringContaining('docker/app.Dockerfile.dockerignore'),
      ]);
    });

    it('after expanding a known ARG, and in exec form', () => {
      const got = findings('FROM alpine\nARG LOG=build.log\nCOPY $LOG /x/\nCOPY ["app.log", "/y/"]\n', { '.dockerignore': '*.log\n' });
      expect(got.map((f) => f.line)).toEqual([3, 4]);
    });
  });

  describe('does not fire', () => {
    it('without a build context or without a .dockerignore', () => {
      expect(findings('FROM scratch\nCOPY Dockerfile .\n', null)).toEqual([]);
      expect(findings('FROM scratch\nCOPY Dockerfile .\n', { Dockerfile: '' })).toEqual([]);
    });

    it('when the ignore file has exceptions (BuildKit test)', () => {
      expect(findings('FROM scratch\nCOPY ./Dockerfile .\n', { '.dockerignore': '**\n!Dockerfile\n' })).toEqual([]);
    });

    it('on COPY --from and copies of other paths (BuildKit test)', () => {
      const code = 'FROM scratch AS base\nCOPY Dockerfile /foobar\nFROM base\nCOPY --from=base /foobar /Dockerfile\n';
      expect(findings(code, { '.dockerignore': 'foobar\n' })).toEqual([]);
    });

    it('on COPY . . when only dotfiles are ignored, on remote ADD and unknown variables', () => {
      expect(findings('FROM scratch\nCOPY . .\n', { '.dockerignore': '.*\n' })).toEqual([]);
      expect(findings('FROM alpine\nADD https://example.com/a.log /x\nCOPY $UNKNOWN /y\n', { '.dockerignore': '*.log\n*\n' })).toEqual([]);
    });

    it('with the docs pattern */tmp/* on ./tmp/x (one level only)', () => {
      expect(findings('FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt\n', { '.dockerignore': '*/tmp/*\n' })).toEqual([]);
    });
  });
});
