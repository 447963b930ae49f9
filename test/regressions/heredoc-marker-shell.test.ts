import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src';
import { dfoptShellFindings, lineAndCode } from '../conformance/shellcheck/dfoptFindings';

// Issue 20: `RUN <<EOF` was reported by redirect-without-command (SC2188) at the marker: the shell rules checked the
// instruction line `<<EOF` on its own as a script, where it reads as a redirection with no command. BuildKit never hands
// that line to a shell: the body is the script. The conformance harness extracted the line the same way, so ShellCheck
// was fed `<<EOF` too and the two agreed on a finding that does not exist.
const shellFindings = (text: string) => dfoptShellFindings(text).map(lineAndCode).sort();
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('heredoc marker lines are not shell scripts', () => {
  it('RUN <<EOF: no SC2188 at the marker, the body is still checked', () => {
    const text = lines('FROM debian:12', 'RUN <<EOF', 'cd /srv', 'make > /dev/null', 'EOF', 'RUN <<-EOT', '\t> /var/log/app.log', 'EOT');
    expect(shellFindings(text)).toEqual(['3:SC2164', '7:SC2188']);
  });

  it('two heredocs run as scripts, and a line command reading a heredoc, are still checked', () => {
    const text = lines('FROM debian:12', 'RUN <<A <<B', 'cd /a', 'A', 'cd /b', 'B', 'RUN cat <<EOF > /x && cd /y', 'hi', 'EOF');
    expect(shellFindings(text)).toEqual(['3:SC2164', '5:SC2164', '7:SC2164']);
  });
});

// Item 2 of the same work: CRLF heredoc bodies and ONBUILD RUN scripts are checked, with Dockerfile positions.
describe('CRLF heredocs and ONBUILD RUN', () => {
  const config = { extends: 'all' as const };
  const at = (text: string, ruleId: string) =>
    lintText(text, config)
      .findings.filter((f) => f.ruleId === ruleId)
      .map((f) => `${f.range.start.line + 1}:${f.range.start.column + 1}-${f.range.end.line + 1}:${f.range.end.column + 1}`);

  it('positions in a CRLF heredoc body', () => {
    const text = 'FROM debian:12\r\nRUN <<EOF\r\necho `date`\r\ncd /srv\r\nEOF\r\n';
    expect(at(text, 'prefer-dollar-paren')).toEqual(['3:6-3:12']);
    expect(at(text, 'cd-or-exit')).toEqual(['4:1-4:8']);
    expect(at(text, 'redirect-without-command')).toEqual([]);
  });

  it('ONBUILD RUN, across a CRLF continuation', () => {
    const text = 'FROM debian:12\r\nONBUILD RUN echo `date` \\\r\n  && cd /x\r\n';
    expect(at(text, 'prefer-dollar-paren')).toEqual(['2:18-2:24']);
    expect(at(text, 'cd-or-exit')).toEqual(['3:6-3:11']);
  });

  it('ONBUILD RUN in a bash stage uses the stage dialect; exec form is skipped', () => {
    const text = lines('FROM debian:12', 'SHELL ["/bin/bash", "-c"]', 'ONBUILD RUN mkdir -p /opt/{a,b}', 'ONBUILD RUN ["sh", "-c", "cd /x; make"]');
    expect(shellFindings(text)).toEqual([]);
    expect(shellFindings(lines('FROM debian:12', 'ONBUILD RUN mkdir -p /opt/{a,b}'))).toEqual(['2:SC3009']);
  });

  it('fixes apply in CRLF heredocs and ONBUILD RUN, keeping the line endings', () => {
    const registry = createDefaultRegistry();
    const fix = (text: string) => fixText(text, { registry, config: { rules: { 'prefer-dollar-paren': 'warning' } } }).output;
    expect(fix('FROM debian:12\r\nRUN <<EOF\r\necho `date`\r\nEOF\r\n')).toBe('FROM debian:12\r\nRUN <<EOF\r\necho $(date)\r\nEOF\r\n');
    expect(fix('FROM debian:12\r\nONBUILD RUN echo `date` \\\r\n  && true\r\n')).toBe('FROM debian:12\r\nONBUILD RUN echo $(date) \\\r\n  && true\r\n');
  });
});
