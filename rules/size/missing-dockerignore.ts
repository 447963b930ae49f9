import { type BuildContext, type ContextFileEdit, defineRule } from '../../src/engine';
import { finalImageStages } from '../../src/model';
import { loadIgnore } from '../../src/model/dockerignore';
import type { InstructionNode } from '../../src/parse';
import { commandUses } from '../../src/shell';

/**
 * What must never reach an image, when the build context has it: the entry written to .dockerignore, how to know
 * it when the walk of the context meets it, and (for build outputs) the command that shows the image makes its own.
 */
interface Unwanted {
  readonly entry: string;
  readonly why: string;
  /** Whether the entry `name` (at `depth`, 0 being the context's top) is one; `isDirectory` stats it on demand. */
  readonly matches: (name: string, depth: number, isDirectory: () => boolean) => boolean;
  /** Only when the Dockerfile makes it itself (installs dependencies, builds): otherwise the context's copy may be the point. */
  readonly madeByImage?: (commands: readonly string[]) => boolean;
}

const atTop = (test: (name: string, isDirectory: () => boolean) => boolean) => (name: string, depth: number, isDirectory: () => boolean) =>
  depth === 0 && test(name, isDirectory);
const anywhere = (test: (name: string) => boolean) => (name: string) => test(name);

const UNWANTED: readonly Unwanted[] = [
  { entry: '.git', why: 'the repository history', matches: atTop((n) => n === '.git') },
  {
    entry: 'node_modules',
    why: 'host-built dependencies the image installs itself',
    matches: atTop((n, dir) => n === 'node_modules' && dir()),
    madeByImage: (c) => c.some((x) => /^(npm (ci|install|i)|yarn( install)?|pnpm (install|i))\b/.test(x)),
  },
  { entry: '.env', why: 'secrets', matches: anywhere((n) => n === '.env' || /^\.env\.(local|production|development|prod|dev)$/.test(n)) },
  { entry: '*.pem', why: 'keys', matches: anywhere((n) => n.endsWith('.pem')) },
  { entry: 'id_rsa*', why: 'keys', matches: anywhere((n) => /^id_(rsa|dsa|ecdsa|ed25519)/.test(n)) },
  { entry: '**/__pycache__', why: 'bytecode caches', matches: anywhere((n) => n === '__pycache__') },
  {
    entry: 'target',
    why: 'host build output the image builds itself',
    matches: atTop((n, dir) => n === 'target' && dir()),
    madeByImage: (c) => c.some((x) => /^(cargo (build|install)|mvn|\.\/mvnw)\b/.test(x)),
  },
  {
    entry: 'dist',
    why: 'host build output the image builds itself',
    matches: atTop((n, dir) => n === 'dist' && dir()),
    madeByImage: (c) => c.some((x) => /^(npm run (build|dist)|yarn (run )?build|pnpm (run )?build|npx (tsc|vite|webpack)|tsc\b|vite build|webpack)/.test(x)),
  },
  { entry: '*.log', why: 'logs', matches: atTop((n, dir) => n.endsWith('.log') && !dir()) },
];

/** How much of the context the walk looks at: every real project's upper levels, and a bounded cost in a monorepo. */
export const WALK_MAX_ENTRIES = 10_000;
export const WALK_MAX_DEPTH = 4;
const MAX_FOUND = 20;
/** Directories whose contents say nothing more: history, installed packages, bytecode. */
const NOT_WALKED = new Set(['.git', 'node_modules', '__pycache__']);

interface ContextScan {
  /** Context paths (relative, `/`-separated) found for each unwanted kind. */
  readonly found: ReadonlyMap<Unwanted, readonly string[]>;
  /** The walk stopped at WALK_MAX_ENTRIES: what lies beyond was not looked at. */
  readonly truncated: boolean;
}

/**
 * One walk of the context for every kind at once (depth-first, in name order, at most WALK_MAX_ENTRIES entries and
 * WALK_MAX_DEPTH levels below the top), never into NOT_WALKED: asking each kind separately listed and stat'ed the
 * same directories once per kind.
 */
function scanContext(context: BuildContext): ContextScan {
  const found = new Map<Unwanted, string[]>(UNWANTED.map((u) => [u, []]));
  let budget = WALK_MAX_ENTRIES;
  let truncated = false;
  const walk = (dir: string, depth: number): void => {
    for (const name of context.list(dir)) {
      if (--budget < 0) {
        truncated = true;
        return;
      }
      const path = dir === '.' ? name : `${dir}/${name}`;
      let directory: boolean | undefined;
      const isDirectory = (): boolean => (directory ??= context.stat(path)?.isDirectory === true);
      for (const unwanted of UNWANTED) {
        if (!unwanted.matches(name, depth, isDirectory)) continue;
        const paths = found.get(unwanted)!;
        if (paths.length < MAX_FOUND) paths.push(path);
      }
      if (depth < WALK_MAX_DEPTH && !NOT_WALKED.has(name) && isDirectory()) walk(path, depth + 1);
      if (truncated) return;
    }
  };
  walk('.', 0);
  return { found, truncated };
}

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
        'first COPY/ADD of the whole context. The context is walked once, in name order, down to 4 levels below its top ' +
        'and at most 10,000 entries (never into `.git` or `node_modules`); in a larger context the message says so, and ' +
        'what lies beyond is not looked at. No hadolint or BuildKit equivalent.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'(model) {
        const build = context.buildContext;
        if (!build) return;
        // Only what reaches the final image: a builder stage's copy of the context is thrown away with the builder.
        // Loops, not flatMap then find: this runs at every lint, and V8's flatMap builds the whole list first.
        let copy: InstructionNode | undefined;
        for (const s of finalImageStages(model)) if ((copy = s.instructions.find(copiesWholeContext))) break;
        if (!copy) return;
        const loaded = loadIgnore(build);
        const named = new Set(
          model.stages
            .flatMap((s) => s.instructions)
            .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flag('from'))
            .flatMap((i) => (i.execForm ?? i.words.map((w) => w.value)).slice(0, -1))
            .map((w) => w.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '')),
        );
        const commands = model.stages.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN').flatMap((r) => commandUses(r).map((u) => u.argv.map((w) => w.value).join(' ')));
        // The same for every Dockerfile using this context: walked once per run when the context can remember it.
        const scan = build.memo ? build.memo('missing-dockerignore/scan', () => scanContext(build)) : scanContext(build);
        const missing: Unwanted[] = [];
        for (const unwanted of UNWANTED) {
          if (unwanted.madeByImage && !unwanted.madeByImage(commands)) continue;
          const present = scan.found.get(unwanted)!.filter((p) => !named.has(p) && !loaded?.ignore.isIgnored(p));
          if (present.length > 0) missing.push(unwanted);
        }
        if (missing.length === 0) return;
        const file = loaded?.file ?? '.dockerignore';
        const listed = missing.map((m) => `${m.entry} (${m.why})`).join(', ');
        const partly = scan.truncated ? ` (dfopt looked at the first ${WALK_MAX_ENTRIES.toLocaleString('en')} entries of the context only)` : '';
        const fixFiles = (): ContextFileEdit[] => [{ path: file, append: missing.map((m) => m.entry).join('\n') }];
        context.report({
          range: copy.range,
          message: loaded
            ? `${copy.keyword} at line ${copy.range.start.line + 1} copies the whole build context, and ${file} does not exclude ${listed}${partly}; add them to ${file}.`
            : `${copy.keyword} at line ${copy.range.start.line + 1} copies the whole build context, which has no .dockerignore, so ${listed} go into the image${partly}; add a .dockerignore.`,
          fix: () => [],
          fixFiles,
        });
      },
    };
  },
});
