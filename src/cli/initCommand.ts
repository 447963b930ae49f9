import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type * as YamlModule from 'yaml';
import { CONFIG_FILE_NAMES, ConfigError, type DfoptConfig, HADOLINT_CONFIG_NAMES, loadConfigFile } from '../config';
import { REPOSITORY_URL, type RuleRegistry } from '../engine';
import { printable } from '../report';
import { createFileAtomic } from './fixCommand';
import { type CommandIO, EXIT_OK, EXIT_USAGE } from './lintCommand';
import { fileErrorCause } from './readDockerfile';

export interface InitOptions {
  /** Directory to write `.dfopt.yaml` in (the current one from the CLI). */
  readonly dir: string;
  /** Overwrite an existing dfopt config. */
  readonly force: boolean;
}

/** What a new project starts with: every key, most commented out, each saying what it does. */
const STARTER = `# dfopt configuration: ${REPOSITORY_URL}#configuration
# Rule ids and their hadolint/BuildKit aliases (DL3008, JSONArgsRecommended) work everywhere: 'dfopt rules' lists them.
extends: recommended          # recommended | strict (warnings become errors) | all | hadolint (hadolint's defaults)
failureThreshold: error       # lowest severity that fails the run: error | warning | info | style | none
rules: {}
#   pin-base-image: error     # off | info | warning | error, or [level, {options}]
#   DL3059: off
# ignore:                     # globs of Dockerfiles not to lint, relative to this file
#   - vendor/**
# trustedRegistries: [docker.io, ghcr.io]
# imagePins: { node: 22.11-bookworm }   # what 'dfopt fix' pins untagged base images to
# optimize:
#   finalBase: auto           # auto | scratch | distroless | busybox | slim | alpine | keep
`;

/**
 * `dfopt init`: writes a starter `.dfopt.yaml`, or converts the `.hadolint.yaml` found in the directory, keeping
 * every setting dfopt understands and saying in comments what it left out. Never overwrites a dfopt config
 * without --force.
 */
export function runInit(options: InitOptions, registry: RuleRegistry, io: CommandIO): number {
  const existing = [...CONFIG_FILE_NAMES].map((n) => join(options.dir, n)).find((p) => existsSync(p));
  if (existing && !options.force) {
    io.stderr(`dfopt: ${basename(existing)} already exists; 'dfopt init --force' replaces it\n`);
    return EXIT_USAGE;
  }
  const target = existing ?? join(options.dir, CONFIG_FILE_NAMES[0]);
  const hadolint = HADOLINT_CONFIG_NAMES.map((n) => join(options.dir, n)).find((p) => existsSync(p));
  let text = STARTER;
  if (hadolint) {
    let converted: DfoptConfig;
    try {
      converted = loadConfigFile(hadolint, registry);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`dfopt: ${printable(error.message)}; nothing was written\n`);
      return EXIT_USAGE;
    }
    text = convertedConfigText(converted, basename(hadolint), readHadolintRaw(hadolint), registry);
  }
  try {
    createFileAtomic(target, text, { replace: existing !== undefined });
  } catch (error) {
    io.stderr(`dfopt: ${printable(target)}: cannot write (${fileErrorCause(error)})\n`);
    return EXIT_USAGE;
  }
  io.stdout(`Wrote ${basename(target)}${hadolint ? ` from ${basename(hadolint)}` : ''}. 'dfopt lint' now uses it.\n`);
  return EXIT_OK;
}

/** The YAML of a config converted from hadolint's, with each rule's id and aliases in a comment. */
function convertedConfigText(config: DfoptConfig, from: string, raw: Record<string, unknown>, registry: RuleRegistry): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof YamlModule;
  const plain: Record<string, unknown> = { extends: config.extends ?? 'hadolint' };
  if (config.failureThreshold) plain.failureThreshold = config.failureThreshold;
  if (config.rules) plain.rules = { ...config.rules };
  if (config.trustedRegistries) plain.trustedRegistries = config.trustedRegistries;
  if (config.labelSchema) plain.labelSchema = config.labelSchema;
  if (config.strictLabels !== undefined) plain.strictLabels = config.strictLabels;
  const doc = new YAML.Document(plain);
  const rules = doc.get('rules', true);
  if (YAML.isMap(rules)) {
    for (const pair of rules.items) {
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : '';
      const meta = registry.get(key)?.meta;
      if (meta && YAML.isNode(pair.value)) pair.value.comment = ` ${meta.id}`;
    }
  }
  const threshold = doc.get('failureThreshold', true);
  if (YAML.isNode(threshold) && !('failure-threshold' in raw) && !('no-fail' in raw)) threshold.comment = " hadolint's default, kept";
  const skipped = unknownCodes(raw, registry);
  const header =
    `# dfopt configuration, converted from ${from} by 'dfopt init'.\n` +
    `# hadolint codes stay as they were: dfopt accepts them as aliases of its rules.\n` +
    (skipped.length ? `# Left out (not dfopt rules, e.g. ShellCheck codes): ${skipped.join(', ')}\n` : '');
  return header + doc.toString({ lineWidth: 0 });
}

/** The hadolint config as written (it parsed once already, in loadConfigFile); only read for comments. */
function readHadolintRaw(path: string): Record<string, unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const raw: unknown = (require('yaml') as typeof YamlModule).parse(readFileSync(path, 'utf8'));
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Codes a hadolint config names that no dfopt rule answers to (ShellCheck's SCxxxx): said in the header, not lost silently. */
function unknownCodes(raw: Record<string, unknown>, registry: RuleRegistry): string[] {
  const codes: unknown[] = [];
  if (Array.isArray(raw.ignored)) codes.push(...(raw.ignored as unknown[]));
  const override = raw.override;
  if (override && typeof override === 'object') for (const list of Object.values(override)) if (Array.isArray(list)) codes.push(...(list as unknown[]));
  return [...new Set(codes.filter((c): c is string => typeof c === 'string' && registry.get(c) === undefined))];
}
