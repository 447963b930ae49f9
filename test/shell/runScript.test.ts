import { parseDockerfile } from '../../src/parse';
import { commandUses, parseScript, runCommands, runScripts, wordSpan } from '../../src/shell';

function runs(text: string) {
  return parseDockerfile(text).instructions.filter((i) => i.keyword === 'RUN');
}

/** The source text of every command of the first RUN, and of each of its argv words. */
function located(text: string) {
  return commandUses(runs(text)[0]!).map((c) => ({
    command: text.slice(c.sourceStart, c.sourceEnd),
    words: c.command.argv.map((w) => {
      const r = wordSpan(c, w);
      return text.slice(r.start, r.end);
    }),
    op: c.command.separatorBefore,
  }));
}

describe('runScripts / commandUses: offsets back into the Dockerfile', () => {
  it('maps through line continuations and dropped comment lines', () => {
    const text = 'FROM debian\nRUN apt-get update \\\n# a comment inside\n    && apt-get install -y \\\n      curl \\\n\n      git\n';
    expect(located(text)).toEqual([
      { command: 'apt-get update', words: ['apt-get', 'update'], op: null },
      { command: 'apt-get install -y \\\n      curl \\\n\n      git', words: ['apt-get', 'install', '-y', 'curl', 'git'], op: '&&' },
    ]);
  });

  it('maps through CRLF line endings', () => {
    const text = 'FROM debian\r\nRUN echo "a b" && \\\r\n    ls -la /x\r\n';
    expect(located(text)).toEqual([
      { command: 'echo "a b"', words: ['echo', '"a b"'], op: null },
      { command: 'ls -la /x', words: ['ls', '-la', '/x'], op: '&&' },
    ]);
  });

  it('maps through a backtick escape character, keeping backslashes for the shell', () => {
    const text = '# escape=`\nFROM debian\nRUN printf "a\\tb" && `\n    cp C:\\x /y\n';
    const cmds = located(text);
    expect(cmds.map((c) => c.words)).toEqual([
      ['printf', '"a\\tb"'],
      ['cp', 'C:\\x', '/y'],
    ]);
    expect(commandUses(runs(text)[0]!)[1]!.command.argv[1]!.value).toBe('C:x');
  });

  it('parses heredoc RUN bodies the shell executes, with offsets in the body', () => {
    const text = 'FROM debian\nRUN <<EOF\nset -e\napt-get update\nif true; then echo "x y"; fi\nEOF\nRUN cat <<EOF > /etc/motd\nnot a command\nEOF\n';
    const [first, second] = runs(text);
    expect(located(text)).toEqual([
      { command: 'set -e', words: ['set', '-e'], op: null },
      { command: 'apt-get update', words: ['apt-get', 'update'], op: '\n' },
      { command: 'true', words: ['true'], op: '\n' },
      { command: 'echo "x y"', words: ['echo', '"x y"'], op: ';' },
    ]);
    expect(runScripts(first!).map((s) => s.ast !== null)).toEqual([true, true]);
    // cat reads the body as data: one script (the line), one command.
    expect(runScripts(second!)).toHaveLength(1);
    expect(runCommands(second!).map((c) => c.command.argv.map((w) => w.value))).toEqual([['cat']]);
  });

  it('runs a heredoc fed to bash as a script', () => {
    const text = 'FROM debian\nRUN bash <<\'EOS\'\nmake && make install\nEOS\n';
    expect(commandUses(runs(text)[0]!).map((c) => c.name)).toEqual(['bash', 'make', 'make']);
  });

  it('gives exec form as one command made of the JSON strings', () => {
    expect(runCommands(runs('FROM debian\nRUN ["apt-get", "update"]\n')[0]!)).toEqual([]);
    expect(commandUses(runs('FROM debian\nRUN ["apt-get", "update"]\n')[0]!).map((c) => [c.name, c.execForm])).toEqual([['apt-get', true]]);
  });

  it('falls back to the splitter when the parser rejects the script, and never throws', () => {
    const text = 'FROM debian\nRUN echo "unterminated && apt-get install -y curl\nRUN if ($x) { exit 1 } && echo ok\n';
    const [a, b] = runs(text);
    expect(runScripts(a!)[0]!.ast).toBeNull();
    expect(parseScript(a!.argsText.text).error?.name).toBe('ShellSyntaxError');
    expect(() => commandUses(b!)).not.toThrow();
    expect(commandUses(b!).map((c) => c.name)).toContain('echo');
  });

  it('memoises by text', () => {
    expect(parseScript('apt-get update && ls')).toBe(parseScript('apt-get update && ls'));
  });

  it('exposes commands inside substitutions on request', () => {
    const parsed = parseScript('ARCH="$(dpkg --print-architecture)" && curl -o x `uname -m`');
    expect(parsed.commands.map((c) => c.argv[0]?.value ?? '=')).toEqual(['=', 'curl']);
    expect(parsed.allCommands.map((c) => c.argv[0]?.value ?? '=')).toEqual(['dpkg', '=', 'uname', 'curl']);
  });
});

describe('commandUses: name, args and wrappers', () => {
  const cmds = (script: string) => commandUses(runs(`FROM debian\nRUN ${script}\n`)[0]!);

  it('looks through sudo, env and xargs for the name', () => {
    expect(cmds('sudo -E apt-get install -qy curl && env A=1 /usr/bin/pip install x && find . | xargs -r rm').map((c) => [c.name, c.args.map((a) => a.value).join(' ')])).toEqual([
      ['apt-get', 'install -qy curl'],
      ['pip', 'install x'],
      ['find', '.'],
      ['rm', ''],
    ]);
    expect(cmds('sudo -E apt-get install curl | xargs -r rm').map((c) => c.wrappers)).toEqual([['sudo'], ['xargs']]);
  });
});
