import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDfopt, tempProject } from '../support/cli';

// The reports escaped terminal control characters since 76ed28b, but the CLI's own lines did not: they name paths and
// quote the command line, and `dfopt lint` of a file named `x<ESC>]0;pwned<BEL>` (a name a repository can hold) set
// the terminal's title from the "file is empty" line on stderr, as did the text report of `dfopt fix`. They are now
// written as the reports write them (`\x1b`), one line each; the file is still found and read by its real name.
const TITLE = 'x\x1b]0;pwned\x07';
const SHOWN = 'x\\x1b]0;pwned\\x07';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("the CLI's own lines on stderr and in the fix report", () => {
  it.each([
    ['lint of an empty file', ['lint', TITLE], `dfopt: ${SHOWN}: file is empty\n`, 2],
    // ESC c resets the terminal; no glob characters, so the name is looked up as a file.
    ['lint of a missing file', ['lint', 'gone\x1bc.Dockerfile'], 'dfopt: gone\\x1bc.Dockerfile: no such file or directory\n', 2],
    ['fix of an empty file', ['fix', TITLE], `dfopt: ${SHOWN}: file is empty\n`, 2],
    ['explain of an unknown rule', ['explain', TITLE], `dfopt: unknown rule '${SHOWN}'; 'dfopt rules' lists them all\n`, 2],
  ])('%s', (_label, args, stderr, code) => {
    const dir = tempProject({ [TITLE]: '' });
    const r = runDfopt(args, { cwd: dir });
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(code);
  });

  it('an unknown option quoted in a usage error', () => {
    const r = runDfopt(['lint', `--${TITLE}`, 'Dockerfile'], { cwd: tempProject({}) });
    expect(r.stderr).toMatch(/^dfopt: .*x\\x1b\]0;pwned\\x07.*\(see dfopt --help\)\n$/);
    expect(r.code).toBe(2);
  });

  it("fix's text report names the file as the reports do, and writes the file by its real name", () => {
    const dir = tempProject({});
    writeFileSync(join(dir, TITLE), 'FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN apk add --no-cache git\n');
    const r = runDfopt(['fix', TITLE], { cwd: dir });
    expect(r.stdout).toContain(`${SHOWN}: applied 1 fix (chain-run ×1)`);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(CONTROL);
    expect(readFileSync(join(dir, TITLE), 'utf8')).toBe('FROM alpine:3.19\nRUN apk add --no-cache curl \\\n && apk add --no-cache git\n');
  });
});
