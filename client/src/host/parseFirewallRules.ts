// Windows Defender Firewall rules, from three ConvertTo-Json outputs (see powershellQueries.ts):
// Get-NetFirewallRule, Get-NetFirewallPortFilter, Get-NetFirewallApplicationFilter and
// Get-NetFirewallAddressFilter. Port, program and remote addresses live in separate filter objects whose InstanceID equals the rule's Name;
// fetching them in bulk and joining here is much faster than one filter query per rule.
import type { FirewallRule } from './hostTypes';
import {
  ACTION_BY_NUMBER,
  DIRECTION_BY_NUMBER,
  asEnum,
  asProfiles,
  asRuleEnabled,
  asPortList,
  asString,
  asAddressList,
  parsePowerShellJsonList,
} from './powershellJson';

export function parseFirewallRules(
  rulesJson: string,
  portFiltersJson = '',
  applicationFiltersJson = '',
  addressFiltersJson?: string,
): FirewallRule[] {
  const ports = new Map<string, { protocol: string; localPorts: string[] }>();
  for (const filter of parsePowerShellJsonList(portFiltersJson)) {
    const id = asString(filter['InstanceID']);
    if (id === undefined) continue;
    const localPorts = asPortList(filter['LocalPort']);
    ports.set(id, {
      protocol: asString(filter['Protocol']) ?? 'Any',
      localPorts: localPorts.length > 0 ? localPorts : ['Any'],
    });
  }
  const programs = new Map<string, string>();
  for (const filter of parsePowerShellJsonList(applicationFiltersJson)) {
    const id = asString(filter['InstanceID']);
    if (id !== undefined) programs.set(id, asString(filter['Program']) ?? 'Any');
  }

  const remotes = new Map<string, string[]>();
  for (const filter of parsePowerShellJsonList(addressFiltersJson ?? '')) {
    const id = asString(filter['InstanceID']);
    if (id !== undefined) remotes.set(id, asAddressList(filter['RemoteAddress']));
  }

  return parsePowerShellJsonList(rulesJson).map((rule): FirewallRule => {
    const name = asString(rule['Name']) ?? asString(rule['InstanceID']) ?? '';
    const port = ports.get(name);
    const remote = addressFiltersJson === undefined ? undefined : (remotes.get(name) ?? ['Any']);
    return {
      name,
      displayName: asString(rule['DisplayName']) ?? name,
      enabled: asRuleEnabled(rule['Enabled']),
      direction: asEnum(rule['Direction'], DIRECTION_BY_NUMBER),
      action: asEnum(rule['Action'], ACTION_BY_NUMBER),
      // The NetSecurity type data exposes the CIM "Profiles" property as "Profile".
      profiles: asProfiles(rule['Profile'] ?? rule['Profiles']),
      protocol: port?.protocol ?? 'Any',
      localPorts: port?.localPorts ?? ['Any'],
      program: programs.get(name) ?? 'Any',
      ...(remote ? { remoteAddresses: remote } : {}),
    };
  });
}
