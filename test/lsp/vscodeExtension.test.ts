// The VS Code extension's manifest, checked against what `vsce package` and VS Code require of it (name, publisher,
// semver version, engines.vscode, an existing main, activation events, contributed settings with types), and
// against the server: every setting it contributes is one the server reads. (`npx @vscode/vsce package` in
// editors/vscode also works, after `npm install` there; it needs the network, so it is not run here.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SETTINGS, readSettings } from '../../src/lsp/server';

const DIR = resolve(__dirname, '..', '..', 'editors', 'vscode');
const manifest = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8'));
const properties: Record<string, { type: string; default: unknown; description: string; enum?: string[] }> = manifest.contributes.configuration.properties;

describe('editors/vscode', () => {
  it('has the manifest fields vsce requires', () => {
    expect(manifest.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/i);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.engines.vscode).toMatch(/^\^1\.\d+\.\d+$/);
    expect(existsSync(join(DIR, manifest.main))).toBe(true);
    expect(manifest.activationEvents).toContain('onLanguage:dockerfile');
    for (const [key, p] of Object.entries(properties)) {
      expect([key, typeof p.type, typeof p.description]).toEqual([key, 'string', 'string']);
      if (p.enum) expect(p.enum).toContain(p.default);
    }
  });

  it('registers Dockerfile and Containerfile names for the dockerfile language', () => {
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
    expect(language.filenames).toEqual(['Dockerfile', 'Containerfile']);
    expect(language.filenamePatterns).toEqual(expect.arrayContaining(['Dockerfile.*', '*.Dockerfile', 'Containerfile.*']));
  });

  it('contributes exactly the settings the server reads, with the same defaults', () => {
    const serverKeys = Object.keys(DEFAULT_SETTINGS).map((k) => `dfopt.${k}`);
    expect(Object.keys(properties).filter((k) => !['dfopt.path', 'dfopt.trace.server'].includes(k)).sort()).toEqual(serverKeys.sort());
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof typeof DEFAULT_SETTINGS)[]) expect(properties[`dfopt.${key}`]!.default).toEqual(DEFAULT_SETTINGS[key]);
    for (const run of properties['dfopt.run']!.enum!) expect(readSettings({ run }).run).toBe(run);
  });

  it('requires only vscode, node built-ins and its own dependencies; the root package does not carry them', () => {
    const source = readFileSync(join(DIR, manifest.main), 'utf8');
    expect(spawnSync(process.execPath, ['--check', join(DIR, manifest.main)]).status).toBe(0);
    const required = [...source.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!);
    const declared = Object.keys(manifest.dependencies);
    for (const name of required) {
      if (name === 'vscode' || name.startsWith('node:')) continue;
      expect(declared).toContain(name.split('/')[0]);
    }
    const root = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(Object.keys({ ...root.dependencies, ...root.devDependencies })).not.toContain('vscode-languageclient');
  });
});
