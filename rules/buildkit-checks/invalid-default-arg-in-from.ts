import { defineRule } from '../../src/engine';
import { substitute } from '../../src/model/substitute';
import { PREDEFINED_PLATFORM_ARGS, variableReferences } from './support';

// distribution/reference's grammar, as ParseNormalizedNamed applies it.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether `ref` is an image reference BuildKit's reference.ParseNormalizedNamed accepts. */
export function isValidImageReference(ref: string): boolean {
  const m = REFERENCE.exec(ref);
  if (!m) return false;
  const name = m[1]!;
  if (name.length > 255 || /^[a-f0-9]{64}$/.test(name)) return false;
  // A first component without '.', ':' or uppercase that is not localhost is a Docker Hub path, which must be lowercase.
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isDomain = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const path = isDomain ? name.slice(slash + 1) : name;
  return path === path.toLowerCase();
}

/**
 * BuildKit expands a FROM reference with its shell lexer (ProcessWordWithMatches), which removes quotes: `debian:"${V}"`
 * is `debian:12`. Double-quoted text is still expanded; single-quoted text is literal, so its `$` is escaped here.
 */
function unquoteShellWord(word: string, escape: string): string {
  let out = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === escape && quote !== "'" && i + 1 < word.length) {
      out += c + word[++i]!;
    } else if (quote === null && (c === '"' || c === "'")) {
      quote = c;
    } else if (c === quote) {
      quote = null;
    } else {
      out += quote === "'" && c === '$' ? `${escape}$` : c;
    }
  }
  return out;
}

/**
 * A devcontainer template placeholder (`ARG VARIANT=${templateOption:imageVariant}`): the devcontainer CLI replaces it
 * before any build, and BuildKit itself stops at it (unsupported modifier), so the file is a template, not yet a
 * Dockerfile; a literal default would switch the template option off (hand check 2026-12-08, 13 corpus files).
 */
const TEMPLATE_OPTION = /\$\{templateOption:/;

export default defineRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    aliases: ['InvalidDefaultArgInFrom'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    options: {
      allowRequiredArg: {
        type: 'boolean',
        description:
          'Skip a FROM that uses a global ARG declared without any default (`ARG base` + `FROM ${base}`), directly or ' +
          'through another ARG\'s default: such an ARG is a required build argument, and a build without it fails ' +
          'loudly, where a default would hide the missing `--build-arg`. A default that makes an invalid reference is ' +
          'still reported, and so is a variable no ARG declares.',
        default: false,
        recommendedDefault: true,
      },
    },
    docs: {
      summary: 'Flags a FROM whose image reference is empty or invalid when the global ARGs keep their defaults.',
      rationale:
        'A Dockerfile should build without any `--build-arg`. `ARG TAG` + `FROM busybox:${TAG}` gives `busybox:` ' +
        'unless the caller remembers to pass TAG; give the ARG a default, or use `${TAG:-stable}`.',
      bad: 'ARG TAG\nFROM busybox:${TAG}\n',
      good: 'ARG TAG=1.36\nFROM busybox:${TAG}\nARG VARIANT\nFROM busybox:stable${VARIANT}\nARG ALPINE\nFROM alpine:${ALPINE:-3.20}\n',
      notes:
        'Same check as BuildKit\'s InvalidDefaultArgInFrom: the global ARGs are expanded with their defaults (an ARG ' +
        'without one is empty; the predefined platform ARGs take linux/amd64 values) and the result must be a valid ' +
        'image reference. Only FROMs that use variables are checked (a literal invalid name is a parse error, not this ' +
        'check), and a result that names an earlier stage is accepted. Shell quotes are removed before the check, as BuildKit\'s ' +
        'lexer does (`FROM debian:"${VERSION}"` is `debian:12`). A devcontainer template placeholder ' +
        '(`ARG VARIANT=${templateOption:imageVariant}`, in the ARG or the FROM) is left alone: the devcontainer CLI ' +
        'replaces it before the build, and a literal default would switch the template option off. Under `recommended` ' +
        '(option `allowRequiredArg`), unlike BuildKit, an ARG declared without any default is taken as a required ' +
        'build argument (`ARG base` + `FROM ${base}`: a build without `--build-arg base=…` fails loudly) and not ' +
        'flagged; a default that makes an invalid reference still is.',
    },
  },
  create(context) {
    const escape = context.ast.escapeChar;
    const allowRequiredArg = context.options.allowRequiredArg === true;
    let defaults: Map<string, string> | undefined;
    // Values too large to expand (the engine reports those as expansion-too-large): a FROM using one is not judged.
    const unknown = new Set<string>();
    // Global ARGs declared without a default, and those whose default uses one: required build arguments.
    const required = new Set<string>();
    const globalDefaults = (): Map<string, string> => {
      if (defaults) return defaults;
      const values = new Map(PREDEFINED_PLATFORM_ARGS);
      for (const arg of context.model.globalArgs) {
        if (arg.defaultValue === null) {
          // Without a default a global ARG is unset (a predefined one keeps its value).
          if (!PREDEFINED_PLATFORM_ARGS.has(arg.name)) {
            values.delete(arg.name);
            required.add(arg.name);
          }
          continue;
        }
        const sub = substitute(arg.defaultValue, (n) => values.get(n), escape);
        if (variableReferences(arg.defaultValue, escape).some((r) => required.has(r.name))) required.add(arg.name);
        else required.delete(arg.name);
        if (sub.tooLarge || sub.unresolved.some((n) => unknown.has(n)) || TEMPLATE_OPTION.test(arg.defaultValue)) {
          unknown.add(arg.name);
          values.delete(arg.name);
        } else {
          unknown.delete(arg.name);
          values.set(arg.name, sub.value);
        }
      }
      defaults = values;
      return values;
    };
    return {
      FROM(from) {
        const image = from.words[0];
        const references = image ? variableReferences(image.value, escape) : [];
        if (!image || references.length === 0 || TEMPLATE_OPTION.test(image.value)) return;
        const values = globalDefaults();
        const sub = substitute(unquoteShellWord(image.value, escape), (n) => values.get(n), escape);
        if (sub.tooLarge || sub.unresolved.some((n) => unknown.has(n))) return;
        if (allowRequiredArg && references.some((r) => required.has(r.name))) return;
        const result = sub.value;
        if (isValidImageReference(result)) return;
        const stage = context.model.stageOf(from);
        if (result && context.model.stagesNamed(result).some((s) => s !== stage)) return;
        context.report({
          node: image,
          message: `With the default values of its ARGs, '${image.value}' becomes ${result ? `'${result}', not a valid image reference` : 'an empty image name'}; give the ARG a default that makes a valid image.`,
        });
      },
    };
  },
});
