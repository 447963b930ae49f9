import { type BuildContext, type ContextFileEdit, defineRule } from '../../src/engine';
import { finalImageStages } from '../../src/model';
import { loadIgnore } from '../../src/model/dockerignore';
import type { InstructionNode } from '../../src/parse';
import { commandUses } from '../../src/shell';

/**
 * What must never reach an image, when the build context has it: the entry written to .dockerignore, how to find it
 * in the context, and (for build outputs) the command that shows the image makes its own.
 */
interface Unwanted {
  readonly entry: string;
  readonly why: string;
  /** Context paths it covers (relative, `/`-separated), found by `find` when the context has them. */
  readonly find: (context: BuildContext) => string[];
  /** Only when the Dockerfile makes it itself (installs dependencies, builds): otherwise the context's copy may be the point. */
  readonly madeByImage?: (commands: readonly string[]) => boolean;
}

const topLevel = (test: (name: string, isDirectory: boolean) => boolean) => (context: BuildContext): string[] =>
  context.list('.').filter((name) => test(name, context.stat(name)?.isDirectory === true));

/** Paths anywhere in the context whose name passes `test`, looked for down to a bounded depth and count. */
const anywhere = (test: (name: string) => boolean) => (context: BuildContext): string[] => {
  const found: string[] = [];
  let budget = 3000;
  const walk = (dir: string, depth: number): void => {
    for (const name of context.list(dir)) {
      if (--budget < 0 || found.length >= 20) return;
      const path = dir === '.' ? name : `${dir}/${name}`;
      if (test(name)) found.push(path);
      else if (depth < 4 && name !== '.git' && name !== 'node_modules' && context.stat(path)?.isDirectory) walk(path, depth + 1);
    }
  };
  walk('.', 0);
  return found;
};

const UNWANTED: readonly Unwanted[] = [
  { entry: '.git', why: 'the repository history', find: topLevel((n) => n === '.git') },
  {
    entry: 'node_modules',
    why: 'host-built dependencies the image installs itself',
    find: topLevel((n, dir) => n === 'node_modules' && dir),
    madeByImage: (c) => c.some((x) => /^(npm (ci|install|i)|yarn( install)?|pnpm (install|i))\b/.test(x)),
  },
  { entry: '.env', why: 'secrets', find: anywhere((n) => n === '.env' || /^\.env\.(local|production|development|prod|dev)$/.test(n)) },
  { entry: '*.pem', why: 'keys', find: anywhere((n) => n.endsWith('.pem')) },
  { entry: 'id_rsa*', why: 'keys', find: anywhere((n) => /^id_(rsa|dsa|ecdsa|ed25519)/.test(n)) },
  { entry: '**/__pycache__', why: 'bytecode caches', find: anywhere((n) => n === '__pycache__') },
  {
    entry: 'target',
    why: 'host build output the image builds itself',
    find: topLevel((n, dir) => n === 'target' && dir),
    madeByImage: (c) => c.some((x) => /^(cargo (build|install)|mvn|\.\/mvnw)\b/.test(x)),
  },
  {
    entry: 'dist',
    why: 'host build output the image builds itself',
    find: topLevel((n, dir) => n === 'dist' && dir),
    madeByImage: (c) => c.some((x) => /^(npm run (build|dist)|yarn (run )?build|pnpm (run )?build|npx (tsc|vite|webpack)|tsc\b|vite build|webpack)/.test(x)),
  },
  { entry: '*.log', why: 'logs', find: topLevel((n, dir) => !dir && n.endsWith('.log')) },
];

/** COPY/ADD of the whole context: a source `.`, `./` or `*`. */
export const copiesWholeContext = (inst: InstructionNode): boolean => {
  if ((inst.keyword !== 'COPY' && inst.keyword !== 'ADD') || inst.flag('from') || inst.heredocs.length > 0) return false;
  const words = inst.execForm ?? inst.words.map((w) => w.value);
  return words.slice(0, -1).some((w) => /^(\.\/?|\*|\.\/\*)$/.test(w));
};

export default defineRule({
  meta: {
    id: 'missing-dockerignore',
    aliases: [],
    category: 'security',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a `COPY . …` of the whole build context when `.dockerignore` does not keep out `.git`, secrets, caches and host build output that the context holds.',
      rationale:
        'Without a `.dockerignore`, `COPY . .` copies everything in the directory into the image: the whole `.git` history, ' +
        '`.env` files and keys (which then ship to every registry the image is pushed to), `node_modules` built for the host, ' +
        'logs and caches. The image grows, secrets leak, and any change to those files breaks the layer cache for the COPY ' +
        'and everything after it.',
      bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY server.js ./\nCMD ["node", "server.js"]\n',
      exampleContext: {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'node_modules/x/index.js': '',
        '.env': 'TOKEN=x\n',
        'package.json': '{}\n',
        'package-lock.json': '{}\n',
        'server.js': '',
      },
      fixSafety:
        'Unsafe: excluding files from the context changes what `COPY . .` puts into the image (that is the point). The fix ' +
        'appends exactly the missing entries to `.dockerignore` (or to `<Dockerfile>.dockerignore` when that is the one in ' +
        'use), creating it when there is none, written atomically; existing lines are never reordered or deleted. An entry ' +
        'is only added for something the context actually holds, and never for a path a COPY or ADD names explicitly ' +
        '(`COPY .env .`). `dfopt fix --dry-run` shows the change as a diff.',
      notes:
        'Needs the build context (the Dockerfile\'s directory, or `--context DIR`); silent on `--stdin` without `--context`. ' +
        'Only whole-context copies in stages whose layers reach the final image count: a builder stage\'s copy is discarded. ' +
        'Looks for: `.git`, `.env` (and `.env.local`…), `*.pem`, `id_rsa*` and other private keys, `__pycache__` ' +
        'directories, `*.log` files at the top, and — only when the Dockerfile installs or builds them itself — ' +
        '`node_modules`, `dist` (npm/yarn/pnpm build, tsc, vite, webpack) and `target` (cargo, maven). Reported once, on the ' +
        'first COPY/ADD of the whole context. No hadolint or BuildKit equivalent.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'(model) {
        const build = context.buildContext;
        if (!build) return;
        // Only what reaches the final image: a builder stage's copy of the context is thrown away with the builder.
        const copy = finalImageStages(model).flatMap((s) => s.instructions).find(copiesWholeContext);
        if (!copy) return;
        const loaded = loadIgnore(build);
        const named = new Set(
          model.stages
            .flatMap((s) => s.instructions)
            .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flag('from'))
            .flatMap((i) => (i.execForm ?? i.words.map((w) => w.value)).slice(0, -1))
            .map((w) => w.replace(/^\.\//, '').replace(/\/+$/, '')),
        );
        const commands = model.stages.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN').flatMap((r) => commandUses(r).map((u) => u.argv.map((w) => w.value).join(' ')));
        const missing: Unwanted[] = [];
        for (const unwanted of UNWANTED) {
          if (unwanted.madeByImage && !unwanted.madeByImage(commands)) continue;
          const present = unwanted.find(build).filter((p) => !named.has(p) && !loaded?.ignore.isIgnored(p));
          if (present.length > 0) missing.push(unwanted);
        }
        if (missing.length === 0) return;
        const file = loaded?.file ?? '.dockerignore';
        const listed = missing.map((m) => `${m.entry} (${m.why})`).join(', ');
        const fixFiles = (): ContextFileEdit[] => [{ path: file, append: missing.map((m) => m.entry).join('\n') }];
        context.report({
          range: copy.range,
          message: loaded
            ? `${copy.keyword} at line ${copy.range.start.line + 1} copies the whole build context, and ${file} does not exclude ${listed}; add them to ${file}.`
            : `${copy.keyword} at line ${copy.range.start.line + 1} copies the whole build context, which has no .dockerignore, so ${listed} go into the image; add a .dockerignore.`,
          fix: () => [],
          fixFiles,
        });
      },
    };
  },
});
