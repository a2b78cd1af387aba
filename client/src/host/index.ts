// Public surface of the host layer for the UI (status bar, ports tree, commands). No module
// in this folder imports `vscode`, so all of it runs and is tested under plain Node.
export * from './hostTypes';
export { WslHost } from './wslHost';
export type { WslHostOptions, WslAddresses, WindowsFirewallFacts, WslConfigNetworking, Fact } from './wslHost';
export { detectHost, windowsToolsUnavailableReason } from './detectHost';
export type { HostSituation } from './detectHost';
export { nodeHostEnvironment } from './hostEnvironment';
export type { HostEnvironment } from './hostEnvironment';
export { createProcessRunner, HostCommandError, describeCommand } from './processRunner';
export type { ProcessRunner, RunOptions, RunResult, HostCommandFailure } from './processRunner';
export { assessReachability } from './reachability';
export type { NetworkContext, Reachability, ReachabilityLevel, LanBlocker } from './reachability';
export { findStalePortProxies, isStalePortProxy, describePortProxy } from './stalePortProxy';
export type { StalePortProxy } from './stalePortProxy';
export { planExposeToLan, planUnexpose, planRepairStalePortProxies } from './exposurePlan';
export type { ExposurePlan, ExposeOptions } from './exposurePlan';
export {
  buildPortProxyAdd,
  buildPortProxyDelete,
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildWslShutdown,
  buildWslTerminate,
} from './commandBuilders';
export type { CommandSpec } from './commandBuilders';
export { buildElevatedCommand, ELEVATION_CANCELED_EXIT_CODE, ELEVATION_CANCELED_EXIT_CODES } from './elevation';
export { RULE_NAME_PREFIX, ruleDisplayName, hyperVRuleName, isOwnRule, parseRuleDisplayName, validateRuleNamePrefix } from './ruleNaming';
export { validatePort, validateIPv4, validateDistroName, ValidationError } from './validators';
export { classifyBindAddress } from './ipAddress';
export type { BindKind } from './ipAddress';
export { WSL_VM_CREATOR_ID } from './parseHyperVFirewall';
export {
  DistroConfigFiles,
  DistroConfigError,
  readWouldStartDistro,
  lineThatStopsReading,
  planTerminateAfterSave,
  showRootCommand,
  backupPathFor,
  WSL_CONF_PATH,
  WSL_DISTRIBUTION_CONF_PATH,
  DISTRO_CONFIG_PATHS,
} from './distroConfigFile';
export type { DistroConfigPath, ReadResult, RootCommand, RootRoute, SaveResult, StopLine, TerminateOffer, ReadStartsDistro } from './distroConfigFile';
