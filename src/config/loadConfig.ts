import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type * as YamlModule from 'yaml';
import type { RuleRegistry } from '../engine';
import { MAX_DOCKERFILE_BYTES, tooLargeDetail } from '../parse/limits';
import { HADOLINT_CONFIG_NAMES, mapHadolintConfig } from './hadolintConfig';
import { ConfigError, type DfoptConfig, validateConfig } from './schema';

export const CONFIG_FILE_NAMES = ['.dfopt.yaml', '.dfopt.yml'] as const;

/** The largest config file read: the largest config anyone writes is a few KiB (a package.json is read whole). */
const MAX_CONFIG_BYTES = MAX_DOCKERFILE_BYTES;

/**
 * Reads and validates one config file: `.dfopt.yaml`/`.yml` (YAML or JSON — config is data, never executed), a
 * `package.json` whose `dfopt` key holds the config, or hadolint's `.hadolint.yaml` (mapped through aliases).
 */
export function loadConfigFile(path: string, registry: RuleRegistry): DfoptConfig {
  let text: string;
  try {
    // A device or a pipe (`--config /dev/zero`) would be read until memory ran out, and no config is a megabyte.
    const stats = statSync(path);
    if (!stats.isFile()) throw new ConfigError(path, null, 'cannot read config file: not a regular file');
    if (stats.size > MAX_CONFIG_BYTES) throw new ConfigError(path, null, `config file is ${tooLargeDetail(stats.size, MAX_CONFIG_BYTES)}`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(path, null, `cannot read config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const baseDir = dirname(resolve(path));
  if (basename(path) === 'package.json') {
    let pkg: unknown;
    try {
      pkg = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      // V8 says where: "… in JSON at position 48 (line 3 column 32)" (the line part only on newer Node).
      const position = /at position (\d+)/.exec(message);
      const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
      throw new ConfigError(path, null, `invalid JSON: ${message.replace(/ \(line \d+ column \d+\)$/, '')}`, line);
    }
    const raw = (pkg as Record<string, unknown> | null)?.dfopt;
    return { ...validateConfig(raw, `${path}#dfopt`, registry), source: path, baseDir };
  }
  // Loaded only when a config file exists, to keep start-up lean.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof YamlModule;
  const lineCounter = new YAML.LineCounter();
  // logLevel 'error': the yaml package would print its warnings (a mapping used as a key) with process.emitWarning,
  // a second stderr line beside the one-line config error that such a file gets.
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.pos ? lineCounter.linePos(firstError.pos[0]).line : undefined;
    throw new ConfigError(path, null, `invalid YAML: ${firstError.message.split('\n')[0]}`, line);
  }
  const lineOf = (keyPath: readonly (string | number)[]): number | undefined => {
    for (let depth = keyPath.length; depth > 0; depth--) {
      const parent = depth > 1 ? doc.getIn(keyPath.slice(0, depth - 1), true) : doc.contents;
      if (!YAML.isMap(parent) && !YAML.isSeq(parent)) continue;
      const key = keyPath[depth - 1];
      const pair = YAML.isMap(parent) ? parent.items.find((p) => YAML.isScalar(p.key) && p.key.value === key) : undefined;
      const node = pair ? (pair.key as { range?: [number, number, number] }) : (doc.getIn(keyPath.slice(0, depth), true) as { range?: [number, number, number] } | undefined);
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // The yaml package refuses documents whose aliases would expand past 100 nodes ("billion laughs") with a
    // ReferenceError; anything else it throws here is a document it cannot turn into data. Both are config errors.
    let firstAlias: number | undefined;
    YAML.visit(doc, {
      Alias(_key, node) {
        firstAlias = node.range?.[0];
        return YAML.visit.BREAK;
      },
    });
    const line = firstAlias === undefined ? undefined : lineCounter.linePos(firstAlias).line;
    const detail = /alias/i.test((error as Error).message)
      ? 'too many YAML aliases (they would expand to more than 100 nodes); write the values out instead'
      : `invalid YAML: ${(error as Error).message.split('\n')[0]}`;
    throw new ConfigError(path, null, detail, line);
  }
  if ((HADOLINT_CONFIG_NAMES as readonly string[]).includes(basename(path))) {
    return { ...mapHadolintConfig(data, path, registry), source: path, baseDir };
  }
  return { ...validateConfig(data, path, registry, lineOf), source: path, baseDir };
}

/**
 * Config file governing `dir`: the nearest `.dfopt.yaml`, `.dfopt.yml` or package.json with a `dfopt` key, walking
 * up; when there is none, the nearest `.hadolint.yaml`/`.yml`, so a project moving from hadolint keeps its settings.
 */
export function findConfigFile(dir: string): string | null {
  const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();
  const walk = (found: (current: string) => string | null): string | null => {
    for (let current = resolve(dir); ; current = dirname(current)) {
      const hit = found(current);
      if (hit) return hit;
      if (dirname(current) === current) return null;
    }
  };
  return (
    walk((current) => {
      const named = CONFIG_FILE_NAMES.map((n) => join(current, n)).find(isFile);
      if (named) return named;
      const pkg = join(current, 'package.json');
      return isFile(pkg) && packageHasDfoptKey(pkg) ? pkg : null;
    }) ?? walk((current) => HADOLINT_CONFIG_NAMES.map((n) => join(current, n)).find(isFile) ?? null)
  );
}

function packageHasDfoptKey(path: string): boolean {
  try {
    // Read whole, a 700 MB package.json (not ours; a repository may hold anything) cost 1.1 GB of memory and seconds
    // at every run below it. Too large to be a config: a candidate only if it names the key, for loadConfigFile to
    // refuse in one line; otherwise it is left alone.
    if (statSync(path).size > MAX_CONFIG_BYTES) return fileContains(path, '"dfopt"');
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof pkg === 'object' && pkg !== null && 'dfopt' in pkg;
  } catch {
    // A broken package.json that is not ours to read is not a dfopt config.
    return false;
  }
}

/** Whether a file holds `text` (ASCII), read a chunk at a time. */
function fileContains(path: string, text: string): boolean {
  const needle = Buffer.from(text, 'latin1');
  const chunk = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    // Each chunk after the first starts with the previous one's last bytes, so a match across the cut is seen.
    let kept = 0;
    for (;;) {
      const read = readSync(fd, chunk, kept, chunk.length - kept, null);
      if (read === 0) return false;
      const end = kept + read;
      if (chunk.subarray(0, end).includes(needle)) return true;
      kept = Math.min(needle.length - 1, end);
      chunk.copy(chunk, 0, end - kept, end);
    }
  } finally {
    closeSync(fd);
  }
}

/** Finds and loads configs per directory, each file once. */
export class ConfigResolver {
  private readonly byDir = new Map<string, DfoptConfig>();
  private readonly byFile = new Map<string, DfoptConfig>();

  constructor(
    private readonly registry: RuleRegistry,
    /** `--config FILE`: used for every file instead of discovery. */
    private readonly explicit?: string,
  ) {}

  forFile(filePath: string): DfoptConfig {
    if (this.explicit) return this.load(this.explicit);
    const dir = dirname(resolve(filePath));
    let config = this.byDir.get(dir);
    if (!config) {
      const found = findConfigFile(dir);
      config = found ? this.load(found) : {};
      this.byDir.set(dir, config);
    }
    return config;
  }

  private load(path: string): DfoptConfig {
    let config = this.byFile.get(path);
    if (!config) {
      config = loadConfigFile(path, this.registry);
      this.byFile.set(path, config);
    }
    return config;
  }
}
