/**
 * The one table of command ids: registration (commands/index.ts), the status bar's command links,
 * the tests and package.json's `contributes.commands` (checked by the VS Code suite) all use it.
 * No `vscode` import, so pure modules and plain Node tests can read it.
 */
export const COMMAND_IDS = {
  showOutput: 'wslNetwork.showOutput',
  applyNetworkingMode: 'wslNetwork.applyNetworkingMode',
  restartWsl: 'wslNetwork.restartWsl',
  exposePort: 'wslNetwork.exposePort',
  removePortExposure: 'wslNetwork.removePortExposure',
  repairPortForwarding: 'wslNetwork.repairPortForwarding',
  undoPortForwardingRepair: 'wslNetwork.undoPortForwardingRepair',
  openWslConfig: 'wslNetwork.openWslConfig',
  undoWslConfigChange: 'wslNetwork.undoWslConfigChange',
  diagnosePort: 'wslNetwork.diagnosePort',
  refreshPorts: 'wslNetwork.refreshPorts',
  openInBrowser: 'wslNetwork.openInBrowser',
  copyLocalUrl: 'wslNetwork.copyLocalUrl',
  copyLanUrl: 'wslNetwork.copyLanUrl',
  checkConnectivity: 'wslNetwork.checkConnectivity',
  copyNetworkReport: 'wslNetwork.copyNetworkReport',
  reachWindowsPort: 'wslNetwork.reachWindowsPort',
  undoConnectivityFix: 'wslNetwork.undoConnectivityFix',
  openDistroWslConf: 'wslNetwork.openDistroWslConf',
  openDistroDistributionConf: 'wslNetwork.openDistroDistributionConf',
  undoDistroConfigSave: 'wslNetwork.undoDistroConfigSave',
  saveDistroConfigAsRoot: 'wslNetwork.saveDistroConfigAsRoot',
  showStatusMenu: 'wslNetwork.showStatusMenu',
  keepLanExposures: 'wslNetwork.keepLanExposures',
  stopKeepingLanExposures: 'wslNetwork.stopKeepingLanExposures',
  showLanUrlQrCode: 'wslNetwork.showLanUrlQrCode',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** The ports view's id, and the command VS Code derives from it to focus the view. */
export const PORTS_VIEW_ID = 'wslNetwork.views.ports';
export const FOCUS_PORTS_VIEW = `${PORTS_VIEW_ID}.focus`;
