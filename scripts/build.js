#!/usr/bin/env node
// Bundles the CLI into one file: one module to load keeps `dfopt` start-up close to bare `node` (the rules' docs, read
// only by explain, rules and SARIF, go to dist/rule-docs.json beside it).
// yaml and picomatch stay external: they are required lazily, only when a config file or a glob needs them.
// Then runs the CLI once on a sample so bin/dfopt.js can write V8's code cache (dist/cli.js.cache) for later runs.
// Minified because reading and deserialising the bundle is most of a cold start (about 10 ms less on 78 rules);
// dist/cli.js.map keeps stack traces readable: NODE_OPTIONS=--enable-source-maps.
// Also builds the library (`require('dfopt')` / `import … from 'dfopt'`): dist/index.js (CommonJS, dependencies left
// to node_modules), dist/index.mjs (an ESM wrapper over the same module, so one copy of the state exists when both
// are loaded), and with --types dist/index.d.ts (one bundled declaration file; slow, so only `npm pack` asks for it).
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { isDeepStrictEqual } = require('node:util');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const cacheFile = path.join(root, 'dist', 'cli.js.cache');

/** What every bundle shares: CommonJS for the Node versions package.json allows. */
const NODE_BUNDLE = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
/** One file per entry point in dist/. */
const bundle = (entryPoints, options) => esbuild.buildSync({ entryPoints, outdir: path.join(root, 'dist'), ...NODE_BUNDLE, ...options });

// The CLI, and the GitHub Action's entry point built the same way (action.yml runs dist/action.js).
// No 'module' condition: vscode-languageserver-types (under dockerfile-ast) then resolves to its CommonJS build,
// evaluated once, rather than its ESM build, which esbuild copies into a fresh object at each of the dozen require()
// calls dockerfile-ast makes at start-up.
const cliOptions = { sourcemap: 'linked', minify: true, external: ['yaml', 'picomatch'], conditions: [] };
bundle({ action: path.join(root, 'src', 'action', 'main.ts') }, cliOptions);
// dist/cli.js is only ever compiled by bin/dfopt.js (vm.Script, for the code cache), so it holds the CommonJS wrapper
// itself: bin/dfopt.js then hands V8 the file's text as read, instead of a second 900 KB string (wrapper + text).
// Rule docs (summary, rationale, examples, notes: a sixth of the bundle) are text only `dfopt explain`, `dfopt rules`
// and the SARIF report read, yet every start-up read them with the bundle and deserialised them from the code cache:
// in the CLI bundle a rule's `meta.docs` is a getter reading dist/rule-docs.json on first use (written below from the
// library's rules, the same source). Only a `meta` object literal with a literal `id` beside its `docs` literal is
// rewritten; docs a helper builds stay in the bundle. The rewrite keeps the file's line count, so the source map holds.
const RULE_DOCS_FILE = 'rule-docs.json';
const DOCS_GETTER = '__dfoptRuleDocs';
/** Ids whose docs the CLI bundle reads from RULE_DOCS_FILE. */
const docsOut = new Set();
const ruleDocsOut = {
  name: 'dfopt-rule-docs-out',
  setup(build) {
    const ts = require('typescript');
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('docs:')) return undefined;
      const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits = [];
      const visit = (node) => {
        if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'meta' && ts.isObjectLiteralExpression(node.initializer)) {
          const prop = (name) => node.initializer.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(file) === name);
          const id = prop('id');
          const docs = prop('docs');
          if (id && docs && ts.isStringLiteral(id.initializer) && ts.isObjectLiteralExpression(docs.initializer)) {
            const ruleId = id.initializer.text;
            if (docsOut.has(ruleId)) throw new Error(`dfopt build: two rules define docs for ${ruleId}`);
            docsOut.add(ruleId);
            const start = docs.getStart(file);
            const end = docs.getEnd();
            const lines = text.slice(start, end).split('\n').length - 1;
            edits.push([start, end, `get docs() { return ${DOCS_GETTER}(${JSON.stringify(ruleId)}); }${'\n'.repeat(lines)}`]);
            return;
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      if (edits.length === 0) return undefined;
      let contents = text;
      for (const [start, end, replacement] of edits.reverse()) contents = contents.slice(0, start) + replacement + contents.slice(end);
      return { contents, loader: 'ts' };
    });
  },
};
const docsGetter =
  `var ${DOCS_GETTER} = (id) => (${DOCS_GETTER}.all ??= JSON.parse(require("node:fs").readFileSync(require("node:path").join(__dirname, ${JSON.stringify(RULE_DOCS_FILE)}), "utf8")))[id];`;

// vscode-languageserver-types in the CLI bundle: only the two functions dockerfile-ast calls (scripts/lsp-types-subset.js
// says why). Checked at each build: a dockerfile-ast that uses more of the package, or another module of the CLI that
// requires it, fails the build rather than getting the subset.
const LSP_TYPES_USE = /\bvscode_languageserver_types_1\b(?!\s*=\s*require\("vscode-languageserver-types"\))(?!\.(Range|Position)\.create\()/;
const lspTypesSubset = {
  name: 'dfopt-lsp-types-subset',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver-types$/ }, (args) => {
      const dockerfileAst = `${path.sep}node_modules${path.sep}dockerfile-ast${path.sep}`;
      const use = args.importer.includes(dockerfileAst) ? LSP_TYPES_USE.exec(readFileSync(args.importer, 'utf8')) : null;
      if (!args.importer.includes(dockerfileAst) || use) {
        const where = use ? `uses ${readFileSync(args.importer, 'utf8').slice(use.index, use.index + 60)}` : 'requires it';
        throw new Error(`${path.relative(root, args.importer)} ${where}: extend scripts/lsp-types-subset.js or drop lspTypesSubset`);
      }
      return { path: path.join(__dirname, 'lsp-types-subset.js') };
    });
  },
};

// esbuild runs plugins only in its asynchronous API: the rest of the build waits for this one.
esbuild
  .build({
    entryPoints: { cli: path.join(root, 'src', 'cli', 'main.ts') },
    outdir: path.join(root, 'dist'),
    ...NODE_BUNDLE,
    ...cliOptions,
    banner: { js: `(function (exports, require, module, __filename, __dirname) {${docsGetter}` },
    footer: { js: '})' },
    plugins: [ruleDocsOut, lspTypesSubset],
  })
  .then(() => {
    // bin/dfopt.js reads the CLI bundle as latin1 (faster than utf8): that is only the same text while it is ASCII.
    const cliBytes = readFileSync(path.join(root, 'dist', 'cli.js'));
    if (cliBytes.some((b) => b > 0x7f)) {
      console.error('dfopt build: dist/cli.js is not ASCII; bin/dfopt.js reads it as latin1 (keep esbuild\'s default charset)');
      process.exit(1);
    }
    return buildLanguageServer();
  })
  .then(buildLibraryAndWarmUp)
  .catch((error) => {
    // esbuild has already printed its errors (logLevel warning); a failed build must still fail `npm run build`.
    console.error(`dfopt build: ${error.message.split('\n')[0]}`);
    process.exit(1);
  });

// The language server: a bundle of its own, required only by `dfopt lsp`, so the server code is never read on a
// `dfopt lint` start-up. It holds only src/lsp: every engine module it imports (parse, model, engine, fix, config, …)
// is taken from the library's bundle, dist/index.js, which ships anyway, so the package holds one copy of the engine
// and the rule set for both (the CLI keeps its own, self-contained, for its V8 code cache). vscode-languageserver stays
// in node_modules (a dependency, installed anyway): bundling it would ship it twice.
const srcDir = path.join(root, 'src');
const lspDir = path.join(srcDir, 'lsp');
/** src-relative module path (no extension) → what the language server imports from it through the library. */
const shared = new Set();
const shareEngine = {
  name: 'dfopt-share-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.namespace === 'dfopt-shared') return { path: './index.js', external: true };
      if (!args.importer.startsWith(lspDir + path.sep)) return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      if (target.startsWith(lspDir + path.sep) || !target.startsWith(srcDir + path.sep)) return undefined;
      const key = path.relative(srcDir, target).split(path.sep).join('/');
      shared.add(key);
      return { path: key, namespace: 'dfopt-shared' };
    });
    build.onLoad({ filter: /.*/, namespace: 'dfopt-shared' }, (args) => ({
      contents: `module.exports = require('./index.js')[${JSON.stringify(SHARED_EXPORT)}][${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};
/** The library's export that hands its modules to dist/lsp.js; not part of the public API (index.d.ts, index.mjs). */
const SHARED_EXPORT = '__dfoptModules';
function buildLanguageServer() {
  return esbuild.build({
    entryPoints: { lsp: path.join(root, 'src', 'lsp', 'index.ts') },
    outdir: path.join(root, 'dist'),
    ...NODE_BUNDLE,
    sourcemap: 'linked',
    minify: true,
    plugins: [shareEngine],
    external: ['yaml', 'picomatch', 'vscode-languageserver', 'vscode-languageserver-textdocument'],
  });
}

function buildLibraryAndWarmUp() {

// The library: readable (users' stack traces go through it), its dependencies left to node_modules. Its entry is
// src/index.ts plus, under SHARED_EXPORT, the modules the language server imports (the same instances, so a registry
// or a class the server gets is the one the engine checks against).
const pkg = require(path.join(root, 'package.json'));
const sharedKeys = [...shared].sort();
esbuild.buildSync({
  stdin: {
    contents: [
      "export * from './src/index';",
      ...sharedKeys.map((key, i) => `import * as m${i} from ${JSON.stringify(`./src/${key}`)};`),
      `export const ${SHARED_EXPORT} = { ${sharedKeys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(', ')} };`,
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'src/index.ts+lsp-modules',
    loader: 'ts',
  },
  outfile: path.join(root, 'dist', 'index.js'),
  ...NODE_BUNDLE,
  external: Object.keys(pkg.dependencies),
});
// The wrapper's names come from the built module, so it can never lag behind src/index.ts.
const api = require(path.join(root, 'dist', 'index.js'));
// The docs the CLI bundle leaves out (see ruleDocsOut), from the library's rules: the same source, so the same text.
const ruleDocs = {};
for (const meta of api.rules) if (docsOut.has(meta.id)) ruleDocs[meta.id] = meta.docs;
const ruleDocsText = JSON.stringify(ruleDocs);
const notFound = [...docsOut].filter((id) => !(id in ruleDocs));
if (notFound.length > 0 || !isDeepStrictEqual(JSON.parse(ruleDocsText), ruleDocs)) {
  console.error(`dfopt build: rule docs for the CLI: ${notFound.length > 0 ? `no rule ${notFound.join(', ')} in the library` : 'not plain JSON'}`);
  process.exit(1);
}
writeFileSync(path.join(root, 'dist', RULE_DOCS_FILE), ruleDocsText);
const names = Object.keys(api).filter((n) => n !== 'default' && n !== '__esModule' && n !== SHARED_EXPORT);
writeFileSync(
  path.join(root, 'dist', 'index.mjs'),
  `import api from './index.js';\nexport const { ${names.join(', ')} } = api;\nexport default api;\n`,
);
if (process.argv.includes('--types')) {
  const bin = path.join(root, 'node_modules', '.bin', 'dts-bundle-generator');
  const types = spawnSync(bin, ['--no-check', '--no-banner', '--project', 'tsconfig.build.json', '-o', 'dist/index.d.ts', 'src/index.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (types.status !== 0) {
    console.error(`dfopt build: type declarations failed\n${types.stdout}${types.stderr}`);
    process.exit(1);
  }
}

// A stale cache would only be rejected, but removing it keeps the warm-up honest.
rmSync(cacheFile, { force: true });
const sample = [
  'FROM golang AS build',
  'RUN apt-get update',
  'RUN apt-get install -y git',
  'ADD . /src',
  'RUN go build -o /app ./... && rm -rf /tmp/x',
  'FROM debian:12',
  'COPY --from=build /app /app',
  'RUN pip install flask && npm ci && apk add curl',
  'CMD ["/app"]',
  '',
].join('\n');
// A file, linted the way pre-commit and the bench do (a path relative to cwd), not --stdin: the cache then also holds
// what reading a file takes (finding it, its config, its build context), ~1.5M fewer instructions compiled at a
// one-file start-up (callgrind) for a cache 7 kB larger.
const warmDir = mkdtempSync(path.join(tmpdir(), 'dfopt-warm-'));
writeFileSync(path.join(warmDir, 'Dockerfile'), sample);
const warm = spawnSync(process.execPath, [path.join(root, 'bin', 'dfopt.js'), 'lint', '--no-color', 'Dockerfile'], {
  cwd: warmDir,
  env: { ...process.env, DFOPT_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
});
rmSync(warmDir, { recursive: true, force: true });
if (warm.status !== 0 && warm.status !== 1) {
  // The bundle still works without a cache; say why it is missing rather than failing the install.
  console.warn(`dfopt build: warm-up run failed (exit ${warm.status}); no code cache written\n${warm.stderr}`);
  rmSync(cacheFile, { force: true });
}

// `dfopt --help` into a pipe or a file is always the same text (yargs wraps it at 100 columns when stdout is not a
// terminal, and the bundle finds no yargs locale files, so it is English whatever LANG says): rendered here, by yargs
// itself (`--help --help` is not the fast path), so the CLI prints it without loading yargs (dist/help.txt).
const helpFile = path.join(root, 'dist', 'help.txt');
rmSync(helpFile, { force: true });
const help = spawnSync(process.execPath, [path.join(root, 'bin', 'dfopt.js'), '--help', '--help'], {
  env: { ...process.env, DFOPT_WRITE_CODE_CACHE: '0' },
  encoding: 'utf8',
});
if (help.status === 0 && help.stdout.startsWith('dfopt ')) writeFileSync(helpFile, help.stdout);
else console.warn(`dfopt build: could not render the help text (exit ${help.status}); dfopt --help will use yargs\n${help.stderr}`);
}
