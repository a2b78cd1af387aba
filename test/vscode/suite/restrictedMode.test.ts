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
      const result = await vscode.commands.executeCommand<CommandResult>(command, { confirm: false, testToken: api.testHooks?.token, ...options });
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
