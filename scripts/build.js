#!/usr/bin/env node
// Bundles the CLI into one file: one module to load keeps `dfopt` start-up close to bare `node`.
// yaml and picomatch stay external: they are required lazily, only when a config file or a glob needs them.
// Then runs the CLI once on a sample so bin/dfopt.js can write V8's code cache (dist/cli.js.cache) for later runs.
// Minified because reading and deserialising the bundle is most of a cold start (about 10 ms less on 78 rules);
// dist/cli.js.map keeps stack traces readable: NODE_OPTIONS=--enable-source-maps.
// Also builds the library (`require('dfopt')` / `import … from 'dfopt'`): dist/index.js (CommonJS, dependencies left
// to node_modules), dist/index.mjs (an ESM wrapper over the same module, so one copy of the state exists when both
// are loaded), and with --types dist/index.d.ts (one bundled declaration file; slow, so only `npm pack` asks for it).
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const cacheFile = path.join(root, 'dist', 'cli.js.cache');

/** What every bundle shares: one CommonJS file per entry point in dist/, for the Node versions package.json allows. */
const bundle = (entryPoints, options) =>
  esbuild.buildSync({ entryPoints, outdir: path.join(root, 'dist'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', ...options });

// The CLI, and the GitHub Action's entry point built the same way (action.yml runs dist/action.js).
bundle(
  { cli: path.join(root, 'src', 'cli', 'main.ts'), action: path.join(root, 'src', 'action', 'main.ts') },
  { sourcemap: 'linked', minify: true, external: ['yaml', 'picomatch'] },
);

// bin/dfopt.js reads the CLI bundle as latin1 (faster than utf8): that is only the same text while it is ASCII.
const cliBytes = readFileSync(path.join(root, 'dist', 'cli.js'));
if (cliBytes.some((b) => b > 0x7f)) {
  console.error('dfopt build: dist/cli.js is not ASCII; bin/dfopt.js reads it as latin1 (keep esbuild\'s default charset)');
  process.exit(1);
}

// The language server: a bundle of its own, required only by `dfopt lsp`, so the server code is never read on a
// `dfopt lint` start-up. vscode-languageserver stays in node_modules (a dependency, installed anyway): bundling it
// would ship it twice.
bundle(
  { lsp: path.join(root, 'src', 'lsp', 'index.ts') },
  { sourcemap: 'linked', minify: true, external: ['yaml', 'picomatch', 'vscode-languageserver', 'vscode-languageserver-textdocument'] },
);

// The library: readable (users' stack traces go through it), its dependencies left to node_modules.
const pkg = require(path.join(root, 'package.json'));
bundle({ index: path.join(root, 'src', 'index.ts') }, { external: Object.keys(pkg.dependencies) });
// The wrapper's names come from the built module, so it can never lag behind src/index.ts.
const api = require(path.join(root, 'dist', 'index.js'));
const names = Object.keys(api).filter((n) => n !== 'default' && n !== '__esModule');
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
const warm = spawnSync(process.execPath, [path.join(root, 'bin', 'dfopt.js'), 'lint', '--stdin', '--no-color'], {
  input: sample,
  env: { ...process.env, DFOPT_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
});
if (warm.status !== 0 && warm.status !== 1) {
  // The bundle still works without a cache; say why it is missing rather than failing the install.
  console.warn(`dfopt build: warm-up run failed (exit ${warm.status}); no code cache written\n${warm.stderr}`);
  rmSync(cacheFile, { force: true });
}
