import { fix, lint } from '../../src/index';

// An ARG name may hold any character but `=` (BuildKit builds `ARG V(=1`). Put into a regular expression unescaped,
// such a name made `dfopt lint` end in "internal error: Invalid regular expression: /\$\{?V(\b/" (use-multi-stage's
// rewrite, which carries global ARGs into the final stage), and the Java rewrite the same.
describe('ARG names holding regular expression syntax', () => {
  const go = 'ARG V(=1\nARG (a*)*$=2\nFROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
  const java =
    'ARG J(=21\nARG JAVA_VERSION=21\nFROM eclipse-temurin:${JAVA_VERSION}-jdk\nWORKDIR /workspace\nCOPY . .\nRUN ./mvnw -B package -DskipTests\nENTRYPOINT ["java", "-jar", "target/demo-0.0.1-SNAPSHOT.jar"]\n';

  it.each([
    ['a Go build', go, 'FROM gcr.io/distroless/static-debian12:nonroot'],
    ['a Java build', java, 'FROM eclipse-temurin:${JAVA_VERSION}-jre'],
  ])('%s is linted and rewritten', (_label, text, finalFrom) => {
    expect(lint(text).findings.map((f) => f.ruleId)).toContain('use-multi-stage');
    const fixed = fix(text, { unsafe: true });
    expect(fixed.output).toContain(finalFrom);
    expect(fixed.output.startsWith(text.slice(0, text.indexOf('FROM')))).toBe(true);
  });

  it('a secret-looking ARG whose name holds such syntax is reported (no-secrets-in-arg-env escaped it already; now with the shared escapeRegExp)', () => {
    const findings = lint('FROM alpine:3.19\nARG DB_PASSWORD_(=x\nRUN gpg --receive-keys "$KEY"\n').findings;
    expect(findings.map((f) => f.ruleId)).toContain('no-secrets-in-arg-env');
  });
});
