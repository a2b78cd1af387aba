/**
 * Lasting exposures and the status bar menu, inside a real VS Code (code-server), against the
 * stand-in Windows tools (see cockpit.test.ts for how the environment is made; this file makes its
 * own state folder the same way and restores everything afterwards).
 *
 * The restart is simulated the way it happens: `wsl --shutdown` (the stand-in then switches the
 * VM's address to `linux.addressesAfterShutdown`), the extension sees WSL stopped, then running
 * again. The offer's prompter is replaced by a scripted one that answers the "Repair N LAN
 * exposures" notification and confirms the repair; calls.jsonl shows exactly what ran.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import type { CommandResult } from '../../../client/src/commands';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import type { Prompter } from '../../../client/src/cockpit/prompts';
import type { PortsNode } from '../../../client/src/model/portsModel';
import type { StatusMenuEntry } from '../../../client/src/model/statusMenu';
import { LAN_QR_VIEW_TYPE } from '../../../client/src/commands/urls';
import { changesWindows, readFakeCalls, type FakeState, type FakeStateInput } from '../../fakes/fakeWindows';
import { StandIns } from './standIns';

const WSL_IP = '172.23.21.232';
const NEW_IP = '172.29.7.9';
const NEWER_IP = '172.31.4.2';

const standIns = new StandIns();
let api: WslNetworkApi;
let stateDir: string;

/** A complete state as it is, the calls recorded so far kept. */
function writeRaw(state: FakeState): void {
  standIns.writeFullState(state, { clearCalls: false });
}

function writeState(state: FakeStateInput = {}): void {
  standIns.writeState(state);
}

function readState(): FakeState {
  return JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')) as FakeState;
}

const clearCalls = () => fs.rmSync(path.join(stateDir, 'calls.jsonl'), { force: true });
const changeCalls = () => readFakeCalls(stateDir).filter(changesWindows);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a repair changed: the netsh calls, and the elevation launchers (one elevated PowerShell
 * that runs them: one UAC prompt). Fails on any other change, e.g. a firewall cmdlet.
 */
function repairCalls(): { netsh: string[][]; elevations: number } {
  const changes = changeCalls();
  const netsh = changes.filter((c) => c.tool === 'netsh.exe');
  const others = changes.filter((c) => c.tool !== 'netsh.exe');
  for (const call of others)
    assert.ok(
      call.tool === 'powershell.exe' &&
        call.elevated &&
        /& 'C:\\Windows\\System32\\netsh\.exe' 'interface' 'portproxy' 'add'/.test(call.script ?? '') &&
        !/Firewall/.test(call.script ?? ''),
      `unexpected change: ${call.tool} ${call.script ?? call.argv.join(' ')}`,
    );
  assert.ok(
    netsh.every((c) => c.elevated),
    'netsh runs elevated',
  );
  return { netsh: netsh.map((c) => c.argv), elevations: others.length };
}

function run(command: string, options: object): Thenable<CommandResult> {
  return vscode.commands.executeCommand<CommandResult>(command, {
    confirm: false,
    testToken: api.testHooks?.token,
    ...options,
  });
}

/** WSL starts again (after `wsl --shutdown`): the same state, with the distro running. */
async function wslStartsAgain(): Promise<void> {
  await sleep(20);
  const state = readState();
  writeRaw({
    ...state,
    distros: state.distros.map((d) => (d.name === 'Ubuntu-24.04' ? { ...d, state: 'Running' } : d)),
  });
  clearCalls();
  await api.refresh();
  await api.restartRepair.idle;
}

/** Answers notifications whose action starts with "Repair", confirms everything, and records what it was told. */
function scripted(): { prompter: Prompter; notices: string[]; confirmed: string[] } {
  const notices: string[] = [];
  const confirmed: string[] = [];
  const prompter: Prompter = {
    interactive: false,
    async confirm(message, detail) {
      confirmed.push(`${message}\n${detail}`);
      return true;
    },
    async pick() {
      return undefined;
    },
    async pickMany() {
      return undefined;
    },
    async input() {
      return undefined;
    },
    notify(_kind, message, ...actions) {
      notices.push(actions.length ? `${message} [${actions.join('|')}]` : message);
      return Promise.resolve(actions.find((a) => a.startsWith('Repair')));
    },
  };
  return { prompter, notices, confirmed };
}

describe('lasting exposures and the status menu (stand-in Windows tools)', function () {
  this.timeout(60000);
  let originalPrompter: Prompter;

  before(async () => {
    standIns.prepare('wsl-network-lasting-');
    stateDir = standIns.stateDir;
    fs.rmSync(standIns.wslconfig, { force: true });
    writeState();
    api = await standIns.activate();
    originalPrompter = api.restartRepair.prompter;
  });

  after(async () => {
    api.restartRepair.prompter = originalPrompter;
    await vscode.workspace
      .getConfiguration('wslNetwork')
      .update('ports.repairAfterRestart', undefined, vscode.ConfigurationTarget.Global);
    await standIns.restore(api);
  });

  describe('status bar menu', () => {
    it('the status bar item opens the menu: mode, restart state, then the commands', async () => {
      writeState();
      await api.refresh();
      assert.strictEqual((api.statusBar.command as vscode.Command).command, COMMAND_IDS.showStatusMenu);
      const shown = await run(COMMAND_IDS.showStatusMenu, {});
      const entries = shown.data as StatusMenuEntry[];
      assert.deepStrictEqual(
        entries.slice(0, 2).map((e) => [e.label, e.command]),
        [
          ['$(vm-running) Networking mode: NAT', COMMAND_IDS.applyNetworkingMode],
          ['$(check) No restart needed', COMMAND_IDS.restartWsl],
        ],
      );
      const commands = entries.map((e) => e.command);
      for (const id of [
        COMMAND_IDS.applyNetworkingMode,
        COMMAND_IDS.restartWsl,
        COMMAND_IDS.exposePort,
        COMMAND_IDS.repairPortForwarding,
        COMMAND_IDS.diagnosePort,
        COMMAND_IDS.openWslConfig,
        COMMAND_IDS.showOutput,
      ])
        assert.ok(commands.includes(id), id);
      // Every command the menu offers is registered, so no entry fails with "command not found".
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const id of commands.filter((c): c is string => c !== undefined))
        assert.ok(registered.has(id), `${id} is offered but not registered`);
    });

    it('lists Check Connectivity once that command is registered', async () => {
      const id = 'wslNetwork.checkConnectivity';
      const already = (await vscode.commands.getCommands(true)).includes(id);
      const temporary = already ? undefined : vscode.commands.registerCommand(id, () => undefined);
      try {
        const entries = (await run(COMMAND_IDS.showStatusMenu, {})).data as StatusMenuEntry[];
        assert.ok(entries.some((e) => e.command === id));
      } finally {
        temporary?.dispose();
      }
      if (!already) {
        const entries = (await run(COMMAND_IDS.showStatusMenu, {})).data as StatusMenuEntry[];
        assert.ok(!entries.some((e) => e.command === id));
      }
    });

    it('interactively it waits in a quick pick until the user closes it', async () => {
      let settled = false;
      const pending = vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.showStatusMenu).then((r) => {
        settled = true;
        return r;
      });
      await sleep(500);
      assert.strictEqual(settled, false, 'the menu returned without waiting for a choice');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const outcome = await pending;
      assert.strictEqual(outcome.outcome, 'cancelled');
      assert.deepStrictEqual(changeCalls(), []);
    });
  });

  describe('Expose with a different Windows port', () => {
    it('SSH preset: Windows 2222 → WSL 22 once sshd listens; Remove takes both rules', async () => {
      writeState({
        linux: { sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 22, pid: 311, comm: 'sshd', inode: 50022 }] },
      });
      const exposed = await run(COMMAND_IDS.exposePort, { preset: 'ssh' });
      assert.strictEqual(exposed.ok, true, exposed.message);
      const changes = changeCalls();
      assert.deepStrictEqual(
        changes.filter((c) => c.tool === 'netsh.exe').map((c) => c.argv),
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
        ],
      );
      assert.ok(
        changes.some((c) =>
          /New-NetFirewallRule -DisplayName 'WSL Network: TCP 2222' .*-LocalPort 2222 /.test(c.script ?? ''),
        ),
      );
      clearCalls();
      const removed = await run(COMMAND_IDS.removePortExposure, { port: 22 });
      assert.strictEqual(removed.ok, true, removed.message);
      assert.deepStrictEqual(readState().portProxy, []);
      assert.deepStrictEqual(readState().windows.firewallRules, []);
    });

    it('SSH preset refuses when nothing listens on 22; a hostile Windows port never reaches a command line', async () => {
      writeState({
        linux: { sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 8080, pid: 1, comm: 'node', inode: 58080 }] },
      });
      const refused = await run(COMMAND_IDS.exposePort, { preset: 'ssh' });
      assert.strictEqual(refused.outcome, 'refused');
      assert.match(refused.message, /openssh-server/);
      for (const listenPort of ['2222; calc.exe', '0', '70000', "2222' -Action Block #"]) {
        const result = await run(COMMAND_IDS.exposePort, { port: 8080, listenPort });
        assert.strictEqual(result.outcome, 'refused', listenPort);
      }
      assert.deepStrictEqual(changeCalls(), []);
      assert.ok(!JSON.stringify(readFakeCalls(stateDir)).includes('calc.exe'));
    });
  });

  describe('who may connect', () => {
    const node8080 = {
      protocol: 'tcp' as const,
      address: '0.0.0.0',
      port: 8080,
      pid: 4242,
      comm: 'node',
      inode: 58080,
    };
    const adapters = [
      { name: 'Wi-Fi', description: 'Intel(R) Wi-Fi 6 AX201 160MHz', ifIndex: 12, status: 'Up' },
      { name: 'Tailscale', description: 'Tailscale Tunnel', ifIndex: 31, status: 'Up' },
    ];
    const ruleRows = (nodes: readonly PortsNode[]): PortsNode[] =>
      nodes.flatMap((n) => [...(n.kind === 'rule' ? [n] : []), ...ruleRows(n.children)]);

    it('Expose with the Tailscale scope: the firewall rule is scoped to 100.64.0.0/10, and the tree shows it', async () => {
      writeState({
        linux: { sockets: [node8080] },
        windows: { connectivity: { adapters } },
      });
      const exposed = await run(COMMAND_IDS.exposePort, { port: 8080, scope: 'tailscale' });
      assert.strictEqual(exposed.ok, true, exposed.message);
      const firewall = changeCalls().filter((c) => /New-NetFirewall/.test(c.script ?? ''));
      assert.strictEqual(firewall.length, 1, 'one elevated script creates the rule');
      assert.match(
        firewall[0]!.script!,
        /New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private -RemoteAddress '100\.64\.0\.0\/10'/,
      );
      assert.deepStrictEqual(
        readState().windows.firewallRules.map((r) => [r.displayName, r.remoteAddress]),
        [['WSL Network: TCP 8080', '100.64.0.0/10']],
      );
      // The adapters were only read (Get-NetAdapter), never changed.
      assert.ok(readFakeCalls(stateDir).some((c) => !c.elevated && /Get-NetAdapter/.test(c.script ?? '')));
      await api.refresh();
      const row = ruleRows(api.portsTree.nodes).find((n) => n.label === 'WSL Network: TCP 8080');
      assert.strictEqual(row?.description, 'Windows firewall · allows TCP 8080 · from Tailscale peers (100.64.0.0/10)');
      assert.match(row?.tooltip ?? '', /Who may connect: Tailscale peers/);
      clearCalls();
      assert.strictEqual((await run(COMMAND_IDS.removePortExposure, { port: 8080 })).ok, true);
      assert.deepStrictEqual(readState().windows.firewallRules, []);
    });

    it('Tailscale without its adapter, and a hostile prefix, are refused before anything runs', async () => {
      writeState({ linux: { sockets: [node8080] } });
      const refused = await run(COMMAND_IDS.exposePort, { port: 8080, scope: 'tailscale' });
      assert.strictEqual(refused.outcome, 'refused');
      assert.match(refused.message, /No Tailscale adapter/);
      for (const scope of ["10.0.0.0/8' -Action Block #", '10.0.0.0/8; calc.exe', '192.168.1.5/24', 'Internet']) {
        const result = await run(COMMAND_IDS.exposePort, { port: 8080, scope });
        assert.strictEqual(result.outcome, 'refused', scope);
      }
      assert.deepStrictEqual(changeCalls(), []);
      assert.ok(!JSON.stringify(readFakeCalls(stateDir)).includes('calc.exe'));
    });

    it('a rule open to anyone on the Public profile is flagged in the tree and in Diagnose Port', async () => {
      writeState({
        linux: { sockets: [node8080] },
        portProxy: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
        ],
        windows: {
          firewallRules: [
            {
              name: '{open}',
              displayName: 'Dev server (all networks)',
              profile: 'Any',
              protocol: 'TCP',
              localPort: '8080',
              remoteAddress: 'Any',
            },
          ],
        },
      });
      await api.refresh();
      const row = ruleRows(api.portsTree.nodes).find((n) => n.label === 'Dev server (all networks)');
      assert.strictEqual(row?.description, 'Windows firewall · allows TCP 8080 · ⚠ open to anyone on Public networks');
      assert.deepStrictEqual(row?.icon, { id: 'warning', color: 'list.warningForeground' });
      const diagnosed = await run(COMMAND_IDS.diagnosePort, { port: 8080, open: false });
      const markdown = (diagnosed.data as { markdown: string }).markdown;
      assert.match(markdown, /## 5\. Who may connect/);
      assert.match(markdown, /⚠ `Dev server \(all networks\)`: open to anyone on Public networks/);
      assert.deepStrictEqual(changeCalls(), [], 'reading and flagging change nothing');
    });
  });

  describe('repair after a restart', () => {
    it('offers "Repair 1 LAN exposure" and re-points only our rule; the setting then repairs without asking', async function () {
      this.timeout(240000); // two restarts, an exposure and its removal through the stand-ins
      const foreign = {
        kind: 'v4tov4' as const,
        listenAddress: '0.0.0.0',
        listenPort: 2222,
        connectAddress: WSL_IP,
        connectPort: 22,
      };
      writeState({
        linux: {
          addressesAfterShutdown: [NEW_IP],
          sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 8080, pid: 4242, comm: 'node', inode: 58080 }],
        },
        portProxy: [foreign],
      });
      const exposed = await run(COMMAND_IDS.exposePort, { port: 8080 });
      assert.strictEqual(exposed.ok, true, exposed.message);
      const test = scripted();
      api.restartRepair.prompter = test.prompter;
      try {
        assert.strictEqual((await run(COMMAND_IDS.restartWsl, {})).ok, true);
        assert.strictEqual(readState().linux.addresses[0], NEW_IP);
        await wslStartsAgain();

        assert.deepStrictEqual(test.notices.slice(0, 1), [
          `WSL restarted with a new IP (${NEW_IP}): 1 LAN exposure created by WSL Network still points at the old one. [Repair 1 LAN exposure]`,
        ]);
        assert.strictEqual(test.confirmed.length, 1, 'the commands are shown before they run');
        assert.match(test.confirmed[0]!, new RegExp(`connectaddress=${NEW_IP.replace(/\./g, '\\.')}`));
        assert.deepStrictEqual(repairCalls(), {
          netsh: [
            [
              'interface',
              'portproxy',
              'add',
              'v4tov4',
              'listenport=8080',
              'listenaddress=0.0.0.0',
              'connectport=8080',
              `connectaddress=${NEW_IP}`,
            ],
          ],
          elevations: 1,
        });
        assert.deepStrictEqual(
          readState().portProxy,
          [
            foreign,
            { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: NEW_IP, connectPort: 8080 },
          ].sort((a, b) => a.listenPort - b.listenPort),
        );

        // The user setting (off by default): after that confirmation, the next restart repairs alone.
        const config = vscode.workspace.getConfiguration('wslNetwork');
        assert.strictEqual(config.get('ports.repairAfterRestart'), false);
        await config.update('ports.repairAfterRestart', true, vscode.ConfigurationTarget.Global);
        const state = readState();
        writeRaw({ ...state, linux: { ...state.linux, addressesAfterShutdown: [NEWER_IP] } });
        assert.strictEqual((await run(COMMAND_IDS.restartWsl, {})).ok, true);
        const asked = test.notices.length;
        const confirmedBefore = test.confirmed.length;
        await wslStartsAgain();
        assert.ok(!test.notices.slice(asked).some((n) => n.includes('[Repair')), 'no question the second time');
        assert.strictEqual(test.confirmed.length, confirmedBefore);
        assert.deepStrictEqual(repairCalls(), {
          netsh: [
            [
              'interface',
              'portproxy',
              'add',
              'v4tov4',
              'listenport=8080',
              'listenaddress=0.0.0.0',
              'connectport=8080',
              `connectaddress=${NEWER_IP}`,
            ],
          ],
          elevations: 1,
        });
        assert.ok(
          readState().portProxy.some((p) => p.listenPort === 2222 && p.connectAddress === WSL_IP),
          'the foreign rule is untouched',
        );
      } finally {
        api.restartRepair.prompter = originalPrompter;
        await vscode.workspace
          .getConfiguration('wslNetwork')
          .update('ports.repairAfterRestart', undefined, vscode.ConfigurationTarget.Global);
        await run(COMMAND_IDS.removePortExposure, { port: 8080 });
      }
    });

    it('no notification when only foreign rules point at the old IP', async () => {
      writeState({
        linux: { addressesAfterShutdown: [NEW_IP] },
        portProxy: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: WSL_IP, connectPort: 22 },
        ],
      });
      await api.refresh();
      const test = scripted();
      api.restartRepair.prompter = test.prompter;
      try {
        assert.strictEqual((await run(COMMAND_IDS.restartWsl, {})).ok, true);
        await wslStartsAgain();
        assert.deepStrictEqual(test.notices, []);
        assert.deepStrictEqual(changeCalls(), []);
      } finally {
        api.restartRepair.prompter = originalPrompter;
      }
    });
  });
  describe('keep LAN exposures while VS Code is closed (scheduled task)', () => {
    /** Stands in for VS Code's modal dialog: records each question with its detail, answers `yes()`. */
    function dialog(yes: () => boolean): { prompter: Prompter; asked: string[] } {
      const asked: string[] = [];
      return {
        asked,
        prompter: {
          interactive: true,
          confirm: async (message, detail) => (asked.push(`${message}\n${detail}`), yes()),
          pick: async () => undefined,
          pickMany: async () => undefined,
          input: async () => undefined,
          notify: async () => undefined,
        },
      };
    }

    it('install shows the exact script and commands first; Cancel runs nothing; remove leaves no task and no file', async function () {
      this.timeout(180000);
      const hooks = api.testHooks;
      assert.ok(hooks, 'the harness starts the extension host with WSL_NETWORK_TEST_HOOKS=1');
      const foreign = {
        kind: 'v4tov4' as const,
        listenAddress: '0.0.0.0',
        listenPort: 2222,
        connectAddress: WSL_IP,
        connectPort: 22,
      };
      writeState({
        linux: {
          sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 8080, pid: 4242, comm: 'node', inode: 58080 }],
        },
        portProxy: [foreign],
      });
      assert.strictEqual((await run(COMMAND_IDS.exposePort, { port: 8080 })).ok, true);
      let answer = false;
      const test = dialog(() => answer);
      hooks.interactivePrompter = test.prompter;
      try {
        clearCalls();
        const cancelled = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.keepLanExposures);
        assert.strictEqual(cancelled.outcome, 'cancelled', cancelled.message);
        assert.deepStrictEqual(changeCalls(), [], 'Cancel runs nothing');
        assert.deepStrictEqual(readState().windows.scheduledTasks, []);
        assert.strictEqual(test.asked.length, 1);

        answer = true;
        const installed = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.keepLanExposures);
        assert.strictEqual(installed.ok, true, installed.message);
        const { scriptPath, scriptText } = installed.data as { scriptPath: string; scriptText: string };
        assert.strictEqual(scriptPath, 'C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1');
        const shown = test.asked[1]!;
        assert.ok(shown.includes(scriptText.replace(/\r\n/g, '\n')), 'the dialog shows the whole script');
        assert.match(shown, /Register-ScheduledTask -TaskName 'WSL Network - Keep LAN Exposures'/);
        assert.match(scriptText, /^Update-Forward '0\.0\.0\.0' 8080 8080$/m);
        assert.doesNotMatch(scriptText, /2222/, 'the foreign rule is not ours');
        const state = readState();
        assert.deepStrictEqual(
          state.windows.scheduledTasks.map((t) => [t.name, t.runLevel, t.argument]),
          [
            [
              'WSL Network - Keep LAN Exposures',
              'Highest',
              `-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File ${scriptPath}`,
            ],
          ],
        );
        assert.strictEqual(state.windows.files[scriptPath], scriptText);
        const changes = changeCalls();
        assert.deepStrictEqual(
          changes.map((c) => [c.tool, c.elevated]),
          [['powershell.exe', true]],
          'one elevated PowerShell, nothing else',
        );
        assert.ok(!changes.some((c) => /netsh|Firewall/.test(c.script ?? '')));

        clearCalls();
        answer = false;
        const keep = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.stopKeepingLanExposures);
        assert.strictEqual(keep.outcome, 'cancelled');
        assert.deepStrictEqual(changeCalls(), []);
        assert.strictEqual(readState().windows.scheduledTasks.length, 1);

        answer = true;
        const removed = await vscode.commands.executeCommand<CommandResult>(COMMAND_IDS.stopKeepingLanExposures);
        assert.strictEqual(removed.ok, true, removed.message);
        assert.match(
          test.asked.at(-1)!,
          /Unregister-ScheduledTask -TaskName 'WSL Network - Keep LAN Exposures' -Confirm:\$false/,
        );
        const after = readState();
        assert.deepStrictEqual(after.windows.scheduledTasks, []);
        assert.deepStrictEqual(after.windows.files, {});
        assert.deepStrictEqual(after.windows.directories, ['C:\\ProgramData']);
        assert.ok(
          after.portProxy.some((p) => p.listenPort === 8080),
          'the exposure itself stays',
        );
      } finally {
        delete hooks.interactivePrompter;
        await run(COMMAND_IDS.removePortExposure, { port: 8080 });
      }
    });

    it('refuses when WSL Network has no portproxy rule of its own (foreign rules only)', async () => {
      writeState({
        portProxy: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: WSL_IP, connectPort: 22 },
        ],
      });
      const outcome = await run(COMMAND_IDS.keepLanExposures, {});
      assert.strictEqual(outcome.outcome, 'nothing', outcome.message);
      assert.deepStrictEqual(changeCalls(), []);
    });
  });

  describe('Show LAN URL as QR Code', () => {
    it('opens a webview panel with the code for the port', async () => {
      writeState({
        linux: {
          sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 8080, pid: 4242, comm: 'node', inode: 58080 }],
        },
      });
      assert.strictEqual((await run(COMMAND_IDS.exposePort, { port: 8080 })).ok, true);
      clearCalls();
      try {
        const shown = await run(COMMAND_IDS.showLanUrlQrCode, { port: 8080 });
        assert.strictEqual(shown.ok, true, shown.message);
        assert.match(String(shown.data), /^http:\/\/[0-9.]+:8080\/?$/);
        // The workbench reports the new tab to the extension host asynchronously.
        const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
        const find = () =>
          tabs().find(
            (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(LAN_QR_VIEW_TYPE),
          );
        for (let waited = 0; !find() && waited < 15000; waited += 100) await sleep(100);
        const panel = find();
        assert.ok(
          panel,
          `a webview tab ${LAN_QR_VIEW_TYPE}; tabs: ${tabs()
            .map((t) => t.label)
            .join(', ')}`,
        );
        assert.ok(panel.label.includes(String(shown.data)));
        await vscode.window.tabGroups.close(panel);
        assert.deepStrictEqual(changeCalls(), [], 'showing the code changes nothing');
      } finally {
        await run(COMMAND_IDS.removePortExposure, { port: 8080 });
      }
    });
  });
});
