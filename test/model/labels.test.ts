import {
  isValidEmail,
  isValidRfc3339,
  isValidSemver,
  isValidSpdxExpression,
  isValidUrl,
  labelKeyProblem,
  labelPairs,
  resultStages,
  stageLabels,
  unquoteWord,
} from '../../src/model/labels';
import { buildSemanticModel } from '../../src/model';
import { parseDockerfile } from '../../src/parse';

const model = (text: string) => buildSemanticModel(parseDockerfile(text));

describe('unquoteWord', () => {
  it.each([
    ['"a b"', 'a b', false],
    ["'a $b'", 'a $b', false],
    ['a\\ b', 'a b', false],
    ['"a\\"b"', 'a"b', false],
    ['"a\\nb"', 'a\\nb', false],
    ['"x"y\'z\'', 'xyz', false],
    ['$VERSION', '$VERSION', true],
    ['"${A:-1}"', '${A:-1}', true],
    ['\\$A', '$A', false],
    ['cost$', 'cost$', false],
  ])('%s', (word, value, dynamic) => {
    expect(unquoteWord(word)).toEqual({ value, dynamic });
  });

  it('uses the escape directive', () => {
    expect(unquoteWord('C:\\dir`"', '`').value).toBe('C:\\dir"');
  });
});

describe('labelPairs', () => {
  it('reads key=value pairs across continuations, with exact ranges', () => {
    const text = 'FROM a\nLABEL "k"="v w" \\\n# c\n  x=1 y=\n';
    const m = model(text);
    const pairs = labelPairs(m.ast.instructions[1]!, m.ast);
    expect(pairs.map((p) => [p.key, p.value])).toEqual([['k', 'v w'], ['x', '1'], ['y', '']]);
    expect(pairs.map((p) => text.slice(p.keyRange.start.offset, p.keyRange.end.offset))).toEqual(['"k"', 'x', 'y']);
    expect(pairs.map((p) => text.slice(p.valueRange.start.offset, p.valueRange.end.offset))).toEqual(['"v w"', '1', '']);
  });

  it('reads the legacy form', () => {
    const text = 'FROM a\nLABEL description  "a shop"  \n';
    const m = model(text);
    const [pair] = labelPairs(m.ast.instructions[1]!, m.ast);
    expect([pair?.key, pair?.value]).toEqual(['description', 'a shop']);
    expect(text.slice(pair!.valueRange.start.offset, pair!.valueRange.end.offset)).toBe('"a shop"');
  });

  it('reads ONBUILD LABEL and ignores other instructions', () => {
    const m = model('FROM a\nONBUILD LABEL a=b\nENV a=b\n');
    expect(labelPairs(m.ast.instructions[1]!, m.ast).map((p) => [p.key, p.onbuild])).toEqual([['a', true]]);
    expect(labelPairs(m.ast.instructions[2]!, m.ast)).toEqual([]);
  });
});

describe('stage labels', () => {
  it('inherits through FROM <stage> and skips stages other stages use', () => {
    const m = model('FROM a AS base\nLABEL x=1\nFROM base AS app\nLABEL y=2\nFROM b AS tool\nFROM c\nCOPY --from=tool / /\n');
    const labels = stageLabels(m);
    expect([...(labels.get(m.stages[1]!)?.keys() ?? [])]).toEqual(['x', 'y']);
    expect(resultStages(m).map((s) => s.index)).toEqual([1, 3]);
  });
});

describe('validators', () => {
  it('label keys', () => {
    expect(labelKeyProblem('org.opencontainers.image.title')).toBeNull();
    expect(labelKeyProblem('a')).toBeNull();
    expect(labelKeyProblem('build-2')).toBeNull();
    for (const bad of ['', 'A', 'a_b', '-a', 'a.', 'a--b', 'org.dockerproject.x']) expect(labelKeyProblem(bad)).not.toBeNull();
    const lenient = { underscores: true, upperCase: true };
    for (const ok of ['A', 'a_b', 'Build_Version', 'Vendor2']) expect(labelKeyProblem(ok, lenient)).toBeNull();
    for (const bad of ['', '_a', 'a_', '-a', 'a.', 'A--b', 'a b', 'Org.DockerProject.x']) expect(labelKeyProblem(bad, lenient)).not.toBeNull();
  });

  it('URLs', () => {
    expect(isValidUrl('https://user:pw@example.com:8443/a/b?c=d&e#f')).toBe(true);
    expect(isValidUrl('file:///etc/hosts')).toBe(true);
    expect(isValidUrl('https://example.com/%zz')).toBe(false);
    expect(isValidUrl('/relative/path')).toBe(false);
  });

  it('e-mail', () => {
    expect(isValidEmail('a.b+c@d-e.example')).toBe(true);
    expect(isValidEmail('a@b@c')).toBe(false);
    expect(isValidEmail('.a@b.c')).toBe(false);
  });

  it('RFC 3339', () => {
    expect(isValidRfc3339('1999-12-31T23:59:59-08:00')).toBe(true);
    expect(isValidRfc3339('2024-13-01T00:00:00Z')).toBe(false);
    expect(isValidRfc3339('2024-01-01T24:00:00Z')).toBe(false);
    expect(isValidRfc3339('2024-01-01T00:00:00+0200')).toBe(false);
  });

  it('semver', () => {
    expect(isValidSemver('10.20.30')).toBe(true);
    expect(isValidSemver('1.0.0-0A.is.legal')).toBe(true);
    expect(isValidSemver('1.2.3-01')).toBe(false);
    expect(isValidSemver('1.2.3.4')).toBe(false);
  });

  it('SPDX', () => {
    expect(isValidSpdxExpression('DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2')).toBe(true);
    expect(isValidSpdxExpression('mit and apache-2.0')).toBe(true);
    expect(isValidSpdxExpression('MIT AND')).toBe(false);
    expect(isValidSpdxExpression('MIT Apache-2.0')).toBe(false);
    expect(isValidSpdxExpression('()')).toBe(false);
    expect(isValidSpdxExpression('')).toBe(false);
  });
});
