/* global process, URL, console */
// Regenerates buildkit-cases.json from BuildKit's frontend/dockerfile/dockerfile_check_test.go (Apache-2.0):
//   node test/conformance/buildkit/extract.mjs <path to dockerfile_check_test.go> <commit>
// A tiny evaluator for the Go string expressions the test uses (raw strings, fmt.Appendf/Sprintf with %s,
// integration.UnixOrWindows picking the Unix side, local variables); each checkLinterWarnings call is one case.
import { readFileSync, writeFileSync } from 'node:fs';
const [src, commit] = process.argv.slice(2);
const text = readFileSync(src, 'utf8');
let i = 0;
const ws = () => { while (i < text.length && /\s/.test(text[i])) i++; };
function str() {
  ws();
  const q = text[i];
  if (q === '`') { const e = text.indexOf('`', i + 1); const s = text.slice(i + 1, e); i = e + 1; return s; }
  let s = ''; i++;
  while (text[i] !== '"') { if (text[i] === '\\') { i++; s += { n: '\n', t: '\t', '"': '"', '\\': '\\' }[text[i]] ?? text[i]; } else s += text[i]; i++; }
  i++; return s;
}
function args() { const out = []; ws(); i++; ws(); while (text[i] !== ')') { out.push(expr()); ws(); if (text[i] === ',') i++; ws(); } i++; return out; }
let vars = {};
function expr() {
  ws();
  if (text[i] === '`' || text[i] === '"') return str();
  const m = /^[\w.[\]]+/.exec(text.slice(i, i + 80));
  if (!m) throw new Error(`cannot read expression at ${text.slice(i, i + 40)}`);
  const name = m[0]; i += name.length; ws();
  if (text[i] === '(') {
    const a = args();
    if (name === 'integration.UnixOrWindows') return a[0];
    if (name === '[]byte') return a[0];
    if (name === 'fmt.Appendf' || name === 'fmt.Sprintf') { const [f, ...r] = name === 'fmt.Appendf' ? a.slice(1) : a; let k = 0; return f.replace(/%[sd]/g, () => String(r[k++])); }
    if (name === 'regexp.MustCompile') return a[0];
    return undefined;
  }
  if (/^\d+$/.test(name)) return Number(name);
  if (name === 'nil') return null;
  return vars[name];
}
function skipBalanced() { const open = text[i]; const close = { '{': '}', '(': ')', '[': ']' }[open]; let d = 0; do { if (text[i] === '`') { i = text.indexOf('`', i + 1); } else if (text[i] === '"') { str(); i--; } else if (text[i] === open) d++; else if (text[i] === close) d--; i++; } while (d > 0); }
function structLit() { // at '{'
  const o = {}; i++; ws();
  while (text[i] !== '}') {
    const key = /^\w+/.exec(text.slice(i))[0]; i += key.length; ws(); i++; ws();
    if (key === 'Warnings' || key === 'UnmarshalWarnings') {
      i = text.indexOf('{', i); i++; ws(); o[key] = [];
      while (text[i] !== '}') {
        // testMultipleInstructionsDisallowed builds its warnings with a local makeLintWarning(name, line).
        if (text.startsWith('makeLintWarning', i)) { i += 'makeLintWarning'.length; const a = args(); o[key].push({ RuleName: 'MultipleInstructionsDisallowed', Line: a[1] }); } else o[key].push(structLit());
        ws(); if (text[i] === ',') i++; ws();
      }
      i++;
    } else if (key === 'FrontendAttrs') {
      i = text.indexOf('{', i); i++; ws(); o[key] = {};
      while (text[i] !== '}') { const k = str(); ws(); i++; o[key][k] = expr(); ws(); if (text[i] === ',') i++; ws(); }
      i++;
    } else if (text[i] === '{') { skipBalanced(); } else o[key] = expr();
    ws(); if (text[i] === ',') i++; ws();
  }
  i++; return o;
}
const cases = [];
const fnRe = /^func (test\w+)\(t \*testing\.T, sb integration\.Sandbox\) \{$/gm;
const fns = [...text.matchAll(fnRe)];
for (let f = 0; f < fns.length; f++) {
  const name = fns[f][1]; const end = f + 1 < fns.length ? fns[f + 1].index : text.length;
  vars = {}; let n = 0;
  const stmt = /^\t(\w+) :?= |^\tcheckLinterWarnings\(t, sb, &lintTestParams/gm;
  stmt.lastIndex = fns[f].index;
  let m;
  while ((m = stmt.exec(text)) && m.index < end) {
    i = m.index + m[0].length;
    if (m[1]) { try { vars[m[1]] = expr(); } catch { vars[m[1]] = undefined; } stmt.lastIndex = i; continue; }
    const p = structLit(); stmt.lastIndex = i; n++;
    if (typeof p.Dockerfile !== 'string') throw new Error(`${name}#${n}: Dockerfile not resolved`);
    cases.push({
      id: `${name}#${n}`,
      dockerfile: p.Dockerfile,
      ...(p.DockerIgnore ? { dockerignore: p.DockerIgnore } : {}),
      ...(p.FrontendAttrs ? { frontendAttrs: p.FrontendAttrs } : {}),
      ...(p.BuildErrLocation ? { buildErrLocation: p.BuildErrLocation } : {}),
      needsRegistry: false,
      expect: (p.Warnings ?? []).map((w) => ({ check: w.RuleName, line: w.Line })),
    });
  }
}
writeFileSync(new URL('./buildkit-cases.json', import.meta.url), JSON.stringify({
  source: 'https://github.com/moby/buildkit/blob/' + commit + '/frontend/dockerfile/dockerfile_check_test.go',
  commit, license: 'Apache-2.0, Copyright The BuildKit Authors; test inputs and expected warnings extracted unchanged',
  cases }, null, 1) + '\n');
console.log(cases.length, 'cases');
