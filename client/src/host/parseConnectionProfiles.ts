// `Get-NetConnectionProfile`: which firewall profile (Public / Private / Domain) applies to
// each connected network. LAN clients are filtered by the profile of the interface they
// arrive on, so "allowed on Private" means nothing on a Public Wi-Fi.
import type { ConnectionProfile } from './hostTypes';
import {
  CATEGORY_BY_NUMBER,
  CONNECTIVITY_BY_NUMBER,
  asEnum,
  asNumber,
  asString,
  parsePowerShellJsonList,
} from './powershellJson';

export function parseConnectionProfiles(json: string): ConnectionProfile[] {
  return parsePowerShellJsonList(json).map((item) => ({
    name: asString(item['Name']) ?? '',
    interfaceAlias: asString(item['InterfaceAlias']) ?? '',
    interfaceIndex: asNumber(item['InterfaceIndex']),
    networkCategory: asEnum(item['NetworkCategory'], CATEGORY_BY_NUMBER),
    ipv4Connectivity: asEnum(item['IPv4Connectivity'], CONNECTIVITY_BY_NUMBER),
  }));
}
