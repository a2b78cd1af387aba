/**
 * Cross-key rules for `.wslconfig` (WslCoreConfig.cpp `Initialize`, WslCoreVm.cpp): settings that do
 * nothing in the configured networking mode, and combinations WSL overrides at start-up.
 */
import type { Finding } from './findings';
import { modeInSentence } from './networkingMode';
import type { ResolvedSettings } from './resolvedSettings';

/** Settings that safe mode overrides (WslCoreConfig.cpp `Initialize`, `safeMode`). */
const SAFE_MODE_OVERRIDES = [
  'hostFileSystemAccess',
  'nestedVirtualization',
  'hardwarePerformanceCounters',
  'gpuSupport',
  'virtio',
  'guiApplications',
  'swap',
  'kernel',
  'kernelModules',
  'networkingMode',
  'dnsTunneling',
  'autoProxy',
];

export function networkingFindings(settings: ResolvedSettings): Finding[] {
  const findings: Finding[] = [];
  const mode = settings.networkingMode;
  const modeEntry = settings.entry('wsl2', 'networkingMode');
  const noEffect = (section: string, name: string, message: string): void => {
    const entry = settings.entry(section, name);
    if (!entry) return;
    findings.push({
      code: 'mode-no-effect',
      severity: 'warning',
      message,
      span: entry.keySpan,
      unnecessary: true,
      fixes: [{ fix: 'delete-line', lineSpan: entry.span }],
    });
  };

  for (const { key, entry } of settings.all()) {
    if (!key.modes || key.modes.includes(mode)) continue;
    if (key.name === 'localhostForwarding' && mode === 'mirrored') {
      noEffect(
        key.section,
        key.name,
        'The wsl2.localhostForwarding setting has no effect when using mirrored networking mode',
      );
      continue;
    }
    const applies = key.modes.map(modeInSentence).join(' or ');
    findings.push({
      code: 'mode-no-effect',
      severity: 'warning',
      message: `'${entry.fullName}' has no effect: networkingMode is ${modeInSentence(mode)}${modeEntry ? '' : ' (the default)'}, and this setting only applies in ${applies} mode.`,
      span: entry.keySpan,
      unnecessary: true,
      fixes: [{ fix: 'delete-line', lineSpan: entry.span }],
    });
  }

  if (mode === 'mirrored' && settings.value('wsl2', 'firewall') === false) {
    noEffect('wsl2', 'firewall', "'firewall=false' has no effect: mirrored mode always enables the Hyper-V firewall.");
  }
  const tunneling = settings.dnsTunneling;
  if (mode === 'nat' && tunneling) {
    noEffect(
      'wsl2',
      'dnsProxy',
      `'dnsProxy' has no effect while DNS tunneling is on${settings.entry('wsl2', 'dnsTunneling') ? '' : ' (the default)'}: it only matters in NAT mode with dnsTunneling=false.`,
    );
  }
  if (!tunneling) {
    const why =
      mode === 'none' || mode === 'bridged'
        ? `networkingMode is ${modeInSentence(mode)}, which turns DNS tunneling off`
        : 'DNS tunneling is off';
    for (const name of ['bestEffortDnsParsing', 'dnsTunnelingIpAddress']) {
      const entry = settings.entry('experimental', name);
      if (entry)
        findings.push({
          code: 'dns-tunneling-off',
          severity: 'warning',
          message: `'${entry.fullName}' has no effect: ${why}.`,
          span: entry.keySpan,
          unnecessary: true,
          fixes: [{ fix: 'delete-line', lineSpan: entry.span }],
        });
    }
  }
  if (mode === 'bridged' && modeEntry && !settings.value('wsl2', 'vmSwitch')) {
    findings.push({
      code: 'bridged-without-vmswitch',
      severity: 'warning',
      message:
        'Bridged networking requires wsl2.vmSwitch to be set. Without it WSL starts with no networking. Set vmSwitch to the exact (case-sensitive) name of a Hyper-V external switch.',
      span: modeEntry.valueSpan,
    });
  }
  if (mode === 'consomme' && modeEntry && settings.value('wsl2', 'virtio') === false) {
    findings.push({
      code: 'consomme-without-virtio',
      severity: 'warning',
      message: 'Consomme networking is not supported when wsl2.virtio is disabled; falling back to networkingMode Nat.',
      span: modeEntry.valueSpan,
    });
  }

  const kernelModules = settings.entry('wsl2', 'kernelModules');
  if (kernelModules && settings.value('wsl2', 'kernelModules') && !settings.value('wsl2', 'kernel')) {
    findings.push({
      code: 'kernel-modules-without-kernel',
      severity: 'warning',
      message:
        'Customised kernel modules were supplied without specifying a customised kernel. Please see https://aka.ms/wslcustomkernel for more information.',
      span: kernelModules.keySpan,
    });
  }
  const virtio9p = settings.entry('wsl2', 'virtio9p');
  if (virtio9p && settings.value('wsl2', 'virtio9p') === true) {
    findings.push({
      code: 'virtio9p-disabled',
      severity: 'warning',
      message: 'wsl2.virtio9p is disabled, falling back to 9p with vsock transport.',
      span: virtio9p.valueSpan,
      fixes: [{ fix: 'delete-line', lineSpan: virtio9p.span }],
    });
  }
  const safeMode = settings.entry('wsl2', 'safeMode');
  if (safeMode && settings.value('wsl2', 'safeMode') === true) {
    const overridden = SAFE_MODE_OVERRIDES.filter(
      (name) => settings.entry('wsl2', name) || settings.entry('experimental', name),
    );
    findings.push({
      code: 'safe-mode',
      severity: 'warning',
      message: `SAFE MODE ENABLED - many features will be disabled. Safe mode turns off networking, GPU, GUI apps, drive mounting, swap and custom kernels${overridden.length ? `, so these settings are ignored: ${overridden.join(', ')}` : ''}.`,
      span: safeMode.valueSpan,
    });
  }
  const swapFile = settings.entry('wsl2', 'swapFile');
  if (swapFile && settings.value('wsl2', 'swap') === 0n) {
    findings.push({
      code: 'swapfile-unused',
      severity: 'information',
      message: "'swapFile' is not used: swap=0 turns swap off.",
      span: swapFile.keySpan,
      unnecessary: true,
    });
  }
  return findings;
}
