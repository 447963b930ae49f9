import { type Listeners, RuleRegistry, type RuleModule } from '../engine';

/** A rule that threw while linting one text: its listeners stop for that run; the other rules go on. */
export interface RuleFailure {
  readonly ruleId: string;
  readonly error: unknown;
}

/**
 * Collects the failures of one lint run. The engine calls listeners synchronously, so a run is bracketed by
 * `collectFailures` and the wrappers below report into whichever run is current.
 */
let current: RuleFailure[] | null = null;

export function collectFailures<T>(run: () => T): { result: T; failures: readonly RuleFailure[] } {
  const failures: RuleFailure[] = [];
  const outer = current;
  current = failures;
  try {
    return { result: run(), failures };
  } finally {
    current = outer;
  }
}

/**
 * The same rules, each wrapped so that an exception inside one rule (a bug, or text it never expected while the
 * user is half-way through typing) is recorded once per run and silences only that rule: in an editor one broken
 * rule must not take every other diagnostic, or the server, down with it. The CLI keeps failing loudly instead.
 */
export function isolateRules(registry: RuleRegistry): RuleRegistry {
  return new RuleRegistry(registry.rules.map(isolateRule), { withBuiltins: false });
}

function isolateRule(rule: RuleModule): RuleModule {
  return {
    meta: rule.meta,
    create(context) {
      // One flag per run: create() is called once per lint, so a failure ends this rule for this text only.
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        current?.push({ ruleId: rule.meta.id, error });
      };
      let listeners: Listeners;
      try {
        listeners = rule.create(context);
      } catch (error) {
        fail(error);
        return {};
      }
      const wrapped: Record<string, (arg: never) => void> = {};
      // for…in rather than Object.entries: this runs for every rule on every lint, i.e. on every keystroke.
      for (const event in listeners) {
        const handler = (listeners as Record<string, unknown>)[event];
        if (typeof handler !== 'function') continue;
        wrapped[event] = (arg: never) => {
          if (failed) return;
          try {
            (handler as (a: never) => void)(arg);
          } catch (error) {
            fail(error);
          }
        };
      }
      return wrapped as Listeners;
    },
  };
}
