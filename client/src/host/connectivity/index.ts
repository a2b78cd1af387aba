// The connectivity doctor's public surface, for the cockpit to wire (no `vscode` import here).
export { runConnectivityDoctor, DOCTOR_DEFAULTS, DOCTOR_TIME_BUDGET_MS, REAL_PROBES, withTimeout } from './doctor';
export type { DoctorDeps, DoctorOptions, DoctorProbes, DoctorFacts, DoctorResult, DoctorTarget } from './doctor';
export {
  renderDoctorReport,
  renderNetworkReport,
  renderCheck,
  renderFix,
  offeredFixes,
  Redactor,
  hostNamesInFacts,
  VERDICT_MARK,
} from './render';
export type { RenderOptions, NetworkReport, NetworkReportInput, RedactionContext, RedactionCount } from './render';
export { assembleWindowsFacts, type WindowsFacts, type ExcludedRangeKey } from './windowsFacts';
export {
  buildConnectivityQueryCommand,
  buildConnectivityQueryScript,
  buildExcludedPortRangeCommand,
  splitConnectivityOutput,
  CONNECTIVITY_QUERIES,
  ALL_CONNECTIVITY_QUERIES,
  EXCLUDED_RANGE_QUERIES,
  type ConnectivityQueryId,
  type ExcludedRangeQuery,
} from './windowsQueries';
export {
  findPortConflicts,
  readPortConflictFacts,
  lanExposureConflicts,
  describePortConflict,
  MIRRORED_NEVER_FORWARDED,
  type WindowsToolReader,
  type PortConflict,
  type PortConflictFacts,
  type PortProtocol,
} from './portConflicts';
export {
  reachWindowsPort,
  reachFixes,
  renderReachWindowsReport,
  windowsHostAddress,
  type ReachWindowsInput,
  type ReachWindowsResult,
  type ReachStep,
} from './reachWindows';
export {
  vpnMetricFix,
  scopedFirewallRuleFix,
  undoCommand,
  VPN_WORKAROUND_METRIC,
  WSL_INTERFACE_ALIAS_PATTERN,
} from './fixes';
export { readDefaultRoutes, parseIpRoute, parseProcNetRoute, type RouteSource, type DefaultRoute } from './linuxRoute';
export {
  parseResolvConf,
  primaryNameserver,
  WSL_RESOLV_CONF_MARKER,
  DNS_TUNNELING_NAMESERVERS,
  type ResolvConfFacts,
} from './resolvConf';
export { readProxyEnvironment, parseProxyEndpoint, type ProxyVariableFact } from './proxyEnvironment';
export { probeTcp, probeDns, probeHttpProxy } from './probes';
export { escapeMarkdown, codeSpan, codeBlock } from './markdown';
export * from './types';
export type { IpInterface } from './windowsParsers';
export type { TcpProbeResult } from './probes';
