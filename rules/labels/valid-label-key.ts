import { defineRule } from '../../src/engine';
import { labelKeyProblem } from '../../src/model/labels';
import { onLabelPairs } from './support';

export default defineRule({
  meta: {
    id: 'valid-label-key',
    aliases: ['DL3048'],
    category: 'style',
    severity: 'style',
    fix: 'none',
    // Of the 281 findings over the shared corpus (issue 19), 233 were keys with `_` (`resty_image_base`,
    // `build_version`) and 47 upper-case keys (`Description`, `Vendor`, `Version`, `MAINTAINER`): Docker's guideline
    // is advice, and nothing in a build, `docker inspect` or a `--filter label=` rejects them. The hand checks judged
    // all four sampled underscore findings debatable (precision-review.md rows 41-42, hand-check-2026-12-05 rows
    // 35, 45). hadolint flags both (DL3048), so `strict`, `all` and `hadolint` do.
    options: {
      allowUnderscores: {
        type: 'boolean',
        description: 'Accept `_` in a key (`build_version`).',
        default: false,
        recommendedDefault: true,
      },
      allowUpperCase: {
        type: 'boolean',
        description: 'Accept upper-case letters in a key (`Vendor`, `Version`).',
        default: false,
        recommendedDefault: true,
      },
    },
    docs: {
      summary: "Flags LABEL keys that break Docker's key guidelines or use its reserved namespaces.",
      rationale:
        'Docker asks for label keys made of lower-case letters, digits, `.` and `-`, starting with a letter, without ' +
        '`..` or `--`, and namespaced by reverse DNS (`org.opencontainers.image.title`, `com.example.build-id`). ' +
        'Keys outside that are hard to query consistently (`Version` and `version` are different labels), and the ' +
        '`com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces are reserved for Docker itself.',
      bad: 'FROM alpine:3.20\nLABEL Version="1.0" build_id="42"\nLABEL com.docker.compose.project="shop"\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.0" \\\n      com.example.build-id="42"\n',
      notes:
        'One finding per bad key, on the key (hadolint reports the instruction once). Keys are read as BuildKit reads ' +
        'them, quotes removed, in both the `key=value` and the legacy `LABEL key value` form, and `ONBUILD LABEL` keys ' +
        'are checked too. Keys built from a variable (`LABEL $NAME=x`) are skipped: their name is only known at build time. ' +
        'Unlike hadolint 2.12, the `com.docker.desktop.extension.*` and `com.docker.extension.*` keys are accepted: ' +
        'Docker documents them as the labels a Docker Desktop extension image must set. Under `recommended`, `_` and ' +
        'upper case are accepted (`allowUnderscores`, `allowUpperCase`): the guideline advises against them, but ' +
        'nothing breaks; Docker\'s reserved namespaces, empty keys, other characters, `..`, `--` and keys not starting ' +
        'with a letter or ending with a letter or digit are still flagged. `strict`, `all` and `extends: hadolint` ' +
        'flag `_` and upper case as hadolint does.',
    },
  },
  create(context) {
    const lenient = { underscores: context.options.allowUnderscores === true, upperCase: context.options.allowUpperCase === true };
    return onLabelPairs(context, (pair) => {
      if (pair.dynamicKey) return;
      const problem = labelKeyProblem(pair.key, lenient);
      if (!problem) return;
      const advice = problem.includes('reserved')
        ? 'use a reverse-DNS prefix of your own, such as com.example.'
        : "use lower-case letters, digits, '.' and '-', as in com.example.build-id";
      context.report({ range: pair.keyRange, message: `Label key '${pair.key}' ${problem}; ${advice}.` });
    });
  },
});
