/**
 * The networking cockpit inside a real VS Code (code-server), against the stand-in Windows tools
 * in test/fakes/windows-bin. Asserts what the user sees (status bar text, tree items) and the exact
 * commands that ran (calls.jsonl written by the stand-ins: argv and whether they ran elevated).
 *
 * Environment. The suite is self-sufficient: when WSL_NETWORK_FAKE_STATE is not set it creates a
 * stand-in state folder and puts, in this extension host process,
 *   WSL_NETWORK_WINDOWS_TOOLS_DIR=<repo>/test/fakes/windows-bin  WSL_NETWORK_DEMO=1  WSL_NETWORK_FAKE_STATE=<dir>
 * and then asks the extension to refresh, which re-evaluates the host (see client/src/cockpit/
 * hostSetup.ts, "DEMO OVERRIDE"); everything is restored afterwards. A runner may instead pass the
 * same three keys through the harness's EXT_ENV (the stand-ins folder as an absolute path; it is
 * honoured in demo mode only, and PATH is never searched for Windows tools), e.g.
 *   EXT_ENV='{"WSL_NETWORK_DEMO":"1","WSL_NETWORK_FAKE_STATE":"/tmp/wsl-fake","WSL_NETWORK_WINDOWS_TOOLS_DIR":"/work/main/test/fakes/windows-bin"}'
 * in which case the folder it names is used (and its state.json is overwritten by the tests).
 *
 * `.wslconfig` is the demo location `$WSL_NETWORK_FAKE_STATE/userprofile/.wslconfig`. Commands are
 * called with `{ confirm: false }` and the test token (client/src/cockpit/testHooks.ts) instead of clicking dialogs.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import type { CommandResult } from '../../../client/src/commands';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import type { PortNode, PortsNode } from '../../../client/src/model/portsModel';
import {
  changesWindows,
  fakeDockerPath,
  readFakeCalls,
  type FakeCall,
  type FakeState,
  type FakeStateInput,
} from '../../fakes/fakeWindows';
import { StandIns } from './standIns';

const WSL_IP = '172.23.21.232';
const VM_CREATOR_ID = '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}';

const standIns = new StandIns();
let api: WslNetworkApi;
let stateDir: string;
let wslconfig: string;

function writeState(state: FakeStateInput = {}): void {
  standIns.writeState(state);
}

function readState(): FakeState {
  return JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')) as FakeState;
}

function calls(): FakeCall[] {
  return readFakeCalls(stateDir);
}

function clearCalls(): void {
  fs.rmSync(path.join(stateDir, 'calls.jsonl'), { force: true });
}

/** Calls that changed something on Windows. */
function changeCalls(): FakeCall[] {
  return calls().filter(changesWindows);
}

function socket(port: number, address: string, comm: string, pid: number) {
  return { protocol: 'tcp' as const, address, port, pid, comm, inode: 50000 + port };
}

function allNodes(nodes: readonly PortsNode[] = api.portsTree.nodes): PortsNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

function portNode(port: number): PortNode | undefined {
  return allNodes().find((n): n is PortNode => n.kind === 'port' && (n as PortNode).port === port);
}

/** What the extension saw, for assertion messages. */
function seen(): string {
  const ports = api.facts?.ports;
  return JSON.stringify({
    errors: ports?.errors,
    sockets: ports?.sockets.map((s) => [s.distro, s.error, s.sockets.map((x) => `${x.address}:${x.port}`)]),
    mode: api.facts?.effectiveMode,
  });
}

function run(command: string, options: object): Thenable<CommandResult> {
  return vscode.commands.executeCommand<CommandResult>(command, {
    confirm: false,
    testToken: api.testHooks?.token,
    ...options,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** WSL stops and starts again with `state`, as the extension observes it (so it read the current .wslconfig). */
async function wslStartsWith(state: FakeStateInput): Promise<void> {
  await sleep(20);
  writeState({ ...state, distros: [{ name: 'Ubuntu-24.04', state: 'Stopped', version: 2 }] });
  await api.refresh();
  await sleep(20);
  writeState(state);
  await api.refresh();
}

describe('networking cockpit (stand-in Windows tools)', function () {
  this.timeout(60000);

  before(async () => {
    standIns.prepare('wsl-network-cockpit-');
    stateDir = standIns.stateDir;
    wslconfig = standIns.wslconfig;
    fs.rmSync(wslconfig, { force: true });
    writeState();
    api = await standIns.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await standIns.restore(api);
  });

  beforeEach(async () => {
    fs.rmSync(wslconfig, { force: true });
    writeState();
  });

  describe('status bar', () => {
    it('shows NAT in demo mode, with command links in the tooltip', async () => {
      await api.refresh();
      assert.strictEqual(api.statusBar.text, '$(vm-running) WSL: NAT (demo)');
      const tooltip = api.statusBar.tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, /Effective \(wslinfo --networking-mode\): \*\*NAT\*\*/);
      assert.match(tooltip.value, /\(command:wslNetwork\.applyNetworkingMode\)/);
      assert.match(tooltip.value, /\(command:wslNetwork\.restartWsl\)/);
      assert.strictEqual(api.statusBar.backgroundColor, undefined);
    });

    it('shows Mirrored when .wslconfig and wslinfo agree', async () => {
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '[wsl2]\nnetworkingMode=mirrored\n');
      await wslStartsWith({ networkingMode: 'mirrored', linux: { addresses: ['192.168.1.20'] } });
      assert.strictEqual(api.statusBar.text, '$(vm-running) WSL: Mirrored (demo)');
      assert.strictEqual(api.status?.restartNeeded, false);
    });

    it('explains a fallback: mirrored configured before WSL started, NAT running', async () => {
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '[wsl2]\nnetworkingMode=mirrored\n');
      await sleep(20);
      writeState({ distros: [{ name: 'Ubuntu-24.04', state: 'Stopped', version: 2 }] });
      await api.refresh();
      assert.strictEqual(api.statusBar.text, '$(vm-outline) WSL: Mirrored (stopped) (demo)');
      await wslStartsWith({ networkingMode: 'nat' });
      assert.strictEqual(api.statusBar.text, '$(warning) WSL: NAT (fallback) (demo)');
      assert.ok(api.statusBar.backgroundColor instanceof vscode.ThemeColor);
      assert.strictEqual(
        (api.statusBar.backgroundColor as unknown as { id: string }).id,
        'statusBarItem.warningBackground',
      );
      const tooltip = (api.statusBar.tooltip as vscode.MarkdownString).value;
      assert.match(tooltip, /WSL fell back at start-up/);
      assert.match(tooltip, /Windows build 22621\.2861 supports mirrored mode/);
    });

    it('says "restart needed" when .wslconfig changes on disk after WSL started', async () => {
      await api.refresh();
      await sleep(20);
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '[wsl2]\nnetworkingMode=mirrored\n');
      // The file watcher re-renders on its own; wait for it rather than refreshing.
      for (let i = 0; i < 50 && !/restart needed/.test(api.statusBar.text); i++) await sleep(100);
      assert.strictEqual(api.statusBar.text, '$(warning) WSL: NAT · restart needed (demo)');
      assert.match((api.statusBar.tooltip as vscode.MarkdownString).value, /the file changed after WSL started/);
    });

    it('shows "WSL: unavailable" with the reason when WSL is not installed', async () => {
      writeState({ wslInstalled: false });
      await api.refresh();
      assert.strictEqual(api.statusBar.text, '$(circle-slash) WSL: unavailable (demo)');
      assert.match((api.statusBar.tooltip as vscode.MarkdownString).value, /no distributions/);
      assert.deepStrictEqual(api.portsTree.nodes, []);
    });
  });

  describe('WSL Ports tree', () => {
    it('lists ports by distro with reachability, and stale port forwarding', async () => {
      writeState({
        linux: { sockets: [socket(8080, '0.0.0.0', 'node', 4242), socket(5432, '127.0.0.1', 'postgres', 99)] },
        portProxy: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.20.1.5', connectPort: 22 },
        ],
      });
      await api.refresh();
      const roots = api.portsTree.nodes;
      assert.deepStrictEqual(
        roots.map((n) => [n.label, n.description]),
        [
          ['Ubuntu-24.04', 'default · Running'],
          ['Stale port forwarding', '1 rule points at an old WSL IP'],
        ],
        seen(),
      );
      assert.deepStrictEqual(
        roots[0]!.children.map((n) => [n.label, n.description, n.contextValue]),
        [
          ['5432 · postgres', 'Windows · 127.0.0.1 · pid 99', 'port:windows-localhost:tcp'],
          ['8080 · node', 'Windows · 0.0.0.0 · pid 4242', 'port:windows-localhost:tcp'],
        ],
      );
      assert.strictEqual(roots[1]!.children[0]!.label, '0.0.0.0:2222 → 172.20.1.5:22');
      const item = api.portsTree.getTreeItem(portNode(8080)!);
      assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'device-desktop');
      assert.match(
        (item.tooltip as vscode.MarkdownString).value,
        /no portproxy rule forwards a Windows port to TCP 8080/,
      );
    });

    it('hides WSL-only ports when wslNetwork.ports.showWslOnly is off', async () => {
      writeState({
        linux: { sockets: [socket(6379, '127.0.0.1', 'redis', 7), socket(8080, '0.0.0.0', 'node', 4242)] },
      });
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '[wsl2]\nlocalhostForwarding=false\n');
      const config = vscode.workspace.getConfiguration('wslNetwork');
      try {
        await config.update('ports.showWslOnly', false, vscode.ConfigurationTarget.Global);
        await api.refresh();
        assert.strictEqual(portNode(6379), undefined);
        assert.ok(allNodes().some((n) => n.label === '1 WSL-only ports hidden'));
      } finally {
        await config.update('ports.showWslOnly', undefined, vscode.ConfigurationTarget.Global);
      }
      await api.refresh();
      assert.strictEqual(portNode(6379)?.description, 'WSL only · 127.0.0.1 · pid 7');
    });
  });

  describe('Docker ports (docker stand-in replaying a real docker ps capture)', () => {
    const dockerReplay = { 'ps --format {{json .}}': { capture: 'docker-ps.json-lines.linux-engine.txt' } };
    // docker-proxy runs as root: the distro's /proc shows its socket without an owner.
    const unowned = (port: number) => ({
      protocol: 'tcp' as const,
      address: '0.0.0.0',
      port,
      inode: 50000 + port,
      uid: 0,
    });
    const withDockerStandIn = async (body: () => Promise<void>): Promise<void> => {
      const before = process.env['WSL_NETWORK_FAKE_DOCKER'];
      process.env['WSL_NETWORK_FAKE_DOCKER'] = fakeDockerPath();
      try {
        await body();
      } finally {
        if (before === undefined) delete process.env['WSL_NETWORK_FAKE_DOCKER'];
        else process.env['WSL_NETWORK_FAKE_DOCKER'] = before;
        await api.refresh();
      }
    };

    it('labels the ports Docker publishes with the container, from one docker ps per refresh', async () => {
      await withDockerStandIn(async () => {
        writeState({
          replay: dockerReplay,
          linux: {
            sockets: [socket(80, '0.0.0.0', 'docker-proxy', 901), unowned(443), socket(8080, '0.0.0.0', 'node', 4242)],
          },
        });
        await api.refresh();
        assert.strictEqual(portNode(80)?.description, 'Docker: nginx · Windows · 0.0.0.0 · pid 901', seen());
        assert.strictEqual(portNode(443)?.description, 'Docker: nginx · Windows · 0.0.0.0');
        assert.strictEqual(portNode(8080)?.description, 'Windows · 0.0.0.0 · pid 4242');
        const item = api.portsTree.getTreeItem(portNode(443)!);
        assert.match((item.tooltip as vscode.MarkdownString).value, /\n\nDocker: nginx\n\n/);
        assert.deepStrictEqual(
          calls()
            .filter((c) => c.tool === 'docker')
            .map((c) => c.argv),
          [['ps', '--format', '{{json .}}']],
        );
      });
    });

    it('Diagnose Port in mirrored mode adds the Docker port to [experimental] ignoredPorts, a minimal edit', async () => {
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '# mine\n[wsl2]\nnetworkingMode=mirrored\n');
      await withDockerStandIn(async () => {
        writeState({
          replay: dockerReplay,
          networkingMode: 'mirrored',
          linux: { addresses: ['192.168.1.20'], sockets: [unowned(443)] },
        });
        const result = await run(COMMAND_IDS.diagnosePort, { port: 443, open: false, applyFix: true });
        assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
        const data = result.data as { markdown: string; fixed?: CommandResult };
        assert.match(data.markdown, /Docker: nginx/);
        assert.strictEqual(data.fixed?.outcome, 'done', data.fixed?.message);
        assert.strictEqual(
          fs.readFileSync(wslconfig, 'utf8'),
          '# mine\n[wsl2]\nnetworkingMode=mirrored\n\n[experimental]\nignoredPorts=443\n',
        );
        assert.deepStrictEqual(changeCalls(), []);
      });
    });
  });

  describe('Apply Networking Mode', () => {
    it('changes only the value in .wslconfig, keeping BOM, CRLF and comments (byte compare)', async () => {
      const before =
        '# My WSL settings\r\n[wsl2]\r\nmemory=8GB   # half of the RAM\r\nnetworkingMode=NAT\r\nlocalhostForwarding=true\r\n\r\n[experimental]\r\nsparseVhd=true\r\n';
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(before, 'utf8')]));
      const result = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored', fixRelatedKeys: false });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      const expected = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(before.replace('networkingMode=NAT', 'networkingMode=mirrored'), 'utf8'),
      ]);
      assert.deepStrictEqual(fs.readFileSync(wslconfig), expected);
      assert.match(result.message, /WSL applies it after a restart/);
      assert.deepStrictEqual(changeCalls(), [], 'editing .wslconfig runs nothing on Windows');
    });

    it('comments out related keys only when asked, and appends [wsl2] when missing', async () => {
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '[experimental]\nhostAddressLoopback=true\n');
      writeState({ networkingMode: 'mirrored', linux: { addresses: ['192.168.1.20'] } });
      const result = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'nat', fixRelatedKeys: true });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      assert.strictEqual(
        fs.readFileSync(wslconfig, 'utf8'),
        '[experimental]\n# hostAddressLoopback=true  # only applies in mirrored mode (commented out by WSL Network)\n\n[wsl2]\nnetworkingMode=nat\n',
      );
    });

    it('edits an open document through a WorkspaceEdit, so Undo reverts it', async () => {
      fs.mkdirSync(path.dirname(wslconfig), { recursive: true });
      fs.writeFileSync(wslconfig, '[wsl2]\nnetworkingMode=nat\n');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(wslconfig));
      await vscode.window.showTextDocument(document);
      const result = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirrored' });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      assert.strictEqual(document.getText(), '[wsl2]\nnetworkingMode=mirrored\n');
      assert.strictEqual(document.isDirty, false, 'saved');
      assert.strictEqual(fs.readFileSync(wslconfig, 'utf8'), '[wsl2]\nnetworkingMode=mirrored\n');
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(document.getText(), '[wsl2]\nnetworkingMode=nat\n');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('refuses an unknown mode without touching the file', async () => {
      const result = await run(COMMAND_IDS.applyNetworkingMode, { mode: 'mirror; rm -rf /' });
      assert.strictEqual(result.ok, false);
      assert.strictEqual(fs.existsSync(wslconfig), false);
    });
  });

  describe('Restart WSL', () => {
    it('runs wsl.exe --shutdown (not elevated) and refreshes', async () => {
      await api.refresh();
      clearCalls();
      const result = await run(COMMAND_IDS.restartWsl, {});
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      const shutdown = calls().filter((c) => c.tool === 'wsl.exe' && c.argv[0] === '--shutdown');
      assert.deepStrictEqual(
        shutdown.map((c) => [c.argv, c.elevated]),
        [[['--shutdown'], false]],
      );
      assert.deepStrictEqual(
        api.lastCommands?.map((c) => [c.file, ...c.args]),
        [['wsl.exe', '--shutdown']],
      );
      assert.strictEqual(readState().distros[0]!.state, 'Stopped');
      assert.strictEqual(api.statusBar.text, '$(vm-outline) WSL: NAT (stopped) (demo)');
    });
  });

  describe('Expose / Remove / Repair', () => {
    it('NAT: netsh portproxy to the current WSL IP + a Private firewall rule, elevated; Remove undoes it', async () => {
      writeState({ linux: { sockets: [socket(8080, '0.0.0.0', 'node', 4242)] } });
      const result = await run(COMMAND_IDS.exposePort, { port: 8080 });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      const netsh = calls().filter((c) => c.tool === 'netsh.exe' && c.argv[2] === 'add');
      assert.deepStrictEqual(
        netsh.map((c) => [c.argv, c.elevated]),
        [
          [
            [
              'interface',
              'portproxy',
              'add',
              'v4tov4',
              'listenport=8080',
              'listenaddress=0.0.0.0',
              'connectport=8080',
              `connectaddress=${WSL_IP}`,
            ],
            true,
          ],
        ],
      );
      const firewall = calls().filter(
        (c) => c.tool === 'powershell.exe' && c.elevated && /New-NetFirewallRule/.test(c.script ?? ''),
      );
      assert.strictEqual(firewall.length, 1);
      assert.match(
        firewall[0]!.script!,
        /New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private/,
      );
      const state = readState();
      assert.deepStrictEqual(state.portProxy, [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ]);
      assert.deepStrictEqual(
        state.windows.firewallRules.map((r) => [r.displayName, r.profile]),
        [['WSL Network: TCP 8080', 'Private']],
      );
      assert.match(result.message, /Remove Port Exposure/);
      const node = portNode(8080)!;
      assert.strictEqual(node.description, 'LAN · exposed by WSL Network · 0.0.0.0 · pid 4242');
      assert.strictEqual(node.contextValue, 'port:lan:tcp:ours');

      clearCalls();
      const removed = await run(COMMAND_IDS.removePortExposure, { port: 8080 });
      assert.strictEqual(removed.ok, true, removed.message);
      assert.deepStrictEqual(
        calls()
          .filter((c) => c.tool === 'netsh.exe' && c.argv[2] === 'delete')
          .map((c) => [c.argv, c.elevated]),
        [[['interface', 'portproxy', 'delete', 'v4tov4', 'listenport=8080', 'listenaddress=0.0.0.0'], true]],
      );
      assert.ok(
        calls().some(
          (c) => c.elevated && c.script?.includes("Remove-NetFirewallRule -DisplayName 'WSL Network: TCP 8080'"),
        ),
      );
      assert.deepStrictEqual(readState().portProxy, []);
      assert.deepStrictEqual(readState().windows.firewallRules, []);
      assert.strictEqual(portNode(8080)?.description, 'Windows · 0.0.0.0 · pid 4242');
    });

    it('NAT, firewall step fails half-way: portproxy recorded, message names the step, Remove removes it', async () => {
      const policy = 'The rule could not be created: blocked by Group Policy.';
      writeState({
        linux: { sockets: [socket(8080, '0.0.0.0', 'node', 4242)] },
        windows: { failCmdlets: { 'New-NetFirewallRule': policy } },
      });
      const result = await run(COMMAND_IDS.exposePort, { port: 8080 });
      assert.strictEqual(result.ok, false, result.message);
      assert.strictEqual(result.outcome, 'failed');
      assert.match(
        result.message,
        /^Step 2 of 2 failed \(exit code 1\): Allow inbound TCP 8080 in the Windows firewall \(Private profile, from LocalSubnet\)\. These steps ran and stay in place: Forward Windows 0\.0\.0\.0:8080 to WSL /,
      );
      assert.doesNotMatch(result.message, /UAC|declined|Nothing was changed/);
      // calls.jsonl: one launcher (not elevated), then the elevated script, which ran netsh add and
      // stopped at the failing cmdlet.
      const launched = calls().filter((c) => c.tool === 'powershell.exe' && /Start-Process/.test(c.script ?? ''));
      assert.strictEqual(launched.length, 1);
      assert.deepStrictEqual(
        calls()
          .filter((c) => c.elevated)
          .map((c) => [c.tool, c.argv[2] ?? '']),
        [
          ['powershell.exe', '-EncodedCommand'],
          ['netsh.exe', 'add'],
        ],
      );
      assert.deepStrictEqual(readState().portProxy, [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ]);
      assert.deepStrictEqual(readState().windows.firewallRules, []);

      clearCalls();
      const removed = await run(COMMAND_IDS.removePortExposure, { port: 8080 });
      assert.strictEqual(removed.ok, true, removed.message);
      assert.deepStrictEqual(
        calls()
          .filter((c) => c.elevated && c.tool === 'netsh.exe')
          .map((c) => c.argv),
        [['interface', 'portproxy', 'delete', 'v4tov4', 'listenport=8080', 'listenaddress=0.0.0.0']],
      );
      assert.ok(!calls().some((c) => /Remove-NetFirewallRule/.test(c.script ?? '')), 'no rule we did not create');
      assert.deepStrictEqual(readState().portProxy, []);
    });

    it("mirrored: New-NetFirewallHyperVRule for the WSL VM creator id, Private profile, this subnet as eth0's prefix; Remove undoes it", async () => {
      writeState({
        networkingMode: 'mirrored',
        linux: { addresses: ['192.168.1.20'], eth0Prefix: 24, sockets: [socket(3000, '0.0.0.0', 'vite', 77)] },
      });
      const result = await run(COMMAND_IDS.exposePort, { port: '3000' });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      const rule = calls().filter(
        (c) => c.tool === 'powershell.exe' && c.elevated && /New-NetFirewallHyperVRule/.test(c.script ?? ''),
      );
      assert.strictEqual(rule.length, 1);
      const expected = `New-NetFirewallHyperVRule -Name 'WSL-Network-TCP-3000' -DisplayName 'WSL Network: TCP 3000' -Direction Inbound -VMCreatorId '${VM_CREATOR_ID}' -Protocol TCP -LocalPorts 3000 -Action Allow -Profiles Private -RemoteAddresses '192.168.1.0/24'`;
      // Step 1 of the elevated script; a failure would exit with 100001 (elevation.ts).
      assert.ok(rule[0]!.script!.split('\n').includes(`try { ${expected} } catch { exit 100001 }`), rule[0]!.script);
      assert.ok(!calls().some((c) => c.tool === 'netsh.exe' && c.argv[2] === 'add'), 'no portproxy in mirrored mode');
      assert.deepStrictEqual(
        readState().windows.hyperVRules.map((r) => r.name),
        ['WSL-Network-TCP-3000'],
      );
      assert.strictEqual(portNode(3000)?.reach?.level, 'lan');
      assert.deepStrictEqual(portNode(3000)?.lanUrls, ['http://192.168.1.20:3000/']);

      const removed = await run(COMMAND_IDS.removePortExposure, { port: 3000 });
      assert.strictEqual(removed.ok, true, removed.message);
      assert.ok(
        calls().some(
          (c) => c.elevated && c.script?.includes("Remove-NetFirewallHyperVRule -Name 'WSL-Network-TCP-3000'"),
        ),
      );
      assert.deepStrictEqual(readState().windows.hyperVRules, []);
    });

    it('refuses a loopback-only service and explains how to bind 0.0.0.0', async () => {
      writeState({ linux: { sockets: [socket(5173, '127.0.0.1', 'vite', 55)] } });
      const result = await run(COMMAND_IDS.exposePort, { port: 5173 });
      assert.strictEqual(result.ok, false, `${result.message} ${seen()}`);
      assert.match(result.message, /127\.0\.0\.1 only .*0\.0\.0\.0/);
      assert.deepStrictEqual(changeCalls(), []);
    });

    it('Repair re-points stale portproxy rules to the current WSL IP', async () => {
      writeState({
        portProxy: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.20.1.5', connectPort: 22 },
        ],
      });
      const result = await run(COMMAND_IDS.repairPortForwarding, {});
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      assert.deepStrictEqual(
        calls()
          .filter((c) => c.tool === 'netsh.exe' && c.argv[2] === 'add')
          .map((c) => [c.argv, c.elevated]),
        [
          [
            [
              'interface',
              'portproxy',
              'add',
              'v4tov4',
              'listenport=2222',
              'listenaddress=0.0.0.0',
              'connectport=22',
              `connectaddress=${WSL_IP}`,
            ],
            true,
          ],
        ],
      );
      assert.deepStrictEqual(readState().portProxy, [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: WSL_IP, connectPort: 22 },
      ]);
      assert.ok(!api.portsTree.nodes.some((n) => n.kind === 'staleGroup'));
    });

    it('Undo Port Forwarding Repair points the repaired rules back, once', async () => {
      const old = {
        kind: 'v4tov4' as const,
        listenAddress: '0.0.0.0',
        listenPort: 2222,
        connectAddress: '172.20.1.5',
        connectPort: 22,
      };
      writeState({ portProxy: [old] });
      assert.strictEqual((await run(COMMAND_IDS.repairPortForwarding, {})).ok, true);
      const repairCalls = calls().length;
      const undone = await run(COMMAND_IDS.undoPortForwardingRepair, {});
      assert.strictEqual(undone.ok, true, `${undone.message} ${seen()}`);
      assert.deepStrictEqual(
        calls()
          .slice(repairCalls)
          .filter((c) => c.tool === 'netsh.exe' && c.argv[2] === 'add')
          .map((c) => [c.argv, c.elevated]),
        [
          [
            [
              'interface',
              'portproxy',
              'add',
              'v4tov4',
              'listenport=2222',
              'listenaddress=0.0.0.0',
              'connectport=22',
              'connectaddress=172.20.1.5',
            ],
            true,
          ],
        ],
      );
      assert.deepStrictEqual(readState().portProxy, [old]);
      const again = await run(COMMAND_IDS.undoPortForwardingRepair, {});
      assert.strictEqual(again.outcome, 'nothing');
    });

    it('hostile port input never reaches a command line', async () => {
      writeState({ linux: { sockets: [socket(8080, '0.0.0.0', 'node', 4242)] } });
      const hostile = [
        '8080; Remove-NetFirewallRule -All',
        "8080' -Action Block #",
        '8080 & calc.exe',
        '$(whoami)',
        '80`n81',
        '0',
        '70000',
        '-1',
        '1e3',
        '',
      ];
      for (const port of hostile) {
        for (const command of [COMMAND_IDS.exposePort, COMMAND_IDS.removePortExposure, COMMAND_IDS.diagnosePort]) {
          const result = await run(command, { port, open: false });
          assert.strictEqual(result.ok, false, `${command} accepted ${JSON.stringify(port)}`);
          assert.strictEqual(result.outcome, 'refused');
        }
      }
      const text = JSON.stringify(calls());
      for (const port of hostile.filter((p) => p.length > 2))
        assert.ok(!text.includes(port), `${JSON.stringify(port)} reached calls.jsonl`);
      assert.deepStrictEqual(changeCalls(), []);
    });
  });

  describe('Diagnose Port and Open .wslconfig', () => {
    it('diagnoses a NAT port step by step', async () => {
      writeState({ linux: { sockets: [socket(8080, '0.0.0.0', 'node', 4242)] } });
      const result = await run(COMMAND_IDS.diagnosePort, { port: 8080, open: false });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      const markdown = (result.data as { markdown: string }).markdown;
      assert.match(markdown, /\*\*Verdict\*\*: from Windows ✅ · from the LAN ❌/);
      assert.match(markdown, /Expose Port to LAN/);
    });

    it('creates a commented template when asked, and opens it', async () => {
      const result = await run(COMMAND_IDS.openWslConfig, { createIfMissing: true });
      assert.strictEqual(result.ok, true, `${result.message} ${seen()}`);
      assert.match(fs.readFileSync(wslconfig, 'utf8'), /^\[wsl2\]\n# networkingMode=mirrored$/m);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, wslconfig);
      assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'wslconfig');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('manifest', () => {
    it('contributes the cockpit commands, view and settings', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const id of [
        'applyNetworkingMode',
        'restartWsl',
        'exposePort',
        'removePortExposure',
        'repairPortForwarding',
        'openWslConfig',
        'diagnosePort',
        'refreshPorts',
        'showOutput',
      ]) {
        assert.ok(commands.includes(`wslNetwork.${id}`), `wslNetwork.${id} missing`);
      }
      // One table of ids: every id is registered, and package.json contributes exactly these.
      for (const id of Object.values(COMMAND_IDS))
        assert.ok(commands.includes(id), `${id} is in COMMAND_IDS but not registered`);
      const extension = vscode.extensions.all.find((e) => (e.packageJSON as { name?: string }).name === 'wsl-network');
      const contributed = (
        (extension?.packageJSON as { contributes?: { commands?: { command: string }[] } })?.contributes?.commands ?? []
      ).map((c) => c.command);
      assert.deepStrictEqual([...contributed].sort(), Object.values(COMMAND_IDS).sort());
      const config = vscode.workspace.getConfiguration('wslNetwork');
      assert.strictEqual(config.get('firewall.profile'), 'Private');
      assert.strictEqual(config.get('firewall.ruleNamePrefix'), 'WSL Network');
      assert.strictEqual(config.get('ports.refreshInterval'), 10);
    });
  });

  describe('confirm: false from a caller without the test token (a command link, another extension)', () => {
    it('is ignored: the dialogs are shown, and declining changes nothing', async () => {
      const hooks = api.testHooks;
      assert.ok(hooks, 'the harness starts the extension host with WSL_NETWORK_TEST_HOOKS=1');
      writeState();
      await api.refresh();
      const asked: string[] = [];
      // Stands in for VS Code's modal dialog: records the question and declines.
      hooks.interactivePrompter = {
        interactive: true,
        confirm: async (message) => (asked.push(message), false),
        pick: async () => undefined,
        pickMany: async () => undefined,
        input: async () => undefined,
        notify: async () => undefined,
      };
      try {
        clearCalls();
        const before = fs.existsSync(wslconfig) ? fs.readFileSync(wslconfig) : undefined;
        const restart = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.restartWsl, { confirm: false });
        const mode = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.applyNetworkingMode, {
          confirm: false,
          mode: 'nat',
        });
        assert.deepStrictEqual([restart.outcome, mode.outcome], ['cancelled', 'cancelled']);
        assert.deepStrictEqual(asked, ['Restart WSL?', 'Switch to NAT mode?']);
        assert.deepStrictEqual(changeCalls(), []);
        assert.deepStrictEqual(fs.existsSync(wslconfig) ? fs.readFileSync(wslconfig) : undefined, before);
      } finally {
        delete hooks.interactivePrompter;
      }
    });
  });
});
