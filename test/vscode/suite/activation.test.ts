/**
 * Activation in the real extension host: the timings the extension records, that no language server
 * process runs before a WSL config file opens, and how soon after opening one its diagnostics show.
 * The bench runs this file alone in a fresh VS Code and reads the `activation-timings` line
 * (test/bench/activation.mjs).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import { SERVER_NODE_OPTIONS } from '../../../server/src/core';
import { log } from './index';
import { waitForDiagnostics } from './waitForDiagnostics';

const EXTENSION_ID = 'wsl-network.wsl-network';
const CONFIG_LANGUAGES = ['wslconfig', 'wslconf'];

/** Child processes of this extension host running the bundled language server, with their command lines (read from /proc). */
function languageServerProcesses(): { pid: number; cmdline: string[] }[] {
  const found: { pid: number; cmdline: string[] }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.endsWith('dist/server.js'))) found.push({ pid: Number(entry), cmdline });
    } catch {
      // The process ended while we read it.
    }
  }
  return found;
}

describe('activation', () => {
  it('returns without starting the language server, which starts when a .wslconfig opens and gives it diagnostics', async () => {
    const extension = vscode.extensions.getExtension<WslNetworkApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const api = await extension.activate();
    const { cockpitReadyMs, activateMs } = api.activation;
    assert.ok(cockpitReadyMs > 0, `cockpit timing ${cockpitReadyMs}`);
    assert.ok(
      activateMs >= cockpitReadyMs,
      `activate() (${activateMs} ms) returns after the cockpit is ready (${cockpitReadyMs} ms)`,
    );

    // Other suites may have opened a config file already; this file alone (the bench) starts clean.
    const configOpenBefore = vscode.workspace.textDocuments.some((d) => CONFIG_LANGUAGES.includes(d.languageId));
    const serverProcessesBeforeOpen = languageServerProcesses().length;
    if (!configOpenBefore) {
      assert.strictEqual(api.client, undefined, 'no language client before a WSL config file opens');
      assert.strictEqual(api.activation.languageServerStartedMs, undefined);
      assert.strictEqual(serverProcessesBeforeOpen, 0, 'no language server process before a WSL config file opens');
    }
    // Demo mode counts as a WSL machine (status bar and poll from the start); on plain Linux the
    // cockpit stays out of the way until a WSL config file opens, and never polls.
    const insideWsl =
      fs.existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') ||
      fs.existsSync('/proc/sys/fs/binfmt_misc/WSLInterop-late') ||
      !!process.env['WSL_DISTRO_NAME'];
    const wslMachine = process.platform === 'win32' || api.demo || insideWsl;
    assert.strictEqual(
      api.polling,
      wslMachine,
      wslMachine ? 'a WSL machine polls the status' : 'no polling on a machine without WSL',
    );
    if (!configOpenBefore)
      assert.strictEqual(
        api.statusBarShown,
        wslMachine,
        wslMachine
          ? 'the status bar shows on a WSL machine'
          : 'no status bar item on a machine without WSL while no WSL config file is open',
      );

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, '.wslconfig');
    const opening = performance.now();
    const diagnosticsShown = waitForDiagnostics(
      uri,
      (found) => found.some((d) => d.source === 'wsl-network'),
      'diagnostics from wsl-network',
    );
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    // The workbench's share (reading the file, showing the editor), then the server's start and round trip.
    const editorShownMs = performance.now() - opening;
    const diagnostics = await diagnosticsShown;
    const firstDiagnosticsMs = performance.now() - opening;
    assert.ok(diagnostics.length > 0);

    const client = await api.languageClient();
    assert.strictEqual(client, api.client);
    assert.strictEqual(client.isRunning(), true);
    const servers = languageServerProcesses();
    assert.strictEqual(servers.length, 1, 'one language server process once a .wslconfig is open');
    // Node puts the forked process's execArgv before the script on its command line.
    const script = servers[0].cmdline.findIndex((arg) => arg.endsWith('dist/server.js'));
    assert.deepStrictEqual(
      SERVER_NODE_OPTIONS.filter((option) => !servers[0].cmdline.slice(0, script).includes(option)),
      [],
      `the server runs with its Node options: ${servers[0].cmdline.join(' ')}`,
    );
    assert.strictEqual(api.statusBarShown, true, 'the status bar shows while a WSL config file is open');
    assert.strictEqual(
      api.polling,
      wslMachine,
      'opening a config file does not start polling on a machine without WSL',
    );
    const { languageServerStartedMs, languageServerReadyMs } = api.activation;
    assert.ok(
      languageServerStartedMs !== undefined && languageServerReadyMs !== undefined,
      'the server start was recorded',
    );
    if (!configOpenBefore)
      assert.ok(
        languageServerStartedMs >= activateMs,
        `the server (asked at ${languageServerStartedMs} ms) starts after activate() returned (${activateMs} ms)`,
      );
    assert.ok(languageServerReadyMs >= languageServerStartedMs);
    const languageServerStartMs = languageServerReadyMs - languageServerStartedMs;
    log(
      `activation-timings ${JSON.stringify({ cockpitReadyMs, activateMs, serverProcessesBeforeOpen, languageServerStartMs, editorShownMs, firstDiagnosticsMs })}`,
    );
  });
});
