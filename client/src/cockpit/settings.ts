/**
 * The cockpit's settings (contributes.configuration "Ports View" and "Networking").
 */
import * as vscode from 'vscode';
import { RULE_NAME_PREFIX, validateRuleNamePrefix } from '../host/ruleNaming';
import { validateProfile, type ProfileChoice } from '../host/validators';

export interface CockpitSettings {
  /** Seconds between refreshes while the ports view is visible; 0 = only on demand. */
  readonly refreshIntervalS: number;
  readonly showWslOnly: boolean;
  readonly profile: ProfileChoice;
  readonly ruleNamePrefix: string;
  /** Set when the configured prefix was unusable (the default is used instead). */
  readonly prefixError?: string;
  readonly wslconfigPath: string;
  readonly distro: string;
}

export const SETTING_KEYS = {
  refreshInterval: 'ports.refreshInterval',
  showWslOnly: 'ports.showWslOnly',
  profile: 'firewall.profile',
  ruleNamePrefix: 'firewall.ruleNamePrefix',
  wslconfigPath: 'wslconfigPath',
  distro: 'distro',
} as const;

export function readSettings(): CockpitSettings {
  const config = vscode.workspace.getConfiguration('wslNetwork');
  const interval = config.get<number>(SETTING_KEYS.refreshInterval, 10);
  const profile = validateProfile(config.get<string>(SETTING_KEYS.profile, 'Private'));
  const prefixSetting = config.get<string>(SETTING_KEYS.ruleNamePrefix, RULE_NAME_PREFIX);
  const prefix = validateRuleNamePrefix(prefixSetting);
  return {
    refreshIntervalS:
      typeof interval === 'number' && Number.isFinite(interval) && interval > 0
        ? Math.max(2, Math.min(3600, interval))
        : 0,
    showWslOnly: config.get<boolean>(SETTING_KEYS.showWslOnly, true) !== false,
    profile: profile.ok ? profile.value : 'Private',
    ruleNamePrefix: prefix.ok ? prefix.value : RULE_NAME_PREFIX,
    ...(prefix.ok ? {} : { prefixError: prefix.error }),
    wslconfigPath: config.get<string>(SETTING_KEYS.wslconfigPath, '') ?? '',
    distro: config.get<string>(SETTING_KEYS.distro, '') ?? '',
  };
}
