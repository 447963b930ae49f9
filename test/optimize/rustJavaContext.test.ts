import type { LintConfig } from '../../src/engine';
import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src/index';
import { memoryBuildContext } from '../support/memoryBuildContext';

/**
 * The Rust and Java recipes read the build context when they have one (fixtures/optimize has none): Cargo.toml for
 * the binaries `cargo install` puts on the PATH, pom.xml for a jar whose dependencies sit next to it.
 */
const registry = createDefaultRegistry();
const config: LintConfig = { extends: 'all' };
const only = new Set(['use-multi-stage']);
const fix = (text: string, files: Record<string, string>) =>
  fixText(text, { registry, config, unsafe: true, only, buildContext: memoryBuildContext(files) });
const reason = (text: string, files: Record<string, string>): string =>
  lintText(text, config, memoryBuildContext(files)).findings.find((f) => f.ruleId === 'use-multi-stage')!.message;

const CARGO_INSTALL = 'FROM rust:1.82\nWORKDIR /usr/src/server\nCOPY src src\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo install --path .\nCMD ["basic"]\n';

describe('rust recipe with a build context', () => {
  it('takes the binary name of `cargo install --path` from Cargo.toml', () => {
    const result = fix(CARGO_INSTALL, { 'Cargo.toml': '[package]\nname = "basic"\nversion = "0.1.0"\n', 'Cargo.lock': '', 'src/main.rs': 'fn main() {}\n' });
    expect(result.output).toContain('COPY --from=build /usr/local/cargo/bin/basic /usr/local/bin/basic\nCMD ["/usr/local/bin/basic"]\n');
    expect(result.descriptions[0]!.description).not.toContain('taken from the CMD');
  });

  it('reads [[bin]] and src/bin/ binaries', () => {
    const files = {
      'Cargo.toml': '[package]\nname = "tools"\n\n[[bin]]\nname = "basic" # the server\npath = "src/server.rs"\n',
      'Cargo.lock': '',
      'src/server.rs': '',
      'src/bin/migrate.rs': '',
    };
    expect(fix(CARGO_INSTALL, files).output).toContain('CMD ["/usr/local/bin/basic"]');
    expect(fix(CARGO_INSTALL.replace('["basic"]', '["migrate"]'), files).output).toContain('CMD ["/usr/local/bin/migrate"]');
  });

  it('declines when the CMD runs a program the package does not build', () => {
    const files = { 'Cargo.toml': '[package]\nname = "server"\n', 'Cargo.lock': '', 'src/main.rs': '' };
    expect(fix(CARGO_INSTALL, files).output).toBe(CARGO_INSTALL);
    expect(reason(CARGO_INSTALL, files)).toContain('(no automatic fix: CMD runs basic, but `cargo install` at line 5 installs server).');
  });

  it('falls back to the CMD when the context has no manifest where the crate was copied from', () => {
    expect(fix(CARGO_INSTALL, {}).descriptions[0]!.description).toContain('the binary name basic is taken from the CMD');
  });
});

describe('java recipe with a build context', () => {
  const MAVEN = 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD ["java", "-jar", "target/app.jar"]\n';

  it('copies the whole target directory when the pom puts the dependencies next to the jar', () => {
    const pom = '<project><build><plugins><plugin><artifactId>maven-dependency-plugin</artifactId><executions><execution><goals><goal>copy-dependencies</goal></goals></execution></executions></plugin></plugins></build></project>';
    const output = fix(MAVEN, { 'pom.xml': pom }).output;
    expect(output).toContain('COPY --from=build /app/target /app/target\nCMD ["/app/target/app.jar"]\n');
  });

  it('copies the jar alone for a self-contained jar', () => {
    expect(fix(MAVEN, { 'pom.xml': '<project><artifactId>app</artifactId></project>' }).output).toContain('COPY --from=build /app/target/app.jar /app/target/app.jar\n');
  });
});
