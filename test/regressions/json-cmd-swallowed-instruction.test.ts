import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src';

// Issue 18 fuzz run (seed 1, inputs #4221, #60356, #66722, #69835, #79569): a shell-form CMD whose stray `\` joins the
// next instruction got json-cmd-entrypoint's array and instruction-in-arguments' removal of the `\` in the same pass,
// which left `"EXPOSE", "8989"]` as a line of its own: the pass did not parse and `fix --unsafe` failed.
const fix = (text: string) => fixText(text, { registry: createDefaultRegistry(), config: {}, unsafe: true });

describe('json-cmd-entrypoint on a CMD that swallowed an instruction', () => {
  it('fix --unsafe on the fuzz reproducer (BOM, `\\` before a CRLF) parses and splits the instruction out', () => {
    const input = '\ufeffFROM openjdk:11.0.2-jre-slim\nCMD /usr/bin/java -jar app.jar \\\r\nEXPOSE 8989\n';
    const result = fix(input);
    expect(result.brokenPass).toBeUndefined();
    expect(result.output).toBe('\ufeffFROM openjdk:11.0.2-jre-slim\nCMD ["/usr/bin/java", "-jar", "app.jar"]\r\nEXPOSE 8989\n');
  });

  it('the same on an LF file', () => {
    // Not alpine: under recommended a lone command on a BusyBox stage is not reported once the '\' is gone (BusyBox sh execs it).
    const result = fix('FROM debian:12.5-slim\nCMD java -jar app.jar \\\nEXPOSE 8989\n');
    expect(result.brokenPass).toBeUndefined();
    expect(result.output).toBe('FROM debian:12.5-slim\nCMD ["java", "-jar", "app.jar"]\nEXPOSE 8989\n');
  });

  it('lint still reports the shell form, with the fix declined and the reason named', () => {
    const finding = lintText('FROM alpine:3.19\nCMD java -jar app.jar \\\nEXPOSE 8989\n').findings.find((f) => f.ruleId === 'json-cmd-entrypoint');
    expect(finding).toBeDefined();
    expect(finding!.fix).toBeNull();
    expect(finding!.fixDeclined).toMatch(/joins the EXPOSE at line 3/);
  });
});
