import { type DockerfileAST, type InstructionNode, memoKey, memoOn, memoOnObject, objectMemoKey, type WordNode } from '../parse';
import type { Range } from '../parse/source';
import type { SemanticModel, Stage } from './semanticModel';
import { spdxExceptionIds, spdxLicenseIds } from './spdxIds';

/** One `key=value` (or legacy `key value`) of a LABEL instruction, unquoted as BuildKit reads it. */
export interface LabelPair {
  readonly key: string;
  /** Null when the word has no `=` in a multi-pair LABEL (BuildKit rejects it; left to the parser's rules). */
  readonly value: string | null;
  /** The key contains a variable reference (`$NAME`, `${NAME}`): its real name is only known at build time. */
  readonly dynamicKey: boolean;
  /** The value contains a variable reference: its real value is only known at build time. */
  readonly dynamicValue: boolean;
  readonly keyRange: Range;
  /** The value as written (quotes included); empty at the end of the key for `key=`. */
  readonly valueRange: Range;
  /** The whole `key=value`. */
  readonly range: Range;
  /** The LABEL instruction (for `ONBUILD LABEL`, the trigger). */
  readonly instruction: InstructionNode;
  /** Written as `ONBUILD LABEL`: it labels images built FROM this one, not this one. */
  readonly onbuild: boolean;
}

/** Formats a `labelSchema` (hadolint's `label-schema`) can require of a label's value. */
export const LABEL_FORMATS = ['text', 'url', 'email', 'semver', 'rfc3339', 'spdx', 'hash'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export const isLabelFormat = (format: string): format is LabelFormat => (LABEL_FORMATS as readonly string[]).includes(format);

/** How each format is named in messages. */
export const LABEL_FORMAT_NAMES: Readonly<Record<LabelFormat, string>> = {
  text: 'text',
  url: 'an absolute URL (RFC 3986), such as https://example.com/project',
  email: 'an e-mail address (RFC 5322 addr-spec), such as team@example.com',
  semver: 'a semantic version (semver.org 2.0), such as 1.4.2 or 2.0.0-rc.1',
  rfc3339: 'an RFC 3339 date-time, such as 2024-05-01T12:30:00Z',
  spdx: 'an SPDX license identifier or expression, such as MIT or Apache-2.0 OR MIT',
  hash: 'a git commit hash (7 to 40 lower-case hex digits, or 64 for SHA-256 repositories)',
};

const PAIRS = memoKey('labelPairs');

/** The pairs of a `LABEL` or `ONBUILD LABEL` instruction (empty for any other instruction). */
export function labelPairs(instruction: InstructionNode, ast: DockerfileAST): readonly LabelPair[] {
  return memoOn(instruction, PAIRS, pairsOf, ast);
}

function pairsOf(instruction: InstructionNode, ast: DockerfileAST): readonly LabelPair[] {
  const label = instruction.keyword === 'LABEL' ? instruction : instruction.trigger?.keyword === 'LABEL' ? instruction.trigger : null;
  return label ? readPairs(label, ast, label !== instruction) : [];
}

function readPairs(inst: InstructionNode, ast: DockerfileAST, onbuild: boolean): LabelPair[] {
  // Offsets asked of argsText one at a time, not from its sourceOffsets array (a number per character, made for
  // every LABEL just for the few lookups below).
  const argsText = inst.argsText;
  const { text } = argsText;
  const source = ast.source;
  const escape = ast.escapeChar;
  // Logical index of a source offset (the offsets are increasing), so ranges survive continuation lines.
  const logicalIndex = (offset: number): number => {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((argsText.sourceOffset(mid) ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rangeOf = (from: number, to: number): Range =>
    source.range(argsText.sourceOffset(from) ?? inst.range.end.offset, argsText.sourceOffset(to) ?? inst.range.end.offset);
  const wordStart = (word: WordNode): number => {
    const i = logicalIndex(word.range.start.offset);
    return text.startsWith(word.value, i) ? i : -1;
  };

  const words = inst.words;
  const first = words[0];
  if (!first) return [];
  const pairs: LabelPair[] = [];
  if (!first.value.includes('=')) {
    // Legacy `LABEL key value with spaces`: the rest of the line is the value.
    const start = wordStart(first);
    if (start === -1) return [];
    const keyEnd = start + first.value.length;
    let valueStart = keyEnd;
    while (valueStart < text.length && /\s/.test(text[valueStart]!)) valueStart++;
    let valueEnd = text.length;
    while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1]!)) valueEnd--;
    const key = unquoteWord(first.value, escape);
    const value = unquoteWord(text.slice(valueStart, valueEnd), escape);
    pairs.push({
      key: key.value,
      value: value.value,
      dynamicKey: key.dynamic,
      dynamicValue: value.dynamic,
      keyRange: rangeOf(start, keyEnd),
      valueRange: rangeOf(valueStart, valueEnd),
      range: rangeOf(start, valueEnd),
      instruction: inst,
      onbuild,
    });
    return pairs;
  }
  for (const word of words) {
    const start = wordStart(word);
    const eq = word.value.indexOf('=');
    const keyText = eq === -1 ? word.value : word.value.slice(0, eq);
    const key = unquoteWord(keyText, escape);
    const value = eq === -1 ? null : unquoteWord(word.value.slice(eq + 1), escape);
    const end = start + word.value.length;
    const keyEnd = start + keyText.length;
    pairs.push({
      key: key.value,
      value: value?.value ?? null,
      dynamicKey: key.dynamic,
      dynamicValue: value?.dynamic ?? false,
      keyRange: start === -1 ? word.range : rangeOf(start, keyEnd),
      valueRange: start === -1 ? word.range : rangeOf(eq === -1 ? end : keyEnd + 1, end),
      range: word.range,
      instruction: inst,
      onbuild,
    });
  }
  return pairs;
}

/**
 * A word as BuildKit's shell lexer reads it: quotes removed, escapes applied (inside double quotes only before `"`,
 * `$` and the escape character), and whether it refers to a variable (outside single quotes).
 */
export function unquoteWord(word: string, escape = '\\'): { value: string; dynamic: boolean } {
  let value = '';
  let dynamic = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else value += c;
      continue;
    }
    if (c === escape && i + 1 < word.length) {
      const next = word[i + 1]!;
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) {
        value += c; // kept: inside double quotes it escapes only those three
        continue;
      }
      value += next;
      i++;
      continue;
    }
    if (c === '"' || (c === "'" && quote === null)) {
      quote = quote === c ? null : c;
      continue;
    }
    if (c === '$' && /[A-Za-z_{]/.test(word[i + 1] ?? '')) dynamic = true;
    value += c;
  }
  return { value, dynamic };
}

const STAGE_LABELS = objectMemoKey('stageLabels');

/**
 * The labels each stage's image has: those of the stage it is built FROM (when that is an earlier stage) plus its
 * own LABELs, later ones winning. `ONBUILD LABEL` does not count: it labels the images built from this one.
 */
export function stageLabels(model: SemanticModel): ReadonlyMap<Stage, ReadonlyMap<string, LabelPair>> {
  return memoOnObject(model, STAGE_LABELS, () => labelsOf(model));
}

function labelsOf(model: SemanticModel): ReadonlyMap<Stage, ReadonlyMap<string, LabelPair>> {
  const result = new Map<Stage, ReadonlyMap<string, LabelPair>>();
  for (const stage of model.stages) {
    const parent = stage.base.stage ? result.get(stage.base.stage) : undefined;
    const labels = new Map<string, LabelPair>(parent ?? []);
    for (const inst of stage.instructions) {
      if (inst.keyword !== 'LABEL') continue;
      for (const pair of labelPairs(inst, model.ast)) labels.set(pair.key, pair);
    }
    result.set(stage, labels);
  }
  return result;
}

/**
 * Stages whose image is a result of the build rather than a step towards one: no later stage is built FROM it,
 * copies from it (`COPY --from`) or mounts it (`RUN --mount=from=`). The final stage is always one.
 */
export function resultStages(model: SemanticModel): readonly Stage[] {
  const used = new Set<Stage>();
  for (const stage of model.stages) for (const dep of stage.dependencies) if (dep.stage && dep.stage !== stage) used.add(dep.stage);
  return model.stages.filter((stage) => !used.has(stage));
}

const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];
/** Keys in a reserved namespace that Docker itself asks images to set (Docker Desktop extensions' metadata). */
const DOCKER_DEFINED = ['com.docker.desktop.extension.', 'com.docker.extension.'];

/** Leniencies of `labelKeyProblem`: characters Docker's guideline advises against, though nothing rejects them. */
export interface LabelKeyLeniency {
  /** Accept `_` (`build_version`). */
  readonly underscores?: boolean;
  /** Accept upper-case letters (`Vendor`, `Version`). */
  readonly upperCase?: boolean;
}

/**
 * Why a label key breaks Docker's key guidelines (lower-case alphanumerics, `.` and `-`; starting with a letter and
 * ending with a letter or digit; no `..` or `--`; not in Docker's reserved namespaces, except the extension labels
 * Docker documents), or null when it does not. `lenient` accepts `_` and upper case.
 */
export function labelKeyProblem(key: string, lenient: LabelKeyLeniency = {}): string | null {
  if (key === '') return 'is empty';
  const lower = key.toLowerCase();
  const reserved = DOCKER_DEFINED.some((prefix) => lower.startsWith(prefix))
    ? undefined
    : RESERVED_NAMESPACES.find((ns) => lower.startsWith(ns));
  if (reserved) return `uses Docker's reserved '${reserved.slice(0, -1)}' namespace`;
  if (!lenient.upperCase && /[A-Z]/.test(key)) return 'contains upper-case letters';
  // Upper case accepted: the other checks see the key as lower case.
  const k = lenient.upperCase ? lower : key;
  const illegal = (lenient.underscores ? /[^a-z0-9._-]/ : /[^a-z0-9.-]/).exec(k);
  if (illegal) return `contains ${JSON.stringify(illegal[0])}, which is not a ${lenient.upperCase ? '' : 'lower-case '}letter, digit, '.'${lenient.underscores ? ", '_'" : ''} or '-'`;
  if (!/^[a-z]/.test(k)) return `does not start with a ${lenient.upperCase ? '' : 'lower-case '}letter`;
  if (!/[a-z0-9]$/.test(k)) return `does not end with a ${lenient.upperCase ? '' : 'lower-case '}letter or digit`;
  if (k.includes('..') || k.includes('--')) return `contains '${k.includes('..') ? '..' : '--'}'`;
  return null;
}

// RFC 3986 absolute URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ].
const PCT = '%[0-9A-Fa-f]{2}';
const UNRESERVED_SUB = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED_SUB}:@]|${PCT})`;
const HOST = `(?:\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[${UNRESERVED_SUB}:]+)\\]|(?:[${UNRESERVED_SUB}]|${PCT})*)`;
const USERINFO = `(?:[${UNRESERVED_SUB}:]|${PCT})*`;
const URI = new RegExp(
  `^[A-Za-z][A-Za-z0-9+.-]*:` +
    `(?://(?:${USERINFO}@)?${HOST}(?::[0-9]*)?(?:/${PCHAR}*)*|/?(?:${PCHAR}+(?:/${PCHAR}*)*)?)` +
    `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`,
);

/** An absolute URI (RFC 3986): a scheme, then anything the grammar allows (`https://…`, `mailto:…`, `git+ssh://…`). */
export const isValidUrl = (value: string): boolean => URI.test(value);

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const EMAIL = new RegExp(`^(?:${DOT_ATOM}|"(?:[^"\\\\\\r\\n]|\\\\.)*")@(?:${DOT_ATOM}|\\[[^\\[\\]\\\\\\s]*\\])$`);

/** An RFC 5322 addr-spec (`local@domain`), without a display name or angle brackets. */
export const isValidEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

const NUMBER = '(?:0|[1-9]\\d*)';
const PRE_ID = `(?:${NUMBER}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$`,
);

/** A semantic version as semver.org 2.0.0 defines it (no `v` prefix, three numbers, optional pre-release and build). */
export const isValidSemver = (value: string): boolean => SEMVER.test(value);

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time: full date, `T`, time with seconds, and a `Z` or `±hh:mm` offset; fields in range. */
export function isValidRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  return m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
}

/** A git object name: 7 to 40 lower-case hex digits (abbreviated or full SHA-1), or 64 (SHA-256 repositories). */
export const isValidGitHash = (value: string): boolean => /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/.test(value);

/**
 * An SPDX license expression (SPDX spec, annex D): license ids (optionally `+`), `LicenseRef-…`,
 * `DocumentRef-…:LicenseRef-…`, `WITH <exception>`, `AND`, `OR` and parentheses. Ids match case-insensitively, as
 * the spec says; operators are upper- or lower-case.
 */
export function isValidSpdxExpression(value: string): boolean {
  const tokens = value.match(/[()]|[^\s()]+/g);
  if (!tokens || /[^\sA-Za-z0-9.+:()-]/.test(value)) return false;
  let pos = 0;
  const isOp = (token: string | undefined, op: string): boolean => token === op || token === op.toLowerCase();
  const license = (): boolean => {
    const token = tokens[pos++];
    if (token === undefined) return false;
    if (/^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(token)) return true;
    const id = token.endsWith('+') ? token.slice(0, -1) : token;
    return spdxLicenseIds().has(id.toLowerCase());
  };
  const term = (): boolean => {
    if (tokens[pos] === '(') {
      pos++;
      if (!expression() || tokens[pos] !== ')') return false;
      pos++;
      return true;
    }
    if (!license()) return false;
    if (isOp(tokens[pos], 'WITH')) {
      pos++;
      const exception = tokens[pos++];
      return exception !== undefined && spdxExceptionIds().has(exception.toLowerCase());
    }
    return true;
  };
  const expression = (): boolean => {
    if (!term()) return false;
    while (isOp(tokens[pos], 'AND') || isOp(tokens[pos], 'OR')) {
      pos++;
      if (!term()) return false;
    }
    return true;
  };
  return expression() && pos === tokens.length;
}

/** Whether `value` is in `format`; `text` accepts anything. */
export function isValidLabelValue(format: LabelFormat, value: string): boolean {
  switch (format) {
    case 'text':
      return true;
    case 'url':
      return isValidUrl(value);
    case 'email':
      return isValidEmail(value);
    case 'semver':
      return isValidSemver(value);
    case 'rfc3339':
      return isValidRfc3339(value);
    case 'spdx':
      return isValidSpdxExpression(value);
    case 'hash':
      return isValidGitHash(value);
  }
}
