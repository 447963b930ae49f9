import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText, parseDockerfile } from '../../src';
import { DockerfileParseError } from '../../src/parse';

// Found by `npm run fuzz` (seed 1, input 10655: corpus file 00613 with `RUN <<-EOT bash` and no `EOT` line). BuildKit
// refuses a heredoc with no terminator line ("unterminated heredoc"); dfopt parsed it, with the rest of the file as
// the heredoc's body. Then `fix --unsafe` appended a final stage at the end of the file, which landed inside that
// body, so every pass appended another one: ten stages per run, and a second run ten more.
const fix = (text: string, unsafe = false) => fixText(text, { registry: createDefaultRegistry(), config: { extends: 'all' }, unsafe });

const FUZZ_INPUT = [
  'FROM golang:1.18-alpine AS builder',
  'WORKDIR /code',
  'COPY . .',
  'RUN go build -o bin/backend main.go',
  'CMD ["/code/bin/backend"]',
  'FROM builder AS dev-envs',
  'RUN <<-EOT bash',
  'echo inside',
  '',
  'FROM scratch',
  'COPY --from=builder /code/bin/backend /usr/local/bin/backend',
  'CMD ["/usr/local/bin/backend"]',
  '',
].join('\n');

describe('unterminated heredoc', () => {
  it('is a syntax error at its marker, as in BuildKit', () => {
    expect(() => parseDockerfile(FUZZ_INPUT)).toThrow(DockerfileParseError);
    const result = lintText(FUZZ_INPUT);
    expect(result.ast).toBeNull();
    expect(result.findings.map((f) => [f.ruleId, f.range.start.line + 1, f.message])).toEqual([['syntax-error', 7, 'Unterminated heredoc.']]);
  });

  it('fix --unsafe leaves the file alone instead of appending stages into the heredoc', () => {
    const result = fix(FUZZ_INPUT, true);
    expect(result.parsed).toBe(false);
    expect(result.output).toBe(FUZZ_INPUT);
  });

  it.each([
    ['terminated', 'FROM a\nRUN <<EOF\necho hi\nEOF\n'],
    ['terminated, tabs stripped with <<-', 'FROM a\nRUN <<-EOF\n\techo hi\n\tEOF\n'],
    ['terminated with CRLF', 'FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n'],
    ['terminator at end of file without newline', 'FROM a\nCOPY <<EOF /x\nhi\nEOF'],
    // dockerfile-ast misses the terminator after a line ending in `\` (it reads a continuation); BuildKit does not.
    ['terminator after a line ending in a backslash', 'FROM a\nRUN <<EOT\nfind . -exec rm {} \\;\nEOT\nRUN echo next\n'],
    ['two heredocs, both terminated', 'FROM a\nRUN <<A <<B\na\nA\nb\nB\n'],
    // Not heredocs for BuildKit: `<<` alone as a word, and instructions that cannot hold one.
    ['`<< EOF` with a space', 'FROM a\nRUN cat << EOF\nRUN echo next\n'],
    ['ENV value with <<', 'FROM a\nENV A <<EOF\nRUN echo next\n'],
  ])('%s: parses', (_name, text) => {
    expect(() => parseDockerfile(text)).not.toThrow();
  });

  it.each([
    ['second of two heredocs', 'FROM a\nRUN <<A <<B\na\nA\nb\n'],
    ['COPY heredoc', 'FROM a\nCOPY <<EOF /x\nhi\n'],
    ['<<- does not strip spaces', 'FROM a\nRUN <<-EOF\n  echo hi\n  EOF\n'],
  ])('%s without its terminator: syntax error', (_name, text) => {
    expect(() => parseDockerfile(text)).toThrow(/unterminated heredoc/);
  });
});
