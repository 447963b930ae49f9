import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { plainCommand } from '../../src/shell/plainCommand';

// Found by `npm run fuzz` (seed 1, input 9: a corpus file with a U+FEFF pasted into a jar path): a CMD word of plain
// characters that fails the "plain word" test near its end made the regex `(?:[…]+|'…'|"…")+$` backtrack through
// every way of splitting the word, 2^length steps; `dfopt` on this three-line file never finished.
const JAR = '/microservice-demo/microservice-demo-turbine-server/target/microservice-demo-turbine-serve\uFEFFr-0.0.1-SNAPSHOT.jar';
const FUZZ_INPUT = `FROM java\nCMD /usr/bin/java -Xmx400m -Xms400m -jar ${JAR}\nEXPOSE 8989`;

describe('plain CMD words are judged in linear time', () => {
  it('dfopt lints the fuzz reproducer and exits (it hung before)', () => {
    // Not a speed target: it takes milliseconds, and the bound only turns a hang into a failure instead of a stuck run.
    const r = spawnSync(process.execPath, [resolve(__dirname, '..', '..', 'bin', 'dfopt.js'), '--stdin', '--no-color'], {
      input: FUZZ_INPUT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('json-cmd-entrypoint');
  });

  it('still tells plain words from words a shell would change', () => {
    expect(plainCommand('java -jar /a/b\uFEFFc.jar')).toBeNull(); // U+FEFF is not a plain character
    expect(plainCommand(`java -jar /a/b.jar '*' "x y"a`)?.words.map((w) => w.raw)).toEqual(['java', '-jar', '/a/b.jar', "'*'", '"x y"a']);
    expect(plainCommand('echo "$HOME"')).toBeNull();
    expect(plainCommand('ls *.jar')).toBeNull();
  });
});
