import { repository } from '../../package.json';
import type { RuleMeta, RuleModule } from './types';

/** The project's web address: package.json's `repository` is the one place it is set. */
export const REPOSITORY_URL = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
/** Where rule docs are published; `dfopt explain <id>` shows the same text offline, and the package ships the pages. */
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;
const urls = new Map<string, string>();
/** A rule's docs page. One string per rule, not one per finding: a lint keeps the address in each of its findings. */
export const docsUrl = (id: string): string => {
  let url = urls.get(id);
  if (url === undefined) urls.set(id, (url = `${DOCS_BASE_URL}${id}.md`));
  return url;
};

/** Diagnostics the engine itself produces; listed with the rules so ids, docs and config work the same way. */
export const BUILTIN_RULES: readonly RuleModule[] = [
  {
    meta: {
      id: 'syntax-error',
      aliases: ['DL1000'],
      category: 'correctness',
      severity: 'error',
      fix: 'none',
      docs: {
        summary: 'The Dockerfile cannot be parsed, so no other rule ran.',
        rationale: 'BuildKit refuses the file, so the image cannot be built at all.',
        bad: 'FROM alpine:3.20\nRUNN echo hi\n',
        good: 'FROM alpine:3.20\nRUN echo hi\n',
        notes: 'Reported like ESLint reports a parse error: as an error finding (exit 1), not as a usage error.',
      },
    },
    create: () => ({}),
  },
  {
    meta: {
      id: 'invalid-directive',
      aliases: [],
      category: 'correctness',
      severity: 'warning',
      fix: 'none',
      docs: {
        summary: 'An inline `# dfopt-…` comment names a rule that does not exist.',
        rationale: 'A misspelt rule id silently disables nothing, so the finding it was meant to silence keeps firing.',
        bad: '# dfopt-disable-next-line pin-base-img\nFROM alpine\n',
        good: '# dfopt-disable-next-line pin-base-image\nFROM alpine\n',
      },
    },
    create: () => ({}),
  },
  {
    meta: {
      id: 'expansion-too-large',
      aliases: [],
      category: 'correctness',
      severity: 'warning',
      fix: 'none',
      docs: {
        summary: 'Expanding an ARG or ENV value would make it longer than 64 KiB, so dfopt treats the value as unknown from there on.',
        rationale:
          'No real value comes near that size. One that does is a variable referencing itself more than once: ' +
          '`ENV A=${A}${A}` doubles the value on every line, and thirty such lines make a gigabyte that the builder has to ' +
          'expand and the image config has to carry.',
        bad: 'FROM alpine:3.20\nENV A=0123456789abcdef\nENV A=$A$A$A$A$A$A$A$A\nENV A=$A$A$A$A$A$A$A$A\nENV A=$A$A$A$A$A$A$A$A\nENV A=$A$A$A$A$A$A$A$A\nENV A=$A$A$A$A$A$A$A$A\n',
        good: 'FROM alpine:3.20\nENV A=0123456789abcdef\nENV B=$A$A\n',
        notes:
          'Reported by the engine (like `syntax-error`), once per variable, at the ARG or ENV where its value first passes ' +
          'the bound (or at the FROM, WORKDIR or USER whose expansion would). Past that point the value is unknown, as if ' +
          'the ARG had no default, so checks that need it stay silent rather than guess. The bound keeps linting such a ' +
          'file linear in its size instead of exponential.',
      },
    },
    create: () => ({}),
  },
];

/** Rules by id and by alias (aliases case-insensitively, since users type DL3008 and dl3008 alike). */
export class RuleRegistry {
  readonly rules: readonly RuleModule[];
  private readonly byKey = new Map<string, RuleModule>();
  private readonly relaying: readonly RuleModule[];

  constructor(rules: readonly RuleModule[], { withBuiltins = true } = {}) {
    this.rules = withBuiltins ? [...BUILTIN_RULES, ...rules] : [...rules];
    for (const rule of this.rules) {
      for (const key of [rule.meta.id, ...rule.meta.aliases]) {
        const k = key.toLowerCase();
        const existing = this.byKey.get(k);
        if (existing && existing !== rule) {
          throw new Error(`rule key '${key}' is claimed by both ${existing.meta.id} and ${rule.meta.id}`);
        }
        this.byKey.set(k, rule);
      }
    }
    this.relaying = this.rules.filter((rule) => rule.meta.externalCodes);
  }

  /** The rule an id, alias or external code (SCxxxx of the ShellCheck relay) names, or undefined. */
  get(idOrAlias: string): RuleModule | undefined {
    const key = idOrAlias.trim();
    return this.byKey.get(key.toLowerCase()) ?? this.relaying.find((rule) => rule.meta.externalCodes!.pattern.test(key));
  }

  /**
   * The one code of `rule` that `name` stands for, as the rule spells it, when the rule has several (`DL3007` of
   * pin-base-image, an SC code of the ShellCheck relay); undefined when `name` means the whole rule.
   */
  codeOf(rule: RuleModule, name: string): string | undefined {
    const key = name.trim();
    const { aliases, externalCodes } = rule.meta;
    if (aliases.length > 1) {
      const alias = aliases.find((a) => a.toLowerCase() === key.toLowerCase());
      if (alias) return alias;
    }
    return externalCodes?.pattern.test(key) ? key.toUpperCase() : undefined;
  }

  meta(id: string): RuleMeta | undefined {
    return this.get(id)?.meta;
  }

  /** Closest known ids, for "did you mean" in errors. */
  suggest(unknown: string): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(3, Math.floor(unknown.length / 3)) + 1;
    for (const rule of this.rules) {
      const d = editDistance(unknown.toLowerCase(), rule.meta.id);
      if (d < bestDistance) {
        best = rule.meta.id;
        bestDistance = d;
      }
    }
    return best;
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
