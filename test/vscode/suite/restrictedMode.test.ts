/**
 * Restricted Mode: the workspace is not trusted (the harness runs this file alone, with workspace
 * trust on: RESTRICTED=1). Editing help keeps working; every command that would change Windows or
 * write .wslconfig refuses, says why, and runs nothing. The stand-in Windows tools (demo mode, via
 * EXT_ENV) log every call, so "runs nothing" is checked, not assumed.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../../client/src/commands';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import type { WslNetworkApi } from '../../../client/src/extension';
import { changesWindows, readFakeCalls, type FakeCall } from '../../fakes/fakeWindows';
import { waitForDiagnostics } from './waitForDiagnostics';

const EXTENSION_ID = 'wsl-network.wsl-network';

function changeCalls(): FakeCall[] {
  return readFakeCalls(process.env['WSL_NETWORK_FAKE_STATE'] ?? '').filter(changesWindows);
}

describe('Restricted Mode (untrusted workspace)', () => {
  let api: WslNetworkApi;

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the harness should open the workspace untrusted (RESTRICTED=1)');
    assert.ok(process.env['WSL_NETWORK_FAKE_STATE'], 'the stand-in tools need WSL_NETWORK_FAKE_STATE (EXT_ENV)');
    const extension = vscode.extensions.getExtension<WslNetworkApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
    await api.refresh();
  });

  it('still gives diagnostics in .wslconfig', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, '.wslconfig');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const diagnostics = await waitForDiagnostics(uri, (found) => found.some((d) => d.source === 'wsl-network'), 'diagnostics from wsl-network');
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('refuses every command that changes Windows or .wslconfig, and runs nothing', async () => {
    const attempts: [string, object][] = [
      [COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored' }],
      [COMMAND_IDS.restartWsl, {}],
      [COMMAND_IDS.exposePort, { port: 8080 }],
      [COMMAND_IDS.removePortExposure, { port: 8080 }],
      [COMMAND_IDS.repairPortForwarding, {}],
      [COMMAND_IDS.undoPortForwardingRepair, {}],
      [COMMAND_IDS.openWslConfig, { createIfMissing: true }],
    ];
    const before = changeCalls().length;
    for (const [command, options] of attempts) {
      const result = await vscode.commands.executeCommand<CommandResult>(command, { confirm: false, ...options });
      if (command === COMMAND_IDS.openWslConfig && result.ok) continue; // opening an existing file changes nothing
      assert.strictEqual(result.outcome, 'refused', `${command}: ${result.outcome} ${result.message}`);
      assert.match(result.message, /Restricted Mode/, command);
    }
    assert.deepStrictEqual(changeCalls().slice(before), []);
  });

  it('still shows the status and ports read-only', async () => {
    assert.match(api.statusBar.text, /WSL: NAT \(demo\)/);
    assert.ok(api.portsTree.nodes.length > 0);
  });
});

describe('Restricted Mode: a distro wsl.conf opens but is never written', () => {
  it('opens it, refuses the save with a clear message, and runs no root write', async () => {
    const fs = await import('fs');
    const path = await import('path');
    const stateDir = process.env['WSL_NETWORK_FAKE_STATE'] ?? '';
    const etc = path.join(stateDir, 'distros', 'Ubuntu-24.04', 'root', 'etc');
    fs.mkdirSync(etc, { recursive: true });
    fs.writeFileSync(path.join(etc, 'wsl.conf'), '[boot]\nsystemd=true\n');
    const log = path.join(stateDir, 'distro-root-calls.jsonl');
    fs.rmSync(log, { force: true });
    try {
      const opened = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.openDistroWslConf, { confirm: false, distro: 'Ubuntu-24.04' });
      assert.strictEqual(opened.ok, true, opened.message);
      const uri = vscode.Uri.parse(opened.data as string);
      assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), '[boot]\nsystemd=true\n');
      await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('[boot]\nsystemd=false\n'))), /NoPermissions/);
      const undo = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.undoDistroConfigSave, { confirm: false });
      assert.strictEqual(undo.outcome, 'refused');
      assert.strictEqual(fs.readFileSync(path.join(etc, 'wsl.conf'), 'utf8'), '[boot]\nsystemd=true\n');
      const writes = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.trim() !== '' && (JSON.parse(l) as { stdinBytes: number }).stdinBytes > 0) : [];
      assert.deepStrictEqual(writes, []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(path.join(stateDir, 'distros'), { recursive: true, force: true });
    }
  });
});
