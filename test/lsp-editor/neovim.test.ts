// A real editor on the server: Neovim (0.7, as Debian ships it) headless, its built-in LSP client started on
// `dfopt lsp --stdio`. Run by `npm run test:lsp`; CI installs neovim (.ci/run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../lsp/lspClient';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const version = nvim.status === 0 ? nvim.stdout.split('\n')[0] : null;
if (!version) console.warn('test/lsp-editor/neovim.test.ts: skipped, `nvim` is not installed (apt-get install neovim; CI installs it)');
const withNeovim = version ? it : it.skip;

interface Seen {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
}

describe(`Neovim's LSP client (${version ?? 'nvim not installed: skipped'})`, () => {
  withNeovim('receives dfopt diagnostics (vim.diagnostic.get) and applies its quick fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-nvim-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM ubuntu:22.04\nMAINTAINER someone@example.com\nRUN apt-get install -y curl\n');
    const out = join(dir, 'result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
      // Neovim's LSP log and state go to the test's directory, not the user's.
      env: { ...process.env, XDG_CACHE_HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, DFOPT_OUT: out, DFOPT_FILE: file, DFOPT_NODE: process.execPath, DFOPT_BIN: BIN },
      encoding: 'utf8',
      timeout: 60_000,
    });
    let result: { error?: string; steps: Record<string, boolean>; first: Seen[]; second: Seen[]; titles: string[]; text: string };
    try {
      result = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      throw new Error(`nvim wrote no result (exit ${run.status}, signal ${run.signal})\n${run.stdout}\n${run.stderr}`);
    }
    expect(result.error).toBeUndefined();
    expect(result.steps).toEqual({ attached: true, applied: true, updated: true });
    const maintainer = result.first.find((d) => d.code === 'no-maintainer');
    expect(maintainer).toEqual({ code: 'no-maintainer', lnum: 1, col: 0, end_lnum: 1, end_col: 10, severity: 1 });
    expect(result.first.map((d) => d.code)).toEqual(expect.arrayContaining(['no-maintainer', 'apt-no-install-recommends']));
    expect(result.titles).toEqual(expect.arrayContaining(['Disable no-maintainer for this line', 'Disable no-maintainer in this file']));
    expect(result.text).toContain('LABEL org.opencontainers.image.authors="someone@example.com"');
    expect(result.second.map((d) => d.code)).not.toContain('no-maintainer');
    expect(result.second.map((d) => d.code)).toContain('apt-no-install-recommends');
  }, 90_000);
});
