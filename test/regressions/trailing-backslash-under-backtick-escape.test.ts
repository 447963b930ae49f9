import { fix, lintText } from '../../src/index';
import { endsInBareBackslash, parseShell } from '../../src/shell';

// Issue 18, `npm run fuzz -- --seed 4` input #20908: under `# escape=\``, a RUN's trailing `\` is text, so the shell
// script ends in a backslash. The shell parser stepped two characters over it, putting the command's end past the
// script's; clean-package-cache appended its cleanup there, at the start of the next line ("Unknown instruction
// '&&'": the pass was dropped, "a bug in dfopt"). And any argument appended after such a word starts with `\ `, an
// escaped space (apt-no-install-recommends made `curl \ ca-certificates`). Seed 4's #85977 is the same in a CRLF file.
describe('a RUN whose script ends in a bare backslash', () => {
  it('the word ends with the script and keeps its backslash, as in bash and dash', () => {
    const [item] = parseShell('echo a \\').items;
    const [command] = item!.pipelines[0]!.commands;
    expect(command).toMatchObject({ type: 'simple', end: 8 });
    expect(command!.type === 'simple' && command!.argv.map((w) => [w.value, w.end])).toEqual([['echo', 4], ['a', 6], ['\\', 8]]);
  });

  it.each([
    ['# escape=`\nFROM debian:12\nRUN apt-get update \\\n'],
    ['# escape=`\nFROM debian:12\nRUN apt-get update \\\nENV A=1\n'],
    ['# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n'],
  ])('%j: no fix writes after the backslash, and every pass parses', (text) => {
    const result = fix(text, { unsafe: true });
    expect(result.brokenPass).toBeUndefined();
    expect(result.output).not.toMatch(/\\ \S/);
    expect(lintText(text).findings.filter((f) => f.ruleId === 'clean-package-cache').map((f) => f.fixDeclined)).toEqual([expect.stringContaining('is text here')]);
  });

  // Seed 4's #85977, reduced by `npm run fuzz -- --reduce`: in a CRLF file the cleanup landed between the `\r` and the
  // `\n` of the RUN's line break, and the file's line endings became mixed.
  it('a CRLF file keeps CRLF line endings', () => {
    const text = '#escape=`\r\nFROM debian:12\r\nRUN apt-get update\\\r\n';
    const output = fix(text, { unsafe: true }).output;
    expect(output.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['\\', true],
    ['a\\', true],
    ['a\\\\', false],
    ['a\\\\\\', true],
    ['a', false],
    ['', false],
  ])('endsInBareBackslash(%j) is %s', (raw, expected) => {
    expect(endsInBareBackslash(raw)).toBe(expected);
  });
});
