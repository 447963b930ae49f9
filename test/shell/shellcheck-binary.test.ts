// The relay of the real ShellCheck (rule `shellcheck`, `shellcheck: auto|path`, `--shellcheck`): positions mapped back
// into the Dockerfile across continuations, the escape directive and heredocs, and every suppression form by SC code.
// Needs the `shellcheck` binary (Debian's 0.9.0; .ci/run installs it): without it these tests are skipped, loudly.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DfoptConfig, lint, loadConfig } from '../../src';
import { ShellCheckError, shellcheckRunner } from '../../src/shellcheck';

const available = shellcheckRunner('auto') !== null;
if (!available) console.warn('shellcheck is not on PATH: test/shell/shellcheck-binary.test.ts is skipped (apt-get install shellcheck)');
const maybe = available ? describe : describe.skip;

/** `line:column code` (1-based) and the Dockerfile text each relayed finding covers. */
function relayed(text: string, config: DfoptConfig = {}): string[] {
  return lint(text, { config: { shellcheck: 'auto', ...config } })
    .findings.filter((f) => f.ruleId === 'shellcheck')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.column + 1} ${f.code} ${text.slice(f.range.start.offset, f.range.end.offset)}`);
}

describe('without the binary or the setting', () => {
  it('says nothing by default (no process is started)', () => {
    expect(lint('FROM debian:12\nRUN unused=1\n').findings.filter((f) => f.ruleId === 'shellcheck')).toEqual([]);
  });

  it('rejects an explicit path that is not an executable', () => {
    expect(() => shellcheckRunner('/nonexistent/shellcheck')).toThrow(ShellCheckError);
    expect(shellcheckRunner('off')).toBeNull();
  });
});

maybe('with the shellcheck binary', () => {
  it('maps positions across continuation lines', () => {
    const text = 'FROM debian:12\nRUN a=1 && \\\n    echo $undeclared \\\n  && true\n';
    expect(relayed(text)).toEqual(['2:5 SC2034 a', '3:10 SC2154 $undeclared']);
  });

  it('maps positions with the backtick escape character', () => {
    const text = '# escape=`\nFROM debian:12\nRUN a=1 && `\n    echo $undeclared\n';
    expect(relayed(text)).toEqual(['3:5 SC2034 a', '4:10 SC2154 $undeclared']);
  });

  it('maps positions into heredoc bodies, appended to their line or run as a script', () => {
    const text = 'FROM debian:12\nRUN cat <<EOF > /f\nhello $missing\nEOF\nRUN <<EOT\nb=1\necho ok\nEOT\n';
    expect(relayed(text)).toEqual(['3:7 SC2154 $missing', '6:1 SC2034 b']);
  });

  it('maps positions in CRLF files: continuations, heredocs on their line and run as a script', () => {
    // BuildKit keeps the CR of each heredoc line (moby/buildkit#4282: `set -eux` fails as `Illegal option -`), so
    // ShellCheck's SC1017 on a CRLF heredoc script is a real finding, placed at the line's end.
    const script = 'FROM debian:12\r\nRUN <<EOT\r\nb=1\r\necho $missing\r\nEOT\r\n';
    expect(relayed(script)).toEqual(['3:1 SC2034 b', '3:4 SC1017 ', '4:6 SC2154 $missing']);
    const appended = 'FROM debian:12\r\nRUN cat <<EOF > /f \\\r\n && c=1\r\nhello $missing\r\nEOF\r\n';
    expect(relayed(appended)).toEqual(['4:7 SC2154 $missing']);
  });

  it('checks ONBUILD RUN scripts in the scope of the ONBUILD line', () => {
    const text = 'FROM debian:12\r\nARG V\r\nONBUILD RUN a=1 && \\\r\n    echo $undeclared $V\r\nONBUILD RUN ["sh", "-c", "b=1"]\r\n';
    expect(relayed(text)).toEqual(['3:13 SC2034 a', '4:10 SC2154 $undeclared']);
  });

  it('checks a heredoc script under its own #! shell, and skips one that is not shell', () => {
    const text = 'FROM debian:12\nRUN <<EOT\n#!/bin/bash\nc=1\nEOT\nRUN <<EOT\n#!/usr/bin/env python3\nx = 1\nEOT\n';
    expect(relayed(text)).toEqual(['4:1 SC2034 c']);
  });

  it('declares ARG and ENV names (no SC2154), skips exec form, and leaves native codes to the native rules', () => {
    const text = 'FROM debian:12\nARG V=1\nENV W=2\nRUN echo "$V" "$W" "$x"\nRUN ["sh", "-c", "unused=1"]\n';
    expect(relayed(text)).toEqual(['4:21 SC2154 $x']);
  });

  it('keeps ShellCheck level and links its wiki', () => {
    const [finding] = lint('FROM debian:12\nRUN if true; then echo\n', { config: { shellcheck: 'auto' } }).findings.filter((f) => f.ruleId === 'shellcheck');
    expect(finding?.severity).toBe('error');
    expect(finding?.code).toMatch(/^SC1\d{3}$/);
    expect(finding?.docsUrl).toBe(`https://www.shellcheck.net/wiki/${finding?.code}`);
  });

  describe('suppression by SC code', () => {
    const text = 'FROM debian:12\nRUN a=1 && echo $undeclared\n';
    const all = ['2:5 SC2034 a', '2:17 SC2154 $undeclared'];

    it('reports both codes unsuppressed', () => {
      expect(relayed(text)).toEqual(all);
    });

    it('honours # hadolint ignore= and # dfopt-disable-next-line', () => {
      expect(relayed(`FROM debian:12\n# hadolint ignore=SC2034\nRUN a=1 && echo $undeclared\n`)).toEqual(['3:17 SC2154 $undeclared']);
      expect(relayed(`FROM debian:12\n# dfopt-disable-next-line sc2154\nRUN a=1 && echo $undeclared\n`)).toEqual(['3:5 SC2034 a']);
      expect(relayed(`FROM debian:12\n# hadolint ignore=DL3008,SC2034,SC2154\nRUN a=1 && echo $undeclared\n`)).toEqual([]);
    });

    it('honours rules: { SCxxxx: off } (what --rule SCxxxx=off sets) and shellcheck: off', () => {
      expect(relayed(text, { rules: { SC2034: 'off' } })).toEqual(['2:17 SC2154 $undeclared']);
      expect(relayed(text, { rules: { shellcheck: 'off' } })).toEqual([]);
      expect(relayed(text, { shellcheck: 'off' })).toEqual([]);
    });

    it('raises a code with rules: { SCxxxx: error }', () => {
      const levels = lint(text, { config: { shellcheck: 'auto', rules: { SC2154: 'error' } } }).findings.map((f) => `${f.code} ${f.severity}`);
      expect(levels).toEqual(expect.arrayContaining(['SC2034 warning', 'SC2154 error']));
    });

    it("honours .hadolint.yaml's ignored:", () => {
      const dir = mkdtempSync(join(tmpdir(), 'dfopt-scbin-'));
      writeFileSync(join(dir, '.hadolint.yaml'), 'ignored:\n  - SC2154\n');
      const { rules } = loadConfig(join(dir, '.hadolint.yaml'));
      expect(rules).toEqual({ SC2154: 'off' });
      expect(relayed(text, { rules })).toEqual(['2:5 SC2034 a']);
    });
  });
});
