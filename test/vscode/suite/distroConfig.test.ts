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
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import type { CommandResult } from '../../../client/src/commands';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import { fakeBinSourceDir, readFakeCalls, type FakeStateInput } from '../../fakes/fakeWindows';

const EXTENSION_ID = 'wsl-network.wsl-network';
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
let stateDir: string;
let createdStateDir = false;
const restoreEnv: Record<string, string | undefined> = {};

function setEnv(key: string, value: string): void {
  if (!(key in restoreEnv)) restoreEnv[key] = process.env[key];
  process.env[key] = value;
}

const lib = (): { mergeDefaults(state: FakeStateInput): unknown } =>
  // The stand-ins' state library is plain CommonJS next to the executables, found at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(fakeBinSourceDir(), '..', 'lib', 'fakeState.js'));

function writeState(state: FakeStateInput = {}): void {
  const temp = path.join(stateDir, `state.${process.pid}.tmp`);
  fs.writeFileSync(temp, JSON.stringify(lib().mergeDefaults(state), null, 2));
  fs.renameSync(temp, path.join(stateDir, 'state.json'));
}

const etc = (): string => path.join(stateDir, 'distros', DISTRO, 'root', 'etc');

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

describe('distro wsl.conf (stand-in wsl.exe with a fake distro root)', function () {
  this.timeout(60000);

  before(async () => {
    if (process.env['WSL_NETWORK_FAKE_STATE']) {
      stateDir = process.env['WSL_NETWORK_FAKE_STATE'];
      fs.mkdirSync(stateDir, { recursive: true });
    } else {
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-distro-config-'));
      createdStateDir = true;
      setEnv('WSL_NETWORK_FAKE_STATE', stateDir);
    }
    const bin = fakeBinSourceDir();
    if (process.env['WSL_NETWORK_WINDOWS_TOOLS_DIR'] === undefined) setEnv('WSL_NETWORK_WINDOWS_TOOLS_DIR', bin);
    if (process.env['WSL_NETWORK_DEMO'] !== '1') setEnv('WSL_NETWORK_DEMO', '1');
    writeState();
    fs.rmSync(path.join(stateDir, 'distros'), { recursive: true, force: true });
    fs.mkdirSync(etc(), { recursive: true });
    fs.writeFileSync(path.join(etc(), 'wsl.conf'), ORIGINAL);
    fs.rmSync(path.join(stateDir, 'distro-root-calls.jsonl'), { force: true });
    const extension = vscode.extensions.getExtension<WslNetworkApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
    await api.refresh();
    assert.strictEqual(api.demo, true, 'the extension should be in demo mode');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [key, value] of Object.entries(restoreEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await api?.refresh();
    fs.rmSync(path.join(stateDir, 'distros'), { recursive: true, force: true });
    fs.rmSync(path.join(stateDir, 'userprofile', '.wslconfig'), { force: true });
    if (createdStateDir) fs.rmSync(stateDir, { recursive: true, force: true });
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
    assert.ok(await document.save(), 'VS Code saved the document');

    const expected = Buffer.concat([
      BOM,
      Buffer.from('# shipped by the distro\r\n[boot]\r\nsystemd=true\r\n[network]\r\ngenerateResolvConf=false\r\n'),
    ]);
    assert.deepStrictEqual(fs.readFileSync(path.join(etc(), 'wsl.conf')), expected);
    const backups = fs.readdirSync(etc()).filter((f) => /^wsl\.conf\.bak-\d{8}T\d{6}Z$/.test(f));
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
});
