import { defineRule } from '../../src/engine';
import type { ShellList } from '../../src/shell/parser';
import type { ShellWord } from '../../src/shell/types';
import { commandName, expansionsOf, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

/** What each bash feature is called in the message, by ShellCheck code. */
const FEATURES: Readonly<Record<string, string>> = {
  SC3001: 'process substitution <(…)',
  SC3003: "$'…' quoting",
  SC3006: 'a standalone (( … ))',
  SC3009: 'brace expansion',
  SC3010: '[[ … ]]',
  SC3011: 'a here-string <<<',
  SC3014: '== in [ … ] (use =)',
  SC3020: '&> (use >file 2>&1)',
  SC3029: '|& (use 2>&1 |)',
  SC3037: 'echo flags (use printf)',
  SC3040: 'set -o pipefail',
  SC3043: 'local',
  SC3044: 'a bash builtin (declare, typeset, pushd, popd, shopt, mapfile)',
  SC3046: 'source (use .)',
  SC3047: 'trap ERR',
  SC3053: 'indirect expansion ${!…}',
  SC3057: 'string indexing ${var:offset}',
  SC3059: 'case modification ${var^}',
  SC3060: 'string replacement ${var/a/b}',
};

const BASH_BUILTINS = new Set(['declare', 'typeset', 'pushd', 'popd', 'dirs', 'shopt', 'mapfile', 'readarray']);

/** Unquoted `{a,b}` or `{1..3}` in a word's own text (not `${…}`, quotes or substitutions). */
function braceExpansions(word: ShellWord): readonly number[] {
  const raw = word.raw;
  let found: number[] | undefined;
  // Expansions come in order of their start, so one cursor finds the one starting at i (this runs for every word
  // with a `{` on every lint: no per-call arrays).
  const skips = expansionsOf(word);
  let next = 0;
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    while (next < skips.length && skips[next]!.start - word.start < i) next++;
    const skip = next < skips.length && skips[next]!.start - word.start === i ? skips[next]! : undefined;
    if (skip) {
      i = skip.end - word.start - 1;
      continue;
    }
    const c = raw[i]!;
    if (c === '\\') i++;
    else if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') {
      const close = raw.indexOf('}', i + 1);
      const inner = close === -1 ? '' : raw.slice(i + 1, close);
      if (!/[{'"$`\\\s]/.test(inner) && (inner.includes(',') || /^[^.]+\.\.[^.]+$/.test(inner))) (found ??= []).push(i);
    }
  }
  return found ?? NONE;
}

const NONE: readonly number[] = [];

/** Where an unquoted `$'` starts in a word, or -1. */
function ansiCQuote(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') i++;
    else if (c === '$' && raw[i + 1] === "'") return i;
    else if (c === "'") i = raw.indexOf("'", i + 1) === -1 ? raw.length : raw.indexOf("'", i + 1);
    else if (c === '"') {
      for (i++; i < raw.length && raw[i] !== '"'; i++) if (raw[i] === '\\') i++;
    }
  }
  return -1;
}

const NO_WORDS: readonly ShellWord[] = [];

export default defineRule({
  meta: {
    id: 'bash-features-under-sh',
    aliases: Object.keys(FEATURES),
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags bash-only syntax in a RUN that runs under /bin/sh (ShellCheck SC3001–SC3060).',
      rationale:
        'RUN runs `/bin/sh -c` unless SHELL says otherwise, and on Debian and Ubuntu /bin/sh is dash, which does not ' +
        'know bash features: `mkdir -p /opt/{conf,bin}` creates one directory literally named `{conf,bin}`, `[[` is ' +
        '"not found", `echo -e` prints `-e`, and `set -o pipefail` is an error on older dash. Write POSIX sh, or put ' +
        '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN.',
      bad: 'FROM debian:12\nRUN mkdir -p /opt/app/{conf,bin} && [[ -d /opt/app/conf ]]\n',
      good: 'FROM debian:12\nRUN mkdir -p /opt/app/conf /opt/app/bin && [ -d /opt/app/conf ]\nSHELL ["/bin/bash", "-c"]\nRUN mkdir -p /srv/{a,b}\n',
      notes:
        'Each finding carries its own ShellCheck code, so `# hadolint ignore=SC3010` silences `[[` only. The dialect ' +
        'follows SHELL as in hadolint: bases whose /bin/sh is bash (Fedora, CentOS) or busybox ash (Alpine, which ' +
        'accepts several of these) are still read as POSIX sh. Codes: ' +
        Object.entries(FEATURES)
          .map(([code, what]) => `${code} ${what}`)
          .join(', ') +
        '. In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      if (target.dialect !== 'sh') return;
      const hits = scriptHits(target, BASH_FEATURES, bashFeatures);
      for (let i = 0; i < hits.length; i++) {
        const { code, start, end } = hits[i]!;
        const range = target.range(start, end);
        context.report({
          range,
          code,
          message: `${FEATURES[code]} at line ${range.start.line + 1} is bash syntax, but this RUN runs under /bin/sh; write POSIX sh or set SHELL to bash.`,
        });
      }
    });
  },
});

/** A bash feature in a script: its ShellCheck code and where it is (script offsets). */
interface Hit {
  readonly code: string;
  readonly start: number;
  readonly end: number;
}

const BASH_FEATURES = scriptCheckKey();

/** The bash features of a script, in the order they are reported (its AST and text only: see scriptHits). */
function bashFeatures(target: ShellTarget): Hit[] {
  const { ast } = target;
  const { text } = target.script;
  const hits: Hit[] = [];
  const report = (code: string, start: number, end: number): void => {
    hits.push({ code, start, end });
  };
  walkShell(ast, {
    compound(node) {
      if (node.kind === 'test') report('SC3010', node.start, node.start + 2);
      else if (node.kind === 'arith') report('SC3006', node.start, node.start + 2);
    },
    simple(node) {
      const name = commandName(node);
      // The arguments are copied only for the commands whose checks read them (echo, [, set, trap).
      const args = name === 'echo' || name === '[' || name === 'set' || name === 'trap' ? node.argv.slice(1) : NO_WORDS;
      if (name === 'local') report('SC3043', node.argv[0]!.start, node.argv[0]!.end);
      else if (name !== null && BASH_BUILTINS.has(name)) report('SC3044', node.argv[0]!.start, node.argv[0]!.end);
      else if (name === 'source') report('SC3046', node.argv[0]!.start, node.argv[0]!.end);
      else if (name === 'echo' && args[0] && /^-[neE]+$/.test(args[0].value)) report('SC3037', args[0].start, args[0].end);
      else if (name === '[' && node.argv[0]!.raw === '[') {
        for (const a of args) if (a.raw === '==') report('SC3014', a.start, a.end);
      } else if (name === 'set') {
        args.forEach((a, i) => {
          if (a.value === 'pipefail' && i > 0 && /^-[a-z]*o$/.test(args[i - 1]!.value)) report('SC3040', a.start, a.end);
        });
      } else if (name === 'trap' && args.length > 1) {
        for (const a of args.slice(1)) if (a.value === 'ERR') report('SC3047', a.start, a.end);
      }
      for (const r of node.redirects) {
        const start = r.start ?? r.target?.start ?? node.start;
        if (r.op === '&>' || r.op === '&>>') report('SC3020', start, start + r.op.length);
        else if (r.op.endsWith('<<<')) report('SC3011', start, start + r.op.length);
      }
    },
    word(word, role) {
      if (role === 'arith' || role === 'test') return;
      for (const e of expansionsOf(word)) {
        if (e.kind !== 'parameter' || !(e.modified || e.name.startsWith('!'))) continue;
        const body = text.slice(e.start + 2, e.end - 1);
        const rest = body.slice(/^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(body)?.[0].length ?? 0);
        if (body.startsWith('!') && !/^![@*]?$/.test(body)) report('SC3053', e.start, e.end);
        else if (/^:(?![-=?+])/.test(rest)) report('SC3057', e.start, e.end);
        else if (rest.startsWith('/')) report('SC3060', e.start, e.end);
        else if (/^[\^,]/.test(rest)) report('SC3059', e.start, e.end);
      }
      if ((role === 'argv' || role === 'redirect' || role === 'for-item') && word.raw.includes('{')) {
        for (const at of braceExpansions(word)) report('SC3009', word.start + at, word.start + at + 1);
      }
      // `/^<\(|^>\(/` without a regular expression: this runs for every word of every script.
      const first = word.raw.charCodeAt(0);
      if ((first === 60 || first === 62) && word.raw.charCodeAt(1) === 40) report('SC3001', word.start, word.start + 2);
      const ansi = word.raw.includes("$'") ? ansiCQuote(word.raw) : -1;
      if (ansi !== -1) report('SC3003', word.start + ansi, word.start + ansi + 2);
    },
  });
  walkPipes(ast, text, report);
  return hits;
}

/** `|&` between commands: the parser keeps it as a pipeline operator. */
function walkPipes(ast: ShellList, text: string, report: (code: string, start: number, end: number) => void): void {
  // Indexed loops: no closure per pipeline (every pipeline of every sh script, on every lint).
  const visit = (list: ShellList): void => {
    for (const item of list.items) {
      for (const p of item.pipelines) {
        for (let i = 0; i < p.operators.length; i++) {
          if (p.operators[i] !== '|&') continue;
          const at = text.indexOf('|&', p.commands[i]!.end);
          if (at !== -1) report('SC3029', at, at + 2);
        }
        for (const c of p.commands) if (c.type === 'compound') for (let l = 0; l < c.lists.length; l++) visit(c.lists[l]!);
      }
    }
  };
  visit(ast);
}
