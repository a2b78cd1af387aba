/**
 * The language server in a real editor that is not VS Code: Debian's Neovim (0.7.2 in Debian 12),
 * headless, with a minimal init.lua, opens a `.wslconfig` with a known error and must receive the
 * server's diagnostics.
 *
 * Neovim 0.7 has no `vim.lsp.start` (0.8+) and no `vim.lsp.config` (0.11+), so the init uses
 * `vim.lsp.start_client` + `vim.lsp.buf_attach_client` from a FileType autocmd, the same shape as
 * the README's 0.8-0.10 snippet, and the same file-type detection (`vim.filetype.add`).
 *
 * Without `nvim` on PATH the test is skipped, except under CI, where that is a failure:
 * scripts/setup-vscode-host.sh installs Debian's `neovim`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './lspTestClient';

/** How long Neovim waits for diagnostics; far above the ~0.2 s they take, for loaded machines. */
const WAIT_FOR_DIAGNOSTICS_MS = 30_000;

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 30_000 });
const nvimMissing = nvimVersion.error !== undefined || nvimVersion.status !== 0;
const MISSING =
  "nvim is not on PATH: install Debian's neovim (`apt-get install neovim`; scripts/setup-vscode-host.sh does it)";

/**
 * The init.lua. Every path reaches it through the environment (vim.env), never pasted into the Lua
 * text. It writes one JSON object to WSLN_OUT and quits, whatever happens.
 */
const INIT_LUA = `
local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.WSLN_OUT)
  vim.cmd('qall!')
end

-- Neovim 0.7 detects file types in Vimscript unless told to use filetype.lua.
vim.g.do_filetype_lua = 1
vim.filetype.add({
  filename = {
    ['.wslconfig'] = 'wslconfig',
    ['wsl.conf'] = 'wslconf',
    ['wsl-distribution.conf'] = 'wslconf',
  },
})

local client_id = nil
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'wslconfig', 'wslconf' },
  callback = function(args)
    client_id = client_id or vim.lsp.start_client({
      name = 'wsl-network',
      cmd = { vim.env.WSLN_NODE, vim.env.WSLN_SERVER, '--stdio' },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h'),
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

-- After startup, when Neovim has turned file-type detection on, as when a user opens a file
-- (nested: so that :edit runs the BufRead and FileType autocommands).
vim.api.nvim_create_autocmd('VimEnter', { once = true, nested = true, callback = function()
local ok, result = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.WSLN_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local arrived = vim.wait(tonumber(vim.env.WSLN_WAIT_MS), function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(diagnostics, {
      lnum = d.lnum, col = d.col, severity = d.severity, message = d.message,
      code = d.code or lsp.code, source = d.source or lsp.source,
    })
  end
  return {
    filetype = vim.bo[bufnr].filetype,
    attached = client_id ~= nil and vim.lsp.buf_is_attached(bufnr, client_id),
    arrived = arrived,
    diagnostics = diagnostics,
  }
end)
finish(ok and result or { error = tostring(result) })
end })
`;

interface NeovimDiagnostic {
  lnum: number;
  col: number;
  severity: number;
  message: string;
  code?: string;
}

interface NeovimResult {
  error?: string;
  filetype?: string;
  attached?: boolean;
  arrived?: boolean;
  diagnostics?: NeovimDiagnostic[];
}

/** Set on each test rather than the suite, so that the summary counts the skipped tests. */
const skip = nvimMissing && !process.env.CI ? MISSING : false;

describe('Neovim (headless) against the language server', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-nvim-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Opens `text` as `name` in Neovim and returns what Neovim saw. */
  function openInNeovim(name: string, text: string): NeovimResult {
    assert.ok(!nvimMissing, `CI is set and ${MISSING}`);
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const file = path.join(home, name);
    fs.writeFileSync(file, text);
    const init = path.join(home, 'init.lua');
    fs.writeFileSync(init, INIT_LUA);
    const out = path.join(home, 'result.json');
    // Neovim's own state (shada, swap, lsp.log) goes into the temporary folder, not $HOME.
    const xdg = Object.fromEntries(
      ['CONFIG', 'DATA', 'STATE', 'CACHE'].map((k) => [`XDG_${k}_HOME`, path.join(home, k.toLowerCase())]),
    );
    const result = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', init], {
      cwd: home,
      encoding: 'utf8',
      timeout: WAIT_FOR_DIAGNOSTICS_MS + 30_000,
      env: {
        ...process.env,
        ...xdg,
        WSLN_NODE: process.execPath,
        WSLN_SERVER: path.join(REPO_ROOT, 'dist/server.js'),
        WSLN_FILE: file,
        WSLN_OUT: out,
        WSLN_WAIT_MS: String(WAIT_FOR_DIAGNOSTICS_MS),
      },
    });
    assert.equal(result.signal, null, `Neovim was killed (${result.signal}): ${result.stderr}`);
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${result.status}): ${result.stdout}${result.stderr}`);
    return JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
  }

  it('diagnostics arrive for a .wslconfig with an invalid memory size', { skip }, () => {
    const seen = openInNeovim('.wslconfig', '[wsl2]\nmemory=1.5GB\n');
    assert.equal(seen.error, undefined);
    assert.equal(seen.filetype, 'wslconfig');
    assert.equal(seen.attached, true);
    assert.equal(seen.arrived, true, 'no diagnostics within the wait');
    const memory = seen.diagnostics!.find((d) => d.code === 'invalid-memory');
    assert.ok(memory, JSON.stringify(seen.diagnostics));
    assert.deepEqual([memory.lnum, memory.col, memory.severity], [1, 7, 1]);
    assert.ok(
      memory.message.startsWith("Invalid memory string '1.5GB' for .wslconfig entry 'wsl2.memory'."),
      memory.message,
    );
  });

  it('wsl.conf is detected and checked as /etc/wsl.conf', { skip }, () => {
    const seen = openInNeovim('wsl.conf', '[boot]\nsystemd=yes\n');
    assert.equal(seen.error, undefined);
    assert.equal(seen.filetype, 'wslconf');
    const bool = seen.diagnostics!.find((d) => d.code === 'invalid-bool');
    assert.ok(bool, JSON.stringify(seen.diagnostics));
    assert.equal(bool.lnum, 1);
  });
});
