/**
 * Activation in the real extension host: the timings the extension records, and how soon after
 * activation a config file opened in the editor gets its diagnostics. The bench runs this file alone
 * in a fresh VS Code and reads the `activation-timings` line (test/bench/activation.mjs).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import { log } from './index';
import { waitForDiagnostics } from './waitForDiagnostics';

const EXTENSION_ID = 'wsl-network.wsl-network';

describe('activation', () => {
  it('records its timings, and a .wslconfig opened afterwards gets diagnostics from the running server', async () => {
    const extension = vscode.extensions.getExtension<WslNetworkApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const api = await extension.activate();
    const { cockpitReadyMs, languageServerReadyMs } = api.activation;
    assert.ok(cockpitReadyMs > 0, `cockpit timing ${cockpitReadyMs}`);
    assert.ok(languageServerReadyMs >= cockpitReadyMs, `the language server (${languageServerReadyMs} ms) starts after the cockpit (${cockpitReadyMs} ms)`);
    assert.strictEqual(api.client.isRunning(), true);

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, '.wslconfig');
    const opening = performance.now();
    const diagnosticsShown = waitForDiagnostics(uri, (found) => found.some((d) => d.source === 'wsl-network'), 'diagnostics from wsl-network');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    // The workbench's share (reading the file, showing the editor), then the server's round trip.
    const editorShownMs = performance.now() - opening;
    const diagnostics = await diagnosticsShown;
    const firstDiagnosticsMs = performance.now() - opening;
    assert.ok(diagnostics.length > 0);
    log(`activation-timings ${JSON.stringify({ cockpitReadyMs, languageServerReadyMs, editorShownMs, firstDiagnosticsMs })}`);
  });
});
