/**
 * Registers the cockpit's commands from the one id table (ids.ts). Each group lives in its own
 * file: mode, exposure, restart, configFile, diagnose, urls; common.ts holds what they share.
 */
import * as vscode from 'vscode';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import type { StaleNode } from '../model/portsModel';
import {
  describeError,
  isNode,
  optionsOf,
  prompterFor,
  result,
  t,
  type Arg,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';
import { openWslConfig, undoLastWslConfigChange } from './configFile';
import {
  checkConnectivity,
  copyNetworkReport,
  undoConnectivityFix,
  type DoctorCommandOptions,
  type UndoFixOptions,
} from './connectivity';
import { reachWindows, type ReachWindowsOptions } from './reachWindows';
import { ConnectivityFixLedger } from '../cockpit/fixLedger';
import { diagnose, DiagnosisPreviews } from './diagnose';
import { DistroConfigCommands, WSL_CONF_PATH, WSL_DISTRIBUTION_CONF_PATH } from './distroConfig';
import { exposePort, removeExposure, repair, undoRepair } from './exposure';
import { COMMAND_IDS, type CommandId } from './ids';
import { applyNetworkingMode } from './mode';
import { restartWsl } from './restart';
import { keepLanExposures, stopKeepingLanExposures } from './lastingExposures';
import { copyLanUrl, copyLocalUrl, openInBrowser, showLanUrlQrCode } from './urls';
import { showStatusMenu } from './statusMenu';
import { RestartRepairOffer } from './restartRepair';

export { COMMAND_IDS } from './ids';
export type { CockpitCommandOptions, CommandResult } from './common';

type Handler = (arg: Arg, prompter: Prompter, options: CockpitCommandOptions) => Promise<CommandResult>;

export function registerCockpitCommands(
  context: vscode.ExtensionContext,
  cockpit: Cockpit,
): { restartRepair: RestartRepairOffer } {
  const previews = new DiagnosisPreviews();
  const restartRepair = new RestartRepairOffer(cockpit, context.globalState);
  context.subscriptions.push(previews, restartRepair);
  const fixLedger = new ConnectivityFixLedger(context.globalState);
  const distroConfig = new DistroConfigCommands(cockpit);
  context.subscriptions.push(distroConfig);
  const handlers: Record<Exclude<CommandId, typeof COMMAND_IDS.showOutput>, Handler> = {
    [COMMAND_IDS.refreshPorts]: async () => {
      await cockpit.refresh(true);
      return result(true, 'done', t('Refreshed.'));
    },
    [COMMAND_IDS.applyNetworkingMode]: (_arg, prompter, options) => applyNetworkingMode(cockpit, prompter, options),
    [COMMAND_IDS.restartWsl]: (_arg, prompter) => restartWsl(cockpit, prompter),
    [COMMAND_IDS.exposePort]: (_arg, prompter, options) => exposePort(cockpit, prompter, options),
    [COMMAND_IDS.removePortExposure]: (_arg, prompter, options) => removeExposure(cockpit, prompter, options),
    [COMMAND_IDS.repairPortForwarding]: (arg, prompter) =>
      repair(cockpit, prompter, isNode(arg) && arg.kind === 'stale' ? (arg as StaleNode) : undefined),
    [COMMAND_IDS.undoPortForwardingRepair]: (_arg, prompter) => undoRepair(cockpit, prompter),
    [COMMAND_IDS.openWslConfig]: (_arg, prompter, options) => openWslConfig(cockpit, prompter, options),
    [COMMAND_IDS.undoWslConfigChange]: (_arg, prompter) => undoLastWslConfigChange(cockpit, prompter),
    [COMMAND_IDS.diagnosePort]: (_arg, prompter, options) => diagnose(cockpit, previews, prompter, options),
    [COMMAND_IDS.openInBrowser]: (arg) => openInBrowser(cockpit, arg),
    [COMMAND_IDS.copyLocalUrl]: (arg, prompter) => copyLocalUrl(cockpit, arg, prompter),
    [COMMAND_IDS.copyLanUrl]: (arg, prompter) => copyLanUrl(cockpit, arg, prompter),
    [COMMAND_IDS.checkConnectivity]: (_arg, prompter, options) =>
      checkConnectivity(cockpit, previews, fixLedger, prompter, options as DoctorCommandOptions),
    [COMMAND_IDS.reachWindowsPort]: (_arg, prompter, options) =>
      reachWindows(cockpit, previews, fixLedger, prompter, options as ReachWindowsOptions),
    [COMMAND_IDS.undoConnectivityFix]: (_arg, prompter, options) =>
      undoConnectivityFix(cockpit, fixLedger, prompter, options as UndoFixOptions),
    [COMMAND_IDS.copyNetworkReport]: (_arg, prompter, options) =>
      copyNetworkReport(cockpit, previews, prompter, options as DoctorCommandOptions),
    [COMMAND_IDS.openDistroWslConf]: (arg, prompter, options) =>
      distroConfig.open(arg, prompter, options, WSL_CONF_PATH),
    [COMMAND_IDS.openDistroDistributionConf]: (arg, prompter, options) =>
      distroConfig.open(arg, prompter, options, WSL_DISTRIBUTION_CONF_PATH),
    [COMMAND_IDS.undoDistroConfigSave]: (_arg, prompter) => distroConfig.undo(prompter),
    [COMMAND_IDS.saveDistroConfigAsRoot]: (arg, prompter) => distroConfig.saveAsRoot(arg, prompter),
    [COMMAND_IDS.showStatusMenu]: (_arg, prompter) => showStatusMenu(cockpit, prompter),
    [COMMAND_IDS.keepLanExposures]: (_arg, prompter) => keepLanExposures(cockpit, prompter),
    [COMMAND_IDS.stopKeepingLanExposures]: (_arg, prompter) => stopKeepingLanExposures(cockpit, prompter),
    [COMMAND_IDS.showLanUrlQrCode]: (arg, prompter) => showLanUrlQrCode(cockpit, arg, prompter),
  };
  context.subscriptions.push(vscode.commands.registerCommand(COMMAND_IDS.showOutput, () => cockpit.output.show(true)));
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg: Arg) => {
        const options = optionsOf(arg);
        const prompter = prompterFor(cockpit, options);
        try {
          const outcome = await handler(arg, prompter, options);
          if (!outcome.ok && outcome.outcome !== 'cancelled') {
            cockpit.log(`${id}: ${outcome.message}`);
            void prompter.notify(outcome.outcome === 'failed' ? 'error' : 'warning', outcome.message);
          }
          return outcome;
        } catch (error) {
          const message = describeError(error);
          cockpit.log(`${id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
          void prompter.notify('error', message, t('Show Output')).then((choice) => {
            if (choice) cockpit.output.show(true);
          });
          return result(false, 'failed', message);
        }
      }),
    );
  }
  return { restartRepair };
}
