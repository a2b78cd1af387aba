/**
 * The status bar item's content as a pure function of the facts: the effective mode (what
 * `wslinfo --networking-mode` says) next to the configured one (what `.wslconfig` asks for),
 * whether a restart is needed, and an honest tooltip that says what is known and what is not.
 */
import { modeLabel, type EffectiveMode, type NetworkingMode } from '../../../server/src/core';
import { COMMAND_IDS, FOCUS_PORTS_VIEW } from '../commands/ids';
import type { WslVersionInfo } from '../host/hostTypes';
import { code, md, type Localize } from './l10n';
import { configChangedSinceStart, type ConfigChange, type VmStartWindow } from './vmClock';
import type { ConfigSummary } from './wslConfigFile';

export interface StatusInput {
  readonly demo: boolean;
  readonly available: boolean;
  readonly unavailableReason?: string;
  readonly distro?: string;
  /** The inspected distro is running (facts below are live). */
  readonly running: boolean;
  readonly effectiveMode?: EffectiveMode;
  readonly effectiveModeError?: string;
  readonly config: {
    readonly path?: string;
    readonly pathNote?: string;
    readonly exists: boolean;
    readonly mtimeMs?: number;
    readonly readError?: string;
    readonly summary: ConfigSummary;
  };
  readonly vmStart?: VmStartWindow;
  readonly version?: WslVersionInfo;
  readonly now: number;
  readonly formatTime?: (ms: number) => string;
  /** WSL's own start-up warnings (Application event log, source "WSL"), newest first, when read. */
  readonly wslWarnings?: readonly StatusWslWarning[];
}

/** One warning WSL wrote to the event log (host/connectivity WslWarningEvent, without the import). */
export interface StatusWslWarning {
  readonly time: string | undefined;
  readonly message: string;
  readonly kind: string;
}

/** Events older than this before the VM's start belong to an earlier start. */
const WARNING_START_SLACK_MS = 2 * 60_000;

/**
 * The warning in which WSL itself said why it fell back to another networking mode at this
 * start (WSL writes its start-up warnings to the Windows Application event log under source
 * "WSL"), or undefined when none is known for the current start.
 */
export function exactFallbackWarning(
  warnings: readonly StatusWslWarning[] | undefined,
  vmStart: VmStartWindow | undefined,
): StatusWslWarning | undefined {
  return (warnings ?? []).find((w) => {
    if (w.kind !== 'mirroredFallback' && w.kind !== 'networkFallback') return false;
    if (vmStart === undefined) return false;
    const at = w.time !== undefined ? Date.parse(w.time) : NaN;
    return Number.isFinite(at) && at >= vmStart.notBefore - WARNING_START_SLACK_MS;
  });
}

export type StatusSeverity = 'ok' | 'warning' | 'unavailable';

export interface StatusView {
  readonly text: string;
  readonly severity: StatusSeverity;
  readonly restartNeeded: boolean;
  /** WSL runs another mode than configured although the file did not change: a runtime fallback. */
  readonly fallback: boolean;
  readonly configChange: ConfigChange;
  /** Trusted Markdown with command links. */
  readonly tooltip: string;
  /** Screen reader text. */
  readonly accessibility: string;
}

/** The commands the status bar's tooltip links to (ids from the one table, commands/ids.ts). */
export const STATUS_COMMANDS = {
  applyMode: COMMAND_IDS.applyNetworkingMode,
  restart: COMMAND_IDS.restartWsl,
  openConfig: COMMAND_IDS.openWslConfig,
  showPorts: FOCUS_PORTS_VIEW,
  diagnose: COMMAND_IDS.diagnosePort,
  output: COMMAND_IDS.showOutput,
  menu: COMMAND_IDS.showStatusMenu,
} as const;

function links(t: Localize, extra: string[] = []): string {
  return [
    `[${t('Switch mode…')}](command:${STATUS_COMMANDS.applyMode})`,
    `[${t('Restart WSL')}](command:${STATUS_COMMANDS.restart})`,
    `[${t('Open .wslconfig')}](command:${STATUS_COMMANDS.openConfig})`,
    `[${t('Show ports')}](command:${STATUS_COMMANDS.showPorts})`,
    ...extra,
  ].join(' · ');
}

export function computeStatus(input: StatusInput, t: Localize): StatusView {
  const time = input.formatTime ?? ((ms: number) => new Date(ms).toLocaleTimeString());
  const demo = input.demo ? ` ${t('(demo)')}` : '';
  const demoNote = input.demo
    ? `\n\n${t('**Demo mode**: wsl.exe, netsh.exe and powershell.exe are stand-ins with simulated output; nothing on a real Windows machine is read or changed.')}`
    : '';

  if (!input.available) {
    return {
      text: `$(circle-slash) ${t('WSL: unavailable')}${demo}`,
      severity: 'unavailable',
      restartNeeded: false,
      fallback: false,
      configChange: 'unknown',
      tooltip: `**${t('WSL Network')}**: ${t('WSL is not available here.')}\n\n${md(input.unavailableReason ?? t('Unknown reason.'))}${demoNote}\n\n[${t('Show output')}](command:${STATUS_COMMANDS.output})`,
      accessibility: t('WSL unavailable: {0}', input.unavailableReason ?? ''),
    };
  }

  const configured = input.config.summary.mode;
  const configuredText = input.config.summary.modeExplicit
    ? t('{0} (networkingMode={1} in .wslconfig)', modeLabel(configured), configured)
    : input.config.exists
      ? t('{0} (the default: .wslconfig does not set networkingMode)', modeLabel(configured))
      : t('{0} (the default: there is no .wslconfig)', modeLabel(configured));
  const lines: string[] = [];
  const fileLine = input.config.path
    ? input.config.exists
      ? t(
          '.wslconfig: {0}, last changed {1}',
          code(input.config.path),
          input.config.mtimeMs !== undefined ? time(input.config.mtimeMs) : t('unknown'),
        )
      : t('.wslconfig: {0} does not exist', code(input.config.path))
    : t('.wslconfig: location unknown ({0})', md(input.config.pathNote ?? t('no path')));
  if (input.config.readError) lines.push(t('⚠ .wslconfig could not be read: {0}', md(input.config.readError)));

  if (!input.running || input.effectiveMode === undefined) {
    const why = !input.running
      ? t(
          '{0} is not running, so its effective mode was not read (this extension does not start WSL just to look).',
          md(input.distro ?? 'WSL'),
        )
      : t('The effective mode could not be read: {0}', md(input.effectiveModeError ?? t('unknown error')));
    const text = !input.running
      ? `$(vm-outline) ${t('WSL: {0} (stopped)', modeLabel(configured))}${demo}`
      : `$(vm) ${t('WSL: {0}', modeLabel(configured))}${demo}`;
    const tooltip = [
      `**${t('WSL networking')}**${input.distro ? ` · ${md(input.distro)}` : ''}`,
      `${t('Configured')}: ${configuredText}`,
      why,
      !input.running ? t('WSL reads .wslconfig when it starts, so the next start uses the configured mode.') : '',
      fileLine,
      ...lines,
    ]
      .filter((line) => line !== '')
      .join('\n\n');
    return {
      text,
      severity: 'ok',
      restartNeeded: false,
      fallback: false,
      configChange: 'unknown',
      tooltip: `${tooltip}${demoNote}\n\n${links(t)}`,
      accessibility: t('WSL networking: {0}, not running', modeLabel(configured)),
    };
  }

  const effective = input.effectiveMode;
  const change = configChangedSinceStart(input.config.mtimeMs, input.vmStart);
  const comparable = effective !== 'wsl1';
  const mismatch = comparable && effective !== configured;
  const startLine = vmStartText(input.vmStart, time, t);

  let text: string;
  let severity: StatusSeverity = 'ok';
  let restartNeeded = false;
  let fallback = false;
  const explain: string[] = [];
  if (!comparable) {
    text = `$(vm-running) ${t('WSL: {0}', modeLabel(effective))}${demo}`;
    explain.push(
      t(
        '{0} is a WSL 1 distro: it shares the Windows network stack, and networkingMode does not apply to it.',
        md(input.distro ?? ''),
      ),
    );
  } else if (mismatch && change === 'no') {
    fallback = true;
    severity = 'warning';
    text = `$(warning) ${t('WSL: {0} (fallback)', modeLabel(effective))}${demo}`;
    explain.push(
      t(
        'WSL runs in {0} mode although .wslconfig asks for {1} and has not changed since WSL started: WSL fell back at start-up.',
        modeLabel(effective),
        modeLabel(configured),
      ),
    );
    const exact = exactFallbackWarning(input.wslWarnings, input.vmStart);
    if (exact) explain.push(t("WSL's own warning at this start (event log): {0}", md(exact.message)));
    else
      explain.push(
        ...fallbackReasons(configured, effective, input.config.summary, input.version, t).map(
          (reason) => `- ${reason}`,
        ),
      );
  } else if (mismatch) {
    restartNeeded = true;
    severity = 'warning';
    text = `$(warning) ${t('WSL: {0} · restart needed', modeLabel(effective))}${demo}`;
    if (change === 'yes') {
      explain.push(
        t(
          '.wslconfig asks for {0}, but WSL still runs in {1}: the file changed after WSL started, and WSL reads it only at start. Restart WSL to apply it.',
          modeLabel(configured),
          modeLabel(effective),
        ),
      );
    } else {
      explain.push(
        t(
          '.wslconfig asks for {0}, but WSL runs in {1}. Either the file changed after WSL started (restart WSL to apply it), or WSL fell back at start-up:',
          modeLabel(configured),
          modeLabel(effective),
        ),
      );
      explain.push(
        ...fallbackReasons(configured, effective, input.config.summary, input.version, t).map(
          (reason) => `- ${reason}`,
        ),
      );
    }
  } else if (change === 'yes') {
    restartNeeded = true;
    severity = 'warning';
    text = `$(warning) ${t('WSL: {0} · restart needed', modeLabel(effective))}${demo}`;
    explain.push(
      t(
        'The networking mode matches, but .wslconfig changed after WSL started; other settings in it apply only after a restart.',
      ),
    );
  } else {
    text = `$(vm-running) ${t('WSL: {0}', modeLabel(effective))}${demo}`;
    if (change === 'unknown' && input.config.exists) {
      explain.push(
        t(
          'Whether .wslconfig changed since WSL started is unknown ({0}); if you edited it, restart WSL to apply it.',
          startLine,
        ),
      );
    }
  }

  const tooltip = [
    `**${t('WSL networking')}**${input.distro ? ` · ${md(input.distro)}` : ''}`,
    `${t('Effective (wslinfo --networking-mode)')}: **${modeLabel(effective)}**`,
    `${t('Configured')}: ${configuredText}`,
    explain.join('\n'),
    fileLine,
    startLine,
    ...lines,
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  return {
    text,
    severity,
    restartNeeded,
    fallback,
    configChange: change,
    tooltip: `${tooltip}${demoNote}\n\n${links(t)}`,
    accessibility: restartNeeded
      ? t('WSL networking: {0}, restart needed', modeLabel(effective))
      : fallback
        ? t('WSL networking: {0}, fell back from {1}', modeLabel(effective), modeLabel(configured))
        : t('WSL networking: {0}', modeLabel(effective)),
  };
}

function vmStartText(window: VmStartWindow | undefined, time: (ms: number) => string, t: Localize): string {
  if (!window) return t('WSL start time: unknown.');
  switch (window.source) {
    case 'uptime':
      return t('WSL started at {0} (from the VM uptime).', time((window.notBefore + window.notAfter) / 2));
    case 'our-restart':
      return t('WSL started after this window restarted it at {0}.', time(window.notBefore));
    case 'observed-start':
      return t(
        'WSL started between {0} and {1} (seen stopped, then running).',
        time(window.notBefore),
        time(window.notAfter),
      );
    case 'first-seen':
      return t(
        'WSL was already running when this window first looked at {0}; its start time is unknown.',
        time(window.notAfter),
      );
  }
}

interface WindowsBuild {
  readonly major: number;
  readonly build: number;
  readonly ubr: number;
}

export function parseWindowsBuild(version: string | undefined): WindowsBuild | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?/.exec(version?.trim() ?? '');
  if (!match) return undefined;
  return { major: Number(match[1]), build: Number(match[3]), ubr: match[4] === undefined ? 0 : Number(match[4]) };
}

function kernelAtLeast(kernel: string | undefined, major: number, minor: number): boolean | undefined {
  const match = /^(\d+)\.(\d+)/.exec(kernel?.trim() ?? '');
  if (!match) return undefined;
  const [maj, min] = [Number(match[1]), Number(match[2])];
  return maj > major || (maj === major && min >= minor);
}

/**
 * Known reasons why WSL starts in another mode than configured (src/windows/common/WslCoreConfig.cpp `Initialize`,
 * src/windows/service/exe/WslCoreVm.cpp `ValidateNetworkingMode`; policies: HKLM\Software\Policies\WSL). Facts we
 * have (Windows build, kernel, virtio, vmSwitch) are checked; the rest is listed as possible.
 */
export function fallbackReasons(
  configured: NetworkingMode,
  effective: EffectiveMode,
  summary: ConfigSummary,
  version: WslVersionInfo | undefined,
  t: Localize,
): string[] {
  const reasons: string[] = [];
  const build = parseWindowsBuild(version?.windowsVersion);
  if (configured === 'mirrored') {
    if (build && build.build < 22000) {
      reasons.push(
        t(
          'This is Windows 10 (build {0}): mirrored mode is not supported there and always falls back to NAT.',
          build.build,
        ),
      );
    } else if (build && (build.build < 22621 || (build.build === 22621 && build.ubr < 2428))) {
      reasons.push(
        t(
          'Windows build {0}.{1} is too old: mirrored mode needs Windows 11 22H2 build 22621.2428 or later.',
          build.build,
          build.ubr,
        ),
      );
    } else if (build) {
      reasons.push(t('Windows build {0}.{1} supports mirrored mode.', build.build, build.ubr));
    } else {
      reasons.push(
        t('Mirrored mode needs Windows 11 22H2 build 22621.2428 or later (the Windows version is unknown).'),
      );
    }
    const kernelOk = kernelAtLeast(version?.kernelVersion, 5, 10);
    if (kernelOk === false)
      reasons.push(
        t('The WSL kernel {0} is older than 5.10, which mirrored mode needs.', md(version?.kernelVersion ?? '')),
      );
    else if (kernelOk === undefined)
      reasons.push(t('Mirrored mode needs a 5.10+ kernel with seccomp (the kernel version is unknown).'));
    reasons.push(
      t(
        'Mirrored mode also falls back when IPv6 is disabled on Windows (registry DisabledComponents=0xFF) or HNS flow steering is unavailable.',
      ),
    );
  } else if (configured === 'consomme') {
    if (summary.virtio === false)
      reasons.push(t('Consomme needs virtio=true, but .wslconfig sets virtio=false: WSL falls back to NAT.'));
    else
      reasons.push(
        t('Consomme needs virtio (on by default, except on ARM64 Windows 10); without it WSL falls back to NAT.'),
      );
  } else if (configured === 'bridged') {
    if (summary.vmSwitch === undefined)
      reasons.push(
        t(
          'Bridged mode needs wsl2.vmSwitch (the exact, case-sensitive Hyper-V switch name); without it WSL starts with no network.',
        ),
      );
    else
      reasons.push(
        t(
          'Bridged mode fails when no Hyper-V switch is named exactly "{0}" (case-sensitive); WSL then starts with no network.',
          md(summary.vmSwitch),
        ),
      );
  } else if (configured === 'nat' && effective === 'consomme') {
    reasons.push(
      t('Since WSL 2.3.25, WSL falls back to Consomme (VirtioProxy) when the NAT network cannot be created.'),
    );
  }
  reasons.push(
    t(
      'A computer policy can force the networking mode ("The .wslconfig setting … is disabled by the computer policy").',
    ),
  );
  reasons.push(
    t(
      'WSL prints the exact reason as a warning when it starts: run {0} in a terminal after {1}.',
      code('wsl.exe'),
      code('wsl --shutdown'),
    ),
  );
  return reasons;
}
