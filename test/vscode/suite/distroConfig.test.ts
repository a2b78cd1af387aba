/**
 * A distro's /etc/wsl.conf opened, edited and saved as root inside a real VS Code, against the
 * stand-in wsl.exe, which runs `-d <distro> -u root -e sh -c …` on a fake distro root folder
 * ($WSL_NETWORK_FAKE_STATE/distros/<name>/root) and logs every call to distro-root-calls.jsonl.
 * Asserts the bytes on disk (UTF-8 BOM and CRLF kept), the backup, Undo, the logged commands, the
 * cross-file diagnostics with .wslconfig, and that a hostile distro name never reaches a command
 * line. Self-sufficient like cockpit.test.ts: it sets up the stand-ins' environment when the
 * runner did not; commands are called with `{ confirm: false }`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import type { CommandResult } from '../../../client/src/commands';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import type { Prompter } from '../../../client/src/cockpit/prompts';
import type { SaveResult } from '../../../client/src/host/distroConfigFile';
import { changesWindows, readFakeCalls, type FakeStateInput } from '../../fakes/fakeWindows';
import { StandIns } from './standIns';

const DISTRO = 'Ubuntu-24.04';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ORIGINAL = Buffer.concat([BOM, Buffer.from('# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n')]);

interface RootCall {
  distro: string;
  user: string;
  command: string;
  args: string[];
  stdinBytes: number;
  exitCode: number;
}

let api: WslNetworkApi;
const outputLines: string[] = [];
/** The last lines of the output channel and the root calls, for assertion messages. */
const trace = (): string =>
  `\noutput:\n${outputLines.slice(-15).join('\n')}\nroot calls:\n${rootCalls()
    .map((c) => `${c.user} ${c.args.slice(-2).join(' ')} stdin=${c.stdinBytes} exit=${c.exitCode}`)
    .join('\n')}`;
const standIns = new StandIns();
let stateDir: string;
let autoSave: string | undefined;

function writeState(state: FakeStateInput = {}): void {
  standIns.writeState(state, { clearCalls: false });
}

const distroRoot = (): string => path.join(stateDir, 'distros', DISTRO, 'root');
const etc = (): string => path.join(distroRoot(), 'etc');

function rootCalls(): RootCall[] {
  const file = path.join(stateDir, 'distro-root-calls.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RootCall);
}

function run(command: string, options: object): Thenable<CommandResult> {
  return vscode.commands.executeCommand<CommandResult>(command, {
    confirm: false,
    testToken: api.testHooks?.token,
    ...options,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | false, ms = 10000): Promise<T> {
  for (let waited = 0; ; waited += 100) {
    const value = probe();
    if (value) return value;
    if (waited >= ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One question the extension asked through its dialogs, and how the test answered it. */
interface Asked {
  kind: 'confirm' | 'notify';
  message: string;
  detail?: string;
  actions: string[];
}

/**
 * Answers the dialogs of calls without the test token (VS Code's modal dialogs and
 * notifications) through the harness's stand-in for them (cockpit/testHooks.ts), recording every
 * question. `answer` returns the chosen action, or undefined to dismiss.
 */
async function withDialogs<T>(
  answer: (asked: Asked) => string | undefined,
  body: (asked: Asked[]) => Promise<T>,
): Promise<T> {
  const hooks = api.testHooks;
  assert.ok(hooks, 'the harness starts the extension host with WSL_NETWORK_TEST_HOOKS=1');
  const asked: Asked[] = [];
  const prompter: Prompter = {
    interactive: true,
    confirm: async (message, detail, action) => {
      const question: Asked = { kind: 'confirm', message, detail, actions: [action] };
      asked.push(question);
      return answer(question) === action;
    },
    pick: async () => undefined,
    pickMany: async () => undefined,
    input: async () => undefined,
    notify: async (_kind, message, ...actions) => {
      const question: Asked = { kind: 'notify', message, actions };
      asked.push(question);
      return answer(question);
    },
  };
  hooks.interactivePrompter = prompter;
  try {
    return await body(asked);
  } finally {
    delete hooks.interactivePrompter;
  }
}

/** The calls that change Windows (wsl --terminate among them), as `tool argv…` lines. */
function windowsChanges(): string[] {
  return readFakeCalls(stateDir)
    .filter(changesWindows)
    .map((c) => [c.tool, ...c.argv].join(' '));
}

function rootWrites(): RootCall[] {
  return rootCalls().filter((c) => c.stdinBytes > 0);
}

async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  // The previous test's clean-up rewrote the file on disk; VS Code may still be reloading the
  // document from it, and an edit racing that reload is refused. Retry until it is taken.
  for (let attempt = 1; ; attempt++) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    if (await vscode.workspace.applyEdit(edit)) return;
    assert.ok(attempt < 20, `VS Code refused the edit of ${document.uri.toString()} ${attempt} times`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Drops unsaved edits (so closing editors never asks), through the active editor like the user. */
async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty || document.isClosed) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await until('the document to be reverted', () => !document.isDirty);
}

/** Makes this window act as if it ran inside the distro, as a user who is not root and owns nothing in /etc. */
function insideTheDistro(): void {
  const hooks = api.testHooks;
  assert.ok(hooks);
  const stranger = (process.getuid?.() ?? 0) + 4242;
  hooks.insideDistro = { distro: DISTRO, root: distroRoot(), identity: { uid: stranger, gids: [stranger] } };
}

/**
 * Undoes insideTheDistro() and what a test inside it left: its editor, the distro's wsl.conf as
 * ORIGINAL, backups next to it, and the root calls recorded.
 */
async function leaveTheDistro(document: vscode.TextDocument): Promise<void> {
  delete api.testHooks?.insideDistro;
  await revert(document);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  fs.writeFileSync(path.join(etc(), 'wsl.conf'), ORIGINAL);
  for (const f of fs.readdirSync(etc())) if (f.includes('.bak-')) fs.rmSync(path.join(etc(), f));
  fs.rmSync(path.join(stateDir, 'distro-root-calls.jsonl'), { force: true });
}

describe('distro wsl.conf (stand-in wsl.exe with a fake distro root)', function () {
  this.timeout(60000);

  before(async () => {
    standIns.prepare('wsl-network-distro-config-');
    stateDir = standIns.stateDir;
    // The web workbench saves edited files after a second by default (files.autoSave is
    // afterDelay there): a save the test did not ask for would race the saves it checks.
    autoSave = vscode.workspace.getConfiguration('files').inspect<string>('autoSave')?.globalValue;
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    writeState();
    fs.rmSync(path.join(stateDir, 'distros'), { recursive: true, force: true });
    fs.mkdirSync(etc(), { recursive: true });
    fs.writeFileSync(path.join(etc(), 'wsl.conf'), ORIGINAL);
    fs.rmSync(path.join(stateDir, 'distro-root-calls.jsonl'), { force: true });
    api = await standIns.activate();
    // The output channel's lines, for the messages of failed assertions.
    const append = api.output.appendLine.bind(api.output);
    api.output.appendLine = (line: string) => {
      outputLines.push(line);
      append(line);
    };
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    fs.rmSync(path.join(stateDir, 'distros'), { recursive: true, force: true });
    fs.rmSync(standIns.wslconfig, { force: true });
    await standIns.restore(api);
  });

  // First in the file: the first root write of the session is the one that is confirmed.
  it('inside the distro, Save as Root writes /etc/wsl.conf opened from disk through wsl.exe -d <distro> -u root, after one confirmation showing the exact command', async () => {
    insideTheDistro();
    const file = path.join(etc(), 'wsl.conf');
    fs.chmodSync(file, 0o644);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    try {
      await vscode.window.showTextDocument(document, { preview: false });
      await replaceText(
        document,
        '# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n[network]\r\nhostname=inside\r\n',
      );
      const expected = Buffer.concat([
        BOM,
        Buffer.from('# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n[network]\r\nhostname=inside\r\n'),
      ]);
      fs.rmSync(path.join(stateDir, 'calls.jsonl'), { force: true });
      assert.ok(document.isDirty, 'edited, not saved yet');
      const saved = await withDialogs(
        (q) => (q.kind === 'confirm' ? q.actions[0] : undefined),
        async (asked) => {
          // Without the test token: the real command path, its dialogs answered by the stand-in.
          const outcome = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.saveDistroConfigAsRoot);
          assert.strictEqual(outcome.ok, true, outcome.message);
          const confirms = asked.filter((q) => q.kind === 'confirm');
          assert.deepStrictEqual(
            confirms.map((q) => q.message),
            [`Save /etc/wsl.conf in ${DISTRO} as root?`],
          );
          assert.match(
            confirms[0]!.detail ?? '',
            new RegExp(`Runs: wsl\\.exe -d ${DISTRO.replace('.', '\\.')} -u root -e sh -c '`),
          );
          assert.match(
            confirms[0]!.detail ?? '',
            new RegExp(`< the new content of /etc/wsl\\.conf \\(${expected.length} bytes\\)`),
          );
          await until('the Undo / Stop offer', () => asked.some((q) => q.kind === 'notify'));
          return outcome.data as SaveResult;
        },
      );
      assert.strictEqual(saved.command.route, 'wsl-exe');
      // The file's own encoding (UTF-8 with BOM) and CRLF kept, a backup of the exact previous bytes.
      assert.deepStrictEqual(fs.readFileSync(file), expected);
      assert.ok(saved.backupPath, 'a backup was kept');
      assert.deepStrictEqual(fs.readFileSync(path.join(distroRoot(), saved.backupPath)), ORIGINAL, trace());
      await until('the editor to show the file as saved', () => !document.isDirty);
      const writes = rootWrites();
      assert.strictEqual(writes.length, 1);
      assert.deepStrictEqual(
        [writes[0]!.user, writes[0]!.command, writes[0]!.stdinBytes, writes[0]!.args.slice(-2)],
        ['root', 'sh', expected.length, ['/etc/wsl.conf', saved.backupPath]],
      );
      const wsl = readFakeCalls(stateDir).filter((c) => c.tool === 'wsl.exe' && c.argv.includes('root'));
      assert.deepStrictEqual(
        wsl.map((c) => c.argv.slice(0, 5)),
        [['-d', DISTRO, '-u', 'root', '-e']],
      );
      assert.deepStrictEqual(windowsChanges(), [], 'the offer to stop the distro was dismissed');

      const undone = await run(COMMAND_IDS.undoDistroConfigSave, {});
      assert.strictEqual(undone.ok, true, undone.message);
      assert.deepStrictEqual(fs.readFileSync(file), ORIGINAL, 'Undo restores the exact bytes');
    } finally {
      await leaveTheDistro(document);
    }
  });

  it('inside the distro, a new /etc/wsl.conf in a folder this user may not write is created through the root path', async () => {
    insideTheDistro();
    const file = path.join(etc(), 'wsl.conf');
    fs.rmSync(file);
    fs.chmodSync(etc(), 0o755);
    // What `code /etc/wsl.conf` opens for a file that does not exist: an untitled editor with that path.
    const untitled = vscode.Uri.file(file).with({ scheme: 'untitled' });
    const document = await vscode.workspace.openTextDocument(untitled);
    try {
      await vscode.window.showTextDocument(document, { preview: false });
      await replaceText(document, '[boot]\nsystemd=true\n');
      const outcome = await withDialogs(
        () => undefined,
        async () => vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.saveDistroConfigAsRoot, untitled),
      );
      assert.strictEqual(outcome.ok, true, outcome.message);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), '[boot]\nsystemd=true\n');
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o644);
      assert.strictEqual((outcome.data as SaveResult).backupPath, undefined, 'nothing to back up');
      assert.deepStrictEqual(
        rootWrites().map((c) => [c.user, c.args[c.args.length - 2]]),
        [['root', '/etc/wsl.conf']],
      );
      await until('the editor of the created file', () => {
        const active = vscode.window.activeTextEditor?.document;
        return active?.uri.scheme === 'file' && active.uri.fsPath === file && !active.isDirty;
      });
      // Undo of a save that created the file moves it aside (nothing is deleted).
      const undone = await run(COMMAND_IDS.undoDistroConfigSave, {});
      assert.strictEqual(undone.ok, true, undone.message);
      assert.strictEqual(fs.existsSync(file), false);
    } finally {
      await leaveTheDistro(document);
    }
  });

  it("inside the distro, VS Code's own save of /etc/wsl.conf that this user may not write offers Save as Root, naming what blocks it", async () => {
    insideTheDistro();
    const file = path.join(etc(), 'wsl.conf');
    fs.chmodSync(file, 0o644);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    try {
      await vscode.window.showTextDocument(document, { preview: false });
      await replaceText(document, '[boot]\r\nsystemd=false\r\n');
      await withDialogs(
        () => undefined,
        async (asked) => {
          // For a real user VS Code's write fails with EACCES here; the test runs as root, so it
          // succeeds: what is checked is the offer made before it.
          await document.save();
          const offer = await until('the offer', () => asked.find((q) => q.kind === 'notify'));
          assert.strictEqual(
            offer.message,
            `/etc/wsl.conf belongs to root: ${file} is not writable for you. Save it as root in ${DISTRO}?`,
          );
          assert.deepStrictEqual(offer.actions, ['Save as Root']);
        },
      );
      assert.deepStrictEqual(rootWrites(), [], 'dismissed: no root write');
    } finally {
      await leaveTheDistro(document);
    }
  });

  it('opens, saves as root keeping BOM and CRLF with a backup, checks against .wslconfig, and Undo restores the exact bytes', async () => {
    const wslconfig = path.join(stateDir, 'userprofile', '.wslconfig');
    fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
    fs.writeFileSync(wslconfig, '[wsl2]\ndnsTunneling=true\n');
    await api.refresh();

    const opened = await run(COMMAND_IDS.openDistroWslConf, { distro: DISTRO });
    assert.strictEqual(opened.ok, true, opened.message);
    const document = await until('the document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.data),
    );
    assert.strictEqual(document.languageId, 'wslconf');
    assert.strictEqual(document.getText(), '# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n');
    assert.strictEqual(document.eol, vscode.EndOfLine.CRLF);
    const reads = rootCalls();
    assert.ok(reads.length >= 1, 'the file was read through wsl.exe');
    assert.deepStrictEqual(
      {
        distro: reads[0]!.distro,
        user: reads[0]!.user,
        command: reads[0]!.command,
        last: reads[0]!.args[reads[0]!.args.length - 1],
      },
      { distro: DISTRO, user: 'root', command: 'sh', last: '/etc/wsl.conf' },
    );

    const edit = new vscode.WorkspaceEdit();
    edit.insert(
      document.uri,
      document.positionAt(document.getText().length),
      '[network]\r\ngenerateResolvConf=false\r\n',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save(), `VS Code saved the document${trace()}`);

    const expected = Buffer.concat([
      BOM,
      Buffer.from('# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n[network]\r\ngenerateResolvConf=false\r\n'),
    ]);
    assert.deepStrictEqual(fs.readFileSync(path.join(etc(), 'wsl.conf')), expected);
    const backups = fs.readdirSync(etc()).filter((f) => /^wsl\.conf\.bak-\d{8}T\d{6}\d{3}Z$/.test(f));
    assert.strictEqual(backups.length, 1, fs.readdirSync(etc()).join(', '));
    assert.deepStrictEqual(fs.readFileSync(path.join(etc(), backups[0]!)), ORIGINAL);
    assert.deepStrictEqual(
      fs.readdirSync(etc()).filter((f) => f.includes('wsl-network-tmp')),
      [],
      'no temporary file left',
    );
    const write = rootCalls().find((c) => c.stdinBytes > 0);
    assert.ok(write, 'a root write ran');
    assert.strictEqual(write.user, 'root');
    assert.strictEqual(write.command, 'sh');
    assert.strictEqual(write.stdinBytes, expected.length, 'the content travelled on stdin');
    assert.deepStrictEqual(write.args.slice(-2), ['/etc/wsl.conf', `/etc/${backups[0]}`]);
    assert.ok(!write.args.some((a) => a.includes('generateResolvConf')), 'the content is never on the command line');

    // The two files checked together: both say so, each pointing at the other.
    const inDistro = await until('the cross-file diagnostic in wsl.conf', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'dns-tunneling-needs-generated-resolv-conf'),
    );
    assert.strictEqual(inDistro.range.start.line, 4);
    assert.ok(
      inDistro.relatedInformation?.some(
        (r) => r.location.uri.fsPath === vscode.Uri.file(wslconfig).fsPath && r.location.range.start.line === 1,
      ),
    );
    const inWslconfig = vscode.languages
      .getDiagnostics(vscode.Uri.file(wslconfig))
      .find((d) => d.code === 'dns-tunneling-needs-generated-resolv-conf');
    assert.ok(inWslconfig, 'the .wslconfig side says so too');
    assert.ok(
      inWslconfig.relatedInformation?.some(
        (r) => r.location.uri.toString() === document.uri.toString() && r.location.range.start.line === 4,
      ),
    );
    const tooltip = await until('the distro summary in the tooltip', () => {
      const value = (api.statusBar.tooltip as vscode.MarkdownString | undefined)?.value ?? '';
      return value.includes('resolv.conf managed by you') ? value : undefined;
    });
    assert.match(tooltip, /\*\*Ubuntu-24\.04\*\*/);
    assert.match(tooltip, /systemd on/);

    const undone = await run(COMMAND_IDS.undoDistroConfigSave, {});
    assert.strictEqual(undone.ok, true, undone.message);
    assert.deepStrictEqual(fs.readFileSync(path.join(etc(), 'wsl.conf')), ORIGINAL, 'Undo restores the exact bytes');
    await until(
      'the editor to show the restored text',
      () => document.getText() === '# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n',
    );
    const nothing = await run(COMMAND_IDS.undoDistroConfigSave, {});
    assert.strictEqual(nothing.outcome, 'nothing');
  });

  it('refuses a hostile distro name before any command runs', async () => {
    fs.rmSync(path.join(stateDir, 'calls.jsonl'), { force: true });
    const before = rootCalls().length;
    for (const distro of ['x;touch /tmp/pwned', '$(id)', '-u', 'a b']) {
      const outcome = await run(COMMAND_IDS.openDistroWslConf, { distro });
      assert.strictEqual(outcome.outcome, 'refused', distro);
      assert.match(outcome.message, /distro name/);
    }
    assert.strictEqual(rootCalls().length, before);
    const hostile = readFakeCalls(stateDir).filter(
      (c) => JSON.stringify(c).includes('pwned') || JSON.stringify(c).includes('$(id)'),
    );
    assert.deepStrictEqual(hostile, []);
  });

  it('opens wsl-distribution.conf read-only unless asked to edit', async () => {
    fs.writeFileSync(path.join(etc(), 'wsl-distribution.conf'), '[oobe]\ndefaultName=Ubuntu\n');
    const opened = await run(COMMAND_IDS.openDistroDistributionConf, { distro: DISTRO });
    assert.strictEqual(opened.ok, true, opened.message);
    const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(opened.data as string));
    assert.strictEqual(stat.permissions, vscode.FilePermission.Readonly);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.parse(opened.data as string), Buffer.from('[oobe]\n'))),
      /NoPermissions|read-?only/i,
    );
    assert.strictEqual(
      fs.readFileSync(path.join(etc(), 'wsl-distribution.conf'), 'utf8'),
      '[oobe]\ndefaultName=Ubuntu\n',
    );
  });

  describe('after a save: the offer to stop the distro, through the dialogs', () => {
    let document: vscode.TextDocument;

    beforeEach(async () => {
      writeState();
      await api.refresh();
      // Opened without the test token: its saves ask through the dialogs.
      const opened = await withDialogs(
        () => undefined,
        async () => vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.openDistroWslConf, { distro: DISTRO }),
      );
      assert.strictEqual(opened.ok, true, opened.message);
      document = await until('the document', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.data),
      );
      fs.rmSync(path.join(stateDir, 'calls.jsonl'), { force: true });
    });

    afterEach(async () => {
      await revert(document);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    const edited = (n: string): string => `# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n# edit ${n}\r\n`;

    it('Stop runs exactly wsl.exe --terminate <distro>, after a warning that every shell and window in it closes', async () => {
      await replaceText(document, edited('stop'));
      await withDialogs(
        (q) => (q.kind === 'notify' ? q.actions.find((a) => a.startsWith('Stop')) : q.actions[0]),
        async (asked) => {
          assert.ok(await document.save(), 'saved');
          await until('wsl.exe --terminate', () => windowsChanges().length > 0);
          const offer = asked.find((q) => q.kind === 'notify');
          assert.deepStrictEqual(offer?.actions, ['Undo', `Stop ${DISTRO}…`]);
          const stop = asked.find((q) => q.message === `Stop ${DISTRO} now?`);
          assert.ok(stop, asked.map((q) => q.message).join(' | '));
          assert.match(stop.detail ?? '', new RegExp(`wsl\\.exe --terminate ${DISTRO.replace('.', '\\.')}`));
          assert.match(stop.detail ?? '', /closes every shell, editor window and program running in it/);
        },
      );
      assert.deepStrictEqual(windowsChanges(), [`wsl.exe --terminate ${DISTRO}`]);
    });

    it('dismissing the offer, or declining the warning, runs nothing', async () => {
      await replaceText(document, edited('dismiss'));
      await withDialogs(
        (q) => (q.actions[0] === 'Save as Root' ? q.actions[0] : undefined),
        async (asked) => {
          assert.ok(await document.save(), 'saved');
          await until('the offer', () => asked.some((q) => q.kind === 'notify'));
        },
      );
      await replaceText(document, edited('decline'));
      await withDialogs(
        (q) =>
          q.kind === 'notify'
            ? q.actions.find((a) => a.startsWith('Stop'))
            : q.actions[0] === 'Save as Root'
              ? q.actions[0]
              : undefined,
        async (asked) => {
          assert.ok(await document.save(), 'saved');
          await until('the warning', () => asked.some((q) => q.message === `Stop ${DISTRO} now?`));
        },
      );
      await sleep(500);
      assert.deepStrictEqual(windowsChanges(), []);
      assert.deepStrictEqual(
        fs.readFileSync(path.join(etc(), 'wsl.conf')).subarray(BOM.length).toString(),
        edited('decline'),
      );
    });

    it('a line that makes WSL stop reading is named before saving, and Cancel writes nothing', async () => {
      const before = fs.readFileSync(path.join(etc(), 'wsl.conf'));
      const writes = rootWrites().length;
      await replaceText(
        document,
        '# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n[network]\r\nhostname=box\r\nstatic_ip=10.0.0.2\r\n[interop]\r\nenabled=false\r\n',
      );
      const asked = await withDialogs(
        () => undefined,
        async (questions) => {
          const saved = await Promise.resolve(document.save()).then(
            (ok) => ok,
            () => false,
          );
          assert.strictEqual(saved, false, 'the save did not happen');
          return questions;
        },
      );
      assert.deepStrictEqual(
        asked.map((q) => [q.kind, q.actions]),
        [['confirm', ['Save Anyway']]],
        'only the stop-line question, no root write confirmation',
      );
      assert.match(asked[0]!.message, /WSL stops reading \/etc\/wsl\.conf at line 6: "static_ip=10\.0\.0\.2"/);
      assert.match(asked[0]!.detail ?? '', /2 more non-blank lines/);
      assert.deepStrictEqual(fs.readFileSync(path.join(etc(), 'wsl.conf')), before, 'bytes on disk unchanged');
      assert.strictEqual(rootWrites().length, writes, 'no root write ran');
      assert.deepStrictEqual(
        readFakeCalls(stateDir).filter((c) => c.tool === 'wsl.exe' && c.argv.includes('root')),
        [],
      );
      assert.ok(document.isDirty, 'the edits stay in the editor');
    });
  });
});
