// Meta-tests over every rule in the default registry (typescript-eslint style): ids, aliases, docs, fixtures, and
// Biome-style executable docs — each rule's `bad` example must make it fire and its `good` example must not.
// Rules are read from the registry, never listed here, so a new rule is covered the moment it is registered.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILDKIT_CHECK_NAMES, HADOLINT_CODE, isBuildKitCheck, SHELLCHECK_CODE } from '../src/docs/buildkitChecks';
import { renderDocsFiles, renderRuleDoc } from '../src/docs/renderRuleDocs';
import { BUILTIN_RULES, SEVERITIES } from '../src/engine';
import { createDefaultRegistry, type Finding, lintText, type RuleMeta } from '../src/index';
import { shellcheckRunner } from '../src/shellcheck';
import { memoryBuildContext } from './support/memoryBuildContext';

const root = path.resolve(__dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');
const fixturesDir = path.join(root, 'fixtures');

const registry = createDefaultRegistry();
const metas: readonly RuleMeta[] = registry.rules.map((rule) => rule.meta);
const builtinIds = new Set(BUILTIN_RULES.map((rule) => rule.meta.id));
const byId = metas.map((meta) => [meta.id, meta] as const);
const nonBuiltin = byId.filter(([id]) => !builtinIds.has(id));

const CATEGORIES = ['correctness', 'security', 'size', 'cache', 'maintainability', 'style'];
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Findings of one rule, with every rule on (the engine is shared, so this is what users get with `extends: all`),
 * plus the settings and build-context files its docs say the examples need (a label schema, a `.dockerignore`).
 */
/** The ShellCheck relay needs the binary: locally it may be missing (CI installs it), and then it says nothing. */
const needsMissingShellcheck = (id: string): boolean => Boolean(registry.get(id)?.meta.docs.exampleSettings?.shellcheck) && !shellcheckRunner('auto');

function lintFor(id: string, text: string): { own: Finding[]; syntax: Finding | undefined } {
  const docs = registry.get(id)?.meta.docs;
  if (needsMissingShellcheck(id)) {
    console.warn(`${id}: no shellcheck on PATH, its examples are not run (apt-get install shellcheck)`);
    return { own: [], syntax: undefined };
  }
  const context = docs?.exampleContext ? memoryBuildContext(docs.exampleContext) : undefined;
  const { findings } = lintText(text, { ...docs?.exampleSettings, extends: 'all' }, context);
  return { own: findings.filter((f) => f.ruleId === id), syntax: findings.find((f) => f.ruleId === 'syntax-error') };
}

const describeFindings = (findings: readonly Finding[]): string =>
  findings.map((f) => `${f.range.start.line + 1}:${f.range.start.column + 1} ${f.message}`).join('\n');

describe('rule registry', () => {
  it('has the built-in rules and at least one shipped rule', () => {
    expect(builtinIds.size).toBeGreaterThan(0);
    expect(nonBuiltin.length).toBeGreaterThan(0);
  });

  it('has unique ids', () => {
    const seen = new Set<string>();
    const duplicates = metas.map((m) => m.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(duplicates).toEqual([]);
  });

  it('has aliases that are unique across rules and never collide with an id', () => {
    const owners = new Map<string, string[]>();
    for (const meta of metas) {
      for (const key of [meta.id, ...meta.aliases]) {
        const k = key.toLowerCase();
        owners.set(k, [...(owners.get(k) ?? []), meta.id]);
      }
    }
    const clashes = [...owners].filter(([, ids]) => ids.length > 1).map(([key, ids]) => `${key}: ${ids.join(', ')}`);
    expect(clashes).toEqual([]);
  });

  it('knows exactly the 22 BuildKit checks', () => {
    expect(BUILDKIT_CHECK_NAMES).toHaveLength(22);
    expect(new Set(BUILDKIT_CHECK_NAMES).size).toBe(22);
  });
});

describe.each(byId)('%s', (id, meta) => {
  describe('metadata', () => {
    it('has a kebab-case id', () => {
      expect(id).toMatch(KEBAB_CASE);
    });

    it('has aliases that name hadolint codes (DLxxxx), ShellCheck codes (SCxxxx) or BuildKit checks', () => {
      const unknown = meta.aliases.filter((a) => !HADOLINT_CODE.test(a) && !SHELLCHECK_CODE.test(a) && !isBuildKitCheck(a));
      expect(unknown).toEqual([]);
      expect(new Set(meta.aliases).size).toBe(meta.aliases.length);
    });

    it('has a known category, severity and fix safety', () => {
      expect(CATEGORIES).toContain(meta.category);
      expect(SEVERITIES).toContain(meta.severity);
      expect(['none', 'safe', 'unsafe']).toContain(meta.fix);
      if (meta.recommended !== undefined) expect(typeof meta.recommended).toBe('boolean');
    });

    it('has non-empty docs sections and a one-line summary', () => {
      const { docs } = meta;
      const required = (['summary', 'rationale', 'bad', 'good'] as const).filter((key) => !docs[key].trim());
      const optional = (['fixSafety', 'notes'] as const).filter((key) => docs[key] !== undefined && !docs[key].trim());
      expect({ emptySections: [...required, ...optional] }).toEqual({ emptySections: [] });
      expect(docs.summary.trim()).not.toMatch(/\n/);
    });

    it('explains its fix safety when it has a fix', () => {
      if (meta.fix === 'none') return;
      expect(meta.docs.fixSafety?.trim() ?? '').not.toBe('');
    });

    it('describes its options, with defaults of the declared type', () => {
      const problems: string[] = [];
      for (const [name, option] of Object.entries(meta.options ?? {})) {
        if (!option.description.trim()) problems.push(`${name}: no description`);
        const ok =
          option.type === 'string[]'
            ? Array.isArray(option.default) && option.default.every((v) => typeof v === 'string')
            : typeof option.default === option.type;
        if (!ok) problems.push(`${name}: default ${JSON.stringify(option.default)} is not a ${option.type}`);
      }
      expect(problems).toEqual([]);
    });
  });

  describe('executable docs', () => {
    it('fires on the `bad` example', () => {
      const { own, syntax } = lintFor(id, meta.docs.bad);
      if (needsMissingShellcheck(id)) return;
      if (id !== 'syntax-error') expect(syntax?.message).toBeUndefined();
      expect(own.length).toBeGreaterThan(0);
    });

    it('does not fire on the `good` example', () => {
      const { own, syntax } = lintFor(id, meta.docs.good);
      // A good example that does not parse would pass for the wrong reason.
      expect(syntax?.message).toBeUndefined();
      expect(describeFindings(own)).toBe('');
    });
  });

  describe('generated docs', () => {
    it(`docs/rules/${id}.md is up to date (npm run docs)`, () => {
      const file = path.join(docsDir, `${id}.md`);
      expect(existsSync(file) ? 'exists' : `missing: run npm run docs`).toBe('exists');
      expect(readFileSync(file, 'utf8')).toBe(renderRuleDoc(meta));
    });
  });
});

// Fixtures are for shipped rules; the engine's built-ins (syntax-error, invalid-directive) are tested with the engine.
describe.each(nonBuiltin.length > 0 ? nonBuiltin : [['(none)', undefined] as const])('%s fixtures', (id, meta) => {
  const dir = path.join(fixturesDir, id);

  it.each([['bad.Dockerfile', true] as const, ['good.Dockerfile', false] as const])('%s', (name, shouldFire) => {
    if (!meta) return;
    const file = path.join(dir, name);
    expect(existsSync(file) ? 'exists' : `missing: fixtures/${id}/${name}`).toBe('exists');
    const { own, syntax } = lintFor(id, readFileSync(file, 'utf8'));
    expect(syntax?.message).toBeUndefined();
    if (shouldFire && !needsMissingShellcheck(id)) expect(own.length).toBeGreaterThan(0);
    else expect(describeFindings(own)).toBe('');
  });

  it('offers a fix on its bad fixture or bad example when it declares one', () => {
    if (!meta || meta.fix === 'none') return;
    const file = path.join(dir, 'bad.Dockerfile');
    const texts = [meta.docs.bad, ...(existsSync(file) ? [readFileSync(file, 'utf8')] : [])];
    const fixes = texts.flatMap((text) => lintFor(id, text).own.filter((f) => f.fix !== null));
    expect(fixes.length).toBeGreaterThan(0);
    // A rule with unsafe fixes may still mark one finding's fix safe (fixSafety), never the other way round.
    for (const f of fixes) expect([meta.fix, 'safe']).toContain(f.fix?.safety);
  });
});

describe('docs/rules', () => {
  it('holds exactly the generated files, each up to date (npm run docs)', () => {
    const expected = renderDocsFiles(metas);
    const actual = existsSync(docsDir) ? readdirSync(docsDir).filter((name) => name.endsWith('.md')).sort() : [];
    expect(actual).toEqual([...expected.keys()].sort());
    expect(readFileSync(path.join(docsDir, 'README.md'), 'utf8')).toBe(expected.get('README.md'));
  });
});
