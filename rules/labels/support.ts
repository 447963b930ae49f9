import type { Listeners, RuleContext, RuleModule } from '../../src/engine';
import {
  isValidLabelValue,
  LABEL_FORMAT_NAMES,
  type LabelFormat,
  type LabelPair,
  labelPairs,
} from '../../src/model/labels';
import type { InstructionNode } from '../../src/parse';

/** Listeners that call `visit` for every pair of every `LABEL` and `ONBUILD LABEL`. */
export function onLabelPairs(context: RuleContext, visit: (pair: LabelPair) => void): Listeners {
  const each = (node: InstructionNode): void => {
    for (const pair of labelPairs(node, context.ast)) visit(pair);
  };
  return { LABEL: each, ONBUILD: each };
}

/** A label value for a message: quoted, shortened when long. */
export function shown(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return `'${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine}'`;
}

/**
 * The labels `labelSchema` gives `format`, worked out once per schema (a config's settings are made once): seven
 * rules asked on every lint, with three arrays and a Set each.
 */
function labelsOfFormat(schema: Readonly<Record<string, string>>, format: LabelFormat): ReadonlySet<string> {
  let byFormat = labelsBySchema.get(schema);
  if (byFormat === undefined) labelsBySchema.set(schema, (byFormat = new Map()));
  let labels = byFormat.get(format);
  if (labels === undefined) {
    labels = new Set(Object.entries(schema).filter(([, f]) => f === format).map(([label]) => label));
    byFormat.set(format, labels);
  }
  return labels;
}

const labelsBySchema = new WeakMap<object, Map<LabelFormat, ReadonlySet<string>>>();

/**
 * `create` of a rule that checks the values of the labels `labelSchema` gives `format`. Values that refer to a
 * variable are skipped: they are only known at build time.
 */
export function checkLabelFormat(format: LabelFormat): RuleModule['create'] {
  return (context) => {
    const labels = labelsOfFormat(context.settings.labelSchema, format);
    if (labels.size === 0) return {};
    return onLabelPairs(context, (pair) => {
      if (!labels.has(pair.key) || pair.value === null || pair.dynamicValue) return;
      if (isValidLabelValue(format, pair.value)) return;
      context.report({
        range: pair.value === '' ? pair.range : pair.valueRange,
        message:
          `Label '${pair.key}' is ${pair.value === '' ? 'empty' : shown(pair.value)}, but labelSchema requires ` +
          `${LABEL_FORMAT_NAMES[format]}.`,
      });
    });
  };
}

/** The docs notes every format rule shares. */
export const FORMAT_NOTES =
  'Silent unless `labelSchema` gives a label this format. Checked on every `LABEL` of every stage, and on ' +
  '`ONBUILD LABEL` (hadolint skips those). Values that use a variable (`$VERSION`, `${BUILD_DATE}`) are not ' +
  'checked, since their value is only known at build time; hadolint checks the literal text and reports them. ' +
  'An empty value is reported here and by `label-not-empty`, as hadolint does.';
