/**
 * Undo Last .wslconfig Change inside a real VS Code (code-server), against the stand-in Windows
 * tools (see cockpit.test.ts for how the environment is made; this file makes its own state folder
 * the same way and restores everything afterwards).
 *
 * The change goes through Apply Networking Mode; the undo through the command, which reads only
 * the record in global state and the backup in global storage (as after a reload). With the file
 * open in an editor, Undo inverts only our own edit: a later user edit elsewhere is kept, and an
 * edit of our text makes it refuse, keeping the user's text.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import type { CommandResult } from '../../../client/src/commands';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import type { FakeStateInput } from '../../fakes/fakeWindows';
import { StandIns } from './standIns';

const standIns = new StandIns();
let api: WslNetworkApi;
let wslconfig: string;

function writeState(state: FakeStateInput = {}): void {
  standIns.writeState(state, { clearCalls: false });
}

function run(command: string, options: object = {}): Thenable<CommandResult> {
  return vscode.commands.executeCommand<CommandResult>(command, {
    confirm: false,
    testToken: api.testHooks?.token,
    ...options,
  });
}

function writeConfigFile(bytes: Buffer | string): void {
  fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
  fs.writeFileSync(wslconfig, bytes);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens `.wslconfig`, written as `text`, in an editor. An earlier test's document of the same file
 * may still be loaded with its old text (VS Code does not watch files outside the workspace), so
 * the editor is reverted, which reads the file from disk again.
 */
async function openConfigEditor(text: string): Promise<vscode.TextEditor> {
  writeConfigFile(text);
  const editor = await vscode.window.showTextDocument(
    await vscode.workspace.openTextDocument(vscode.Uri.file(wslconfig)),
  );
  if (editor.document.getText() !== text) await vscode.commands.executeCommand('workbench.action.files.revert');
  for (let i = 0; i < 50 && (editor.document.getText() !== text || editor.document.isDirty); i++) await sleep(100);
  assert.strictEqual(editor.document.getText(), text, 'the editor shows the file as written');
  return editor;
}

describe('Undo Last .wslconfig Change (stand-in Windows tools)', function () {
  this.timeout(60000);

  before(async () => {
    // The stand-ins through WSL_NETWORK_WINDOWS_TOOLS_DIR, as every suite: PATH is never searched.
    standIns.prepare('wsl-network-undo-');
    wslconfig = standIns.wslconfig;
    fs.rmSync(wslconfig, { force: true });
    writeState();
    api = await standIns.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await standIns.restore(api);
  });

  beforeEach(() => {
    fs.rmSync(wslconfig, { force: true });
    writeState();
  });

  it('restores the exact original bytes from the backup, also bytes no decoder keeps', async () => {
    // An ANSI é (0xE9) in a path, a UTF-8 BOM and CRLF: undo must give back every byte.
    const original = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('[wsl2]\r\nkernel=C:\\Users\\Ren'),
      Buffer.from([0xe9]),
      Buffer.from('\\vmlinux\r\nnetworkingMode=NAT\r\n'),
    ]);
    writeConfigFile(original);
    const applied = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored' });
    assert.strictEqual(applied.ok, true, applied.message);
    assert.match(fs.readFileSync(wslconfig, 'latin1'), /networkingMode=mirrored\r\n$/);

    const undone = await run(COMMAND_IDS.undoWslConfigChange);
    assert.strictEqual(undone.ok, true, undone.message);
    assert.deepStrictEqual(fs.readFileSync(wslconfig), original);
    // That change is undone: a second Undo does not write it back again.
    const again = await run(COMMAND_IDS.undoWslConfigChange);
    assert.notStrictEqual(again.outcome, 'done', again.message);
    assert.deepStrictEqual(fs.readFileSync(wslconfig), original);
  });

  it('refuses, writing nothing, when the file changed on disk since our change', async () => {
    writeConfigFile('[wsl2]\nnetworkingMode=nat\n');
    const applied = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored' });
    assert.strictEqual(applied.ok, true, applied.message);
    const users = '[wsl2]\nnetworkingMode=mirrored\nmemory=8GB\n';
    fs.writeFileSync(wslconfig, users);
    const undone = await run(COMMAND_IDS.undoWslConfigChange);
    assert.strictEqual(undone.outcome, 'refused', undone.message);
    assert.match(
      undone.message,
      /changed since WSL Network wrote it; nothing was restored\. The earlier version is kept in /,
    );
    assert.strictEqual(fs.readFileSync(wslconfig, 'utf8'), users);
  });

  it('with the file open: a later edit elsewhere is kept, only our edit is inverted', async () => {
    const editor = await openConfigEditor('[wsl2]\nnetworkingMode=nat\n\n[experimental]\n');
    const document = editor.document;
    try {
      const applied = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored' });
      assert.strictEqual(applied.ok, true, applied.message);
      assert.strictEqual(document.getText(), '[wsl2]\nnetworkingMode=mirrored\n\n[experimental]\n');
      // The user types above and below our line (shifting it), and does not save.
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# mine\n')));
      assert.ok(
        await editor.edit((edit) => edit.insert(document.positionAt(document.getText().length), 'sparseVhd=true\n')),
      );
      const undone = await run(COMMAND_IDS.undoWslConfigChange);
      assert.strictEqual(undone.ok, true, undone.message);
      assert.strictEqual(document.getText(), '# mine\n[wsl2]\nnetworkingMode=nat\n\n[experimental]\nsparseVhd=true\n');
      assert.strictEqual(document.isDirty, true, "the user's unsaved edits stay unsaved");
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('with the file open: after the user edited our text, Undo refuses and keeps it', async () => {
    const editor = await openConfigEditor('[wsl2]\nnetworkingMode=nat\n');
    const document = editor.document;
    try {
      const applied = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored' });
      assert.strictEqual(applied.ok, true, applied.message);
      const line = document.lineAt(1).range;
      assert.ok(await editor.edit((edit) => edit.replace(line, 'networkingMode=mirrored # keep this')));
      await document.save();
      const undone = await run(COMMAND_IDS.undoWslConfigChange);
      assert.strictEqual(undone.outcome, 'refused', undone.message);
      assert.match(undone.message, /edited since this change.*Use Undo in the editor instead/);
      assert.strictEqual(document.getText(), '[wsl2]\nnetworkingMode=mirrored # keep this\n');
      assert.strictEqual(fs.readFileSync(wslconfig, 'utf8'), '[wsl2]\nnetworkingMode=mirrored # keep this\n');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
