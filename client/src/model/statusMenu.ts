/**
 * What the status bar item's quick pick lists: the networking mode and the restart state first
 * (each opens the command that changes it), then the cockpit's commands. A pure function of the
 * status, so the order and the texts are tested without VS Code.
 */
import { modeLabel, type EffectiveMode, type NetworkingMode } from '../../../server/src/core';
import { COMMAND_IDS, FOCUS_PORTS_VIEW } from '../commands/ids';
import type { Localize } from './l10n';
import type { StatusView } from './status';

/**
 * Commands other parts of WSL Network may contribute. They are listed only when VS Code has them
 * registered, so the menu never offers a command that would fail with "command not found".
 */
export const OPTIONAL_STATUS_COMMANDS = {
  checkConnectivity: 'wslNetwork.checkConnectivity',
  openWslConf: 'wslNetwork.openWslConf',
} as const;

export interface StatusMenuInput {
  readonly available: boolean;
  readonly unavailableReason?: string;
  /** The inspected distro runs (so the effective mode was read). */
  readonly running: boolean;
  readonly effectiveMode?: EffectiveMode;
  readonly configuredMode: NetworkingMode;
  readonly status?: StatusView;
  /** Command ids VS Code has registered (vscode.commands.getCommands). */
  readonly registered: ReadonlySet<string>;
}

export interface StatusMenuEntry {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** The command the entry runs; absent for a separator. */
  readonly command?: string;
  readonly separator?: true;
}

export function statusMenuEntries(input: StatusMenuInput, t: Localize): StatusMenuEntry[] {
  const entries: StatusMenuEntry[] = [];
  if (!input.available) {
    entries.push({
      label: `$(circle-slash) ${t('WSL is not available')}`,
      ...(input.unavailableReason ? { detail: input.unavailableReason } : {}),
      command: COMMAND_IDS.showOutput,
    });
  } else {
    const configured = modeLabel(input.configuredMode);
    if (input.running && input.effectiveMode !== undefined) {
      const effective = modeLabel(input.effectiveMode);
      entries.push({
        label: `$(vm-running) ${t('Networking mode: {0}', effective)}`,
        description: effective === configured ? t('as configured') : t('.wslconfig asks for {0}', configured),
        detail: t('Choose another mode (Apply Networking Mode)'),
        command: COMMAND_IDS.applyNetworkingMode,
      });
    } else {
      entries.push({
        label: `$(vm-outline) ${t('Networking mode: {0} (configured)', configured)}`,
        description: t('WSL is not running'),
        detail: t('Choose another mode (Apply Networking Mode)'),
        command: COMMAND_IDS.applyNetworkingMode,
      });
    }
    const status = input.status;
    if (status?.restartNeeded) {
      entries.push({
        label: `$(warning) ${t('Restart needed')}`,
        description: t('WSL reads .wslconfig only when it starts'),
        detail: t('Restart WSL now (wsl --shutdown)'),
        command: COMMAND_IDS.restartWsl,
      });
    } else if (status?.fallback) {
      entries.push({
        label: `$(warning) ${t('WSL fell back to another mode at start-up')}`,
        description: t('see the status bar tooltip for the reasons'),
        detail: t('Open .wslconfig to check it'),
        command: COMMAND_IDS.openWslConfig,
      });
    } else if (input.running) {
      entries.push({
        label: `$(check) ${t('No restart needed')}`,
        description:
          status?.configChange === 'unknown'
            ? t('unknown whether .wslconfig changed since WSL started')
            : t('.wslconfig has not changed since WSL started'),
        command: COMMAND_IDS.restartWsl,
      });
    }
  }
  entries.push({ label: t('Commands'), separator: true });
  const commands: [string, string][] = [
    [COMMAND_IDS.applyNetworkingMode, `$(settings-gear) ${t('Apply Networking Mode...')}`],
    [COMMAND_IDS.restartWsl, `$(debug-restart) ${t('Restart WSL')}`],
    [FOCUS_PORTS_VIEW, `$(list-tree) ${t('Show WSL Ports')}`],
    [COMMAND_IDS.exposePort, `$(broadcast) ${t('Expose Port to LAN...')}`],
    [COMMAND_IDS.repairPortForwarding, `$(tools) ${t('Repair Port Forwarding')}`],
    [COMMAND_IDS.diagnosePort, `$(search) ${t('Diagnose Port...')}`],
    [OPTIONAL_STATUS_COMMANDS.checkConnectivity, `$(pulse) ${t('Check Connectivity')}`],
    [COMMAND_IDS.reachWindowsPort, `$(plug) ${t('Reach Windows from WSL...')}`],
    [COMMAND_IDS.openWslConfig, `$(go-to-file) ${t('Open .wslconfig')}`],
    [OPTIONAL_STATUS_COMMANDS.openWslConf, `$(go-to-file) ${t('Open wsl.conf')}`],
    [COMMAND_IDS.showOutput, `$(output) ${t('Show Output')}`],
  ];
  const optional = new Set<string>(Object.values(OPTIONAL_STATUS_COMMANDS));
  for (const [command, label] of commands) {
    if (optional.has(command) && !input.registered.has(command)) continue;
    entries.push({ label, command });
  }
  return entries;
}
