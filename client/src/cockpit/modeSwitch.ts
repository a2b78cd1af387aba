// "Apply Networking Mode": the choices, the keys whose meaning changes with the mode (truth §5),
// and the resulting minimal edit of `.wslconfig` (core/configEdits.ts). Related keys are only
// ever changed when the user agreed to it.
import { analyze } from '../../../server/src/core/analyzer';
import { applyTextEdits, commentOutKey, setKey, type ConfigTextEdit, type LineEnding } from '../../../server/src/core/configEdits';
import type { Localize } from './l10n';
import { modeLabel } from './status';
import type { ConfigMode } from './wslConfigFile';

export interface ModeChoice {
  readonly mode: ConfigMode;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  /** Shown before applying (bridged, none, consomme). */
  readonly warning?: string;
}

export const CONFIG_MODES: readonly ConfigMode[] = ['nat', 'mirrored', 'bridged', 'none', 'consomme'];

export function parseConfigMode(input: unknown): ConfigMode | undefined {
  if (typeof input !== 'string') return undefined;
  const lower = input.trim().toLowerCase();
  if (lower === 'virtioproxy') return 'consomme';
  return (CONFIG_MODES as readonly string[]).includes(lower) ? (lower as ConfigMode) : undefined;
}

export function modeChoices(t: Localize): ModeChoice[] {
  return [
    {
      mode: 'nat',
      label: 'NAT',
      description: t('the default'),
      detail: t('WSL gets a private address behind NAT. Windows reaches Linux servers as localhost; the LAN needs a portproxy rule per port.'),
    },
    {
      mode: 'mirrored',
      label: 'Mirrored',
      description: t('recommended on Windows 11 22H2+'),
      detail: t('Linux shares the Windows network interfaces: localhost both ways, IPv6, LAN access through Hyper-V firewall rules. Falls back to NAT on Windows 10.'),
    },
    {
      mode: 'bridged',
      label: 'Bridged',
      description: t('deprecated'),
      detail: t('⚠ Deprecated since WSL 2.4.5. Needs wsl2.vmSwitch set to an external Hyper-V switch; without it WSL starts with NO network.'),
      warning: t('Bridged mode is deprecated and needs wsl2.vmSwitch (the exact name of an external Hyper-V switch). Without it WSL starts with no network at all.'),
    },
    {
      mode: 'none',
      label: 'None',
      description: t('no network'),
      detail: t('⚠ WSL gets no network connection at all. VS Code windows connected to WSL keep working only through the WSL channel.'),
      warning: t('With networkingMode=none, Linux has no network at all (no internet, no localhost to Windows).'),
    },
    {
      mode: 'consomme',
      label: 'Consomme',
      description: t('user-mode networking (was VirtioProxy)'),
      detail: t('⚠ Newer WSL only (2.9+ name; VirtioProxy before). Needs virtio=true, otherwise WSL falls back to NAT.'),
      warning: t('Consomme is new (called VirtioProxy before WSL 2.9) and needs virtio=true; older WSL versions reject the value and keep NAT.'),
    },
  ];
}

/** A change of another key that the mode switch makes sensible; applied only when accepted. */
export interface RelatedFix {
  readonly id: string;
  readonly section: string;
  readonly key: string;
  readonly action: 'comment-out' | 'set';
  readonly value?: string;
  readonly label: string;
  readonly reason: string;
}

export function relatedFixes(text: string, target: ConfigMode, t: Localize): RelatedFix[] {
  const settings = analyze(text, 'wslconfig').settings;
  const fixes: RelatedFix[] = [];
  if (target !== 'mirrored') {
    for (const key of ['hostAddressLoopback', 'ignoredPorts']) {
      const entry = settings.entry('experimental', key);
      if (!entry) continue;
      fixes.push({
        id: `comment:${key}`,
        section: 'experimental',
        key,
        action: 'comment-out',
        label: t('Comment out {0}', `${entry.fullName}=${entry.rawValue}`),
        reason: t('{0} only works in mirrored mode; WSL silently clears it in {1} mode.', key, modeLabel(target)),
      });
    }
  }
  if (target === 'mirrored') {
    const entry = settings.entry('wsl2', 'localhostForwarding');
    if (entry) {
      fixes.push({
        id: 'comment:localhostForwarding',
        section: 'wsl2',
        key: 'localhostForwarding',
        action: 'comment-out',
        label: t('Comment out {0}', `${entry.fullName}=${entry.rawValue}`),
        reason: t('localhostForwarding is ignored in mirrored mode, and WSL prints a warning about it at every start.'),
      });
    }
  }
  if (target === 'consomme' && settings.value('wsl2', 'virtio') === false) {
    fixes.push({
      id: 'set:virtio',
      section: 'wsl2',
      key: 'virtio',
      action: 'set',
      value: 'true',
      label: t('Set virtio=true'),
      reason: t('Consomme needs virtio; with virtio=false WSL falls back to NAT.'),
    });
  }
  return fixes;
}

/** Notes about the target mode that need no edit (shown, not applied). */
export function modeNotes(text: string, target: ConfigMode, t: Localize): string[] {
  const settings = analyze(text, 'wslconfig').settings;
  const notes: string[] = [];
  if (target === 'bridged' && !settings.value('wsl2', 'vmSwitch')) {
    notes.push(t('wsl2.vmSwitch is not set: add vmSwitch=<name of your external Hyper-V switch> under [wsl2], or WSL starts with no network.'));
  }
  if (target === 'mirrored' && settings.value('wsl2', 'firewall') === false) {
    notes.push(t('firewall=false has no effect in mirrored mode: the Hyper-V firewall is always on there.'));
  }
  return notes;
}

/**
 * The new text: networkingMode set (first occurrence, alias included), then each accepted fix.
 * Applied one after another so edits at the same place cannot collide.
 */
export function applyModeChange(text: string, target: ConfigMode, accepted: readonly RelatedFix[], t: Localize, defaultEol: LineEnding = '\n'): string {
  let result = applyTextEdits(text, setKey(text, 'wslconfig', 'wsl2', 'networkingMode', target, { defaultEol }));
  for (const fix of accepted) {
    const edits: ConfigTextEdit[] =
      fix.action === 'set'
        ? setKey(result, 'wslconfig', fix.section, fix.key, fix.value ?? '', { defaultEol })
        : commentOutKey(
            result,
            'wslconfig',
            fix.section,
            fix.key,
            fix.key === 'localhostForwarding'
              ? t('ignored in mirrored mode (commented out by WSL Network)')
              : t('only applies in mirrored mode (commented out by WSL Network)'),
          );
    result = applyTextEdits(result, edits);
  }
  return result;
}

/** One replacement covering exactly the region where `before` and `after` differ (for WorkspaceEdit). */
export function minimalReplacement(before: string, after: string): ConfigTextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
