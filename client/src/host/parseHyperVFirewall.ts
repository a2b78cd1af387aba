// Hyper-V firewall (the filter in front of the WSL VM in mirrored mode, and by default on
// Windows 11 22H2+ with WSL 2.0.9+): rules from Get-NetFirewallHyperVRule and the per-VM
// defaults from Get-NetFirewallHyperVVMSetting.
import type { HyperVFirewallRule, HyperVVmSetting } from './hostTypes';
import {
  ACTION_BY_NUMBER,
  DIRECTION_BY_NUMBER,
  asEnum,
  asGpoBoolean,
  asProfiles,
  asRuleEnabled,
  asPortList,
  asString,
  asAddressList,
  parsePowerShellJsonList,
} from './powershellJson';

/** microsoft/WSL `c_wslFirewallVmCreatorId` (src/windows/common/WslCoreNetworkingSupport.h). */
export const WSL_VM_CREATOR_ID = '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}';

export function parseHyperVRules(json: string): HyperVFirewallRule[] {
  return parsePowerShellJsonList(json).map((rule): HyperVFirewallRule => {
    const localPorts = asPortList(rule['LocalPorts']);
    const name = asString(rule['Name']) ?? '';
    return {
      name,
      displayName: asString(rule['DisplayName']) ?? name,
      enabled: asRuleEnabled(rule['Enabled']),
      direction: asEnum(rule['Direction'], DIRECTION_BY_NUMBER),
      action: asEnum(rule['Action'], ACTION_BY_NUMBER),
      vmCreatorId: asString(rule['VMCreatorId']) ?? 'Any',
      protocol: asString(rule['Protocol']) ?? 'Any',
      localPorts: localPorts.length > 0 ? localPorts : ['Any'],
      profiles: asProfiles(rule['Profiles'] ?? rule['Profile']),
      remoteAddresses: asAddressList(rule['RemoteAddresses']),
    };
  });
}

/** The setting for WSL's VM creator, or undefined when PowerShell printed none. */
export function parseHyperVVmSetting(json: string): HyperVVmSetting | undefined {
  const setting =
    parsePowerShellJsonList(json).find((item) => sameGuid(asString(item['Name']), WSL_VM_CREATOR_ID)) ??
    parsePowerShellJsonList(json)[0];
  if (setting === undefined) return undefined;
  return {
    name: asString(setting['Name']) ?? '',
    enabled: asGpoBoolean(setting['Enabled']),
    defaultInboundAction: asEnum(setting['DefaultInboundAction'], ACTION_BY_NUMBER),
    defaultOutboundAction: asEnum(setting['DefaultOutboundAction'], ACTION_BY_NUMBER),
    loopbackEnabled: asGpoBoolean(setting['LoopbackEnabled']),
  };
}

export function sameGuid(a: string | undefined, b: string | undefined): boolean {
  const norm = (value: string | undefined): string => (value ?? '').replace(/[{}]/g, '').toLowerCase();
  return a !== undefined && b !== undefined && norm(a) === norm(b);
}
