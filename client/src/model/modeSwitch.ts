/**
 * "Apply Networking Mode": the choices, the keys whose meaning changes with the mode (read from the
 * catalogue through core/networkingMode.ts, the same facts behind the server's mode-no-effect
 * warnings), and the resulting minimal edit of `.wslconfig` (core/configEdits.ts). Related keys
 * are only ever changed when the user agreed to it.
 */
import {
  analyze,
  applyTextEdits,
  commentOutKey,
  keysWithoutEffect,
  MODE_LABELS,
  MODE_NEEDS,
  modeInSentence,
  modeLabel,
  NETWORKING_MODES,
  parseModeName,
  setKey,
  type ConfigTextEdit,
  type LineEnding,
  type NetworkingMode,
} from '../../../server/src/core';
import type { Localize } from './l10n';

export interface ModeChoice {
  readonly mode: NetworkingMode;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  /** Shown before applying (bridged, none, consomme). */
  readonly warning?: string;
}

/** A mode name typed or passed by a caller (any case; VirtioProxy is Consomme). */
export function parseConfigMode(input: unknown): NetworkingMode | undefined {
  return parseModeName(input);
}

/** The modes with their explanations, in NETWORKING_MODES order. */
export function modeChoices(t: Localize): ModeChoice[] {
  const texts: Record<NetworkingMode, Omit<ModeChoice, 'mode' | 'label'>> = {
    nat: {
      description: t('the default'),
      detail: t(
        'WSL gets a private address behind NAT. Windows reaches Linux servers as localhost; the LAN needs a portproxy rule per port.',
      ),
    },
    mirrored: {
      description: t('recommended on Windows 11 22H2+'),
      detail: t(
        'Linux shares the Windows network interfaces: localhost both ways, IPv6, LAN access through Hyper-V firewall rules. Falls back to NAT on Windows 10.',
      ),
    },
    bridged: {
      description: t('deprecated'),
      detail: t(
        '⚠ Deprecated since WSL 2.4.5. Needs wsl2.vmSwitch set to an external Hyper-V switch; without it WSL starts with NO network.',
      ),
      warning: t(
        'Bridged mode is deprecated and needs wsl2.vmSwitch (the exact name of an external Hyper-V switch). Without it WSL starts with no network at all.',
      ),
    },
    none: {
      description: t('no network'),
      detail: t(
        '⚠ WSL gets no network connection at all. VS Code windows connected to WSL keep working only through the WSL channel.',
      ),
      warning: t('With networkingMode=none, Linux has no network at all (no internet, no localhost to Windows).'),
    },
    consomme: {
      description: t('user-mode networking (was VirtioProxy)'),
      detail: t(
        '⚠ Newer WSL only (2.9+ name; VirtioProxy before). Needs virtio=true, otherwise WSL falls back to NAT.',
      ),
      warning: t(
        'Consomme is new (called VirtioProxy before WSL 2.9) and needs virtio=true; older WSL versions reject the value and keep NAT.',
      ),
    },
  };
  return NETWORKING_MODES.map((mode) => ({ mode, label: MODE_LABELS[mode], ...texts[mode] }));
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
  /** The note written after a commented-out line. */
  readonly note?: string;
}

/**
 * The clean-ups offered with a switch to `target`, in file order: every key the file sets that does
 * nothing in `target` (the catalogue's `modes`, the same list behind the server's mode-no-effect
 * warnings), then what `target` needs from other keys (MODE_NEEDS) when a fix is one value.
 */
export function relatedFixes(text: string, target: NetworkingMode, t: Localize): RelatedFix[] {
  const settings = analyze(text, 'wslconfig').settings;
  const fixes: { at: number; fix: RelatedFix }[] = [];
  for (const key of keysWithoutEffect(target)) {
    const entry = settings.entry(key.section, key.name);
    if (!entry) continue;
    const applies = key.modes.map(modeInSentence).join(' or ');
    const ignoredWithWarning = key.name === 'localhostForwarding' && target === 'mirrored';
    fixes.push({
      at: entry.span.start,
      fix: {
        id: `comment:${key.name}`,
        section: key.section,
        key: key.name,
        action: 'comment-out',
        label: t('Comment out {0}', `${entry.fullName}=${entry.rawValue}`),
        // WSL warns about localhostForwarding in mirrored mode at every start
        // (src/windows/common/WslCoreConfig.cpp); every other mode-dependent key is dropped silently.
        reason: ignoredWithWarning
          ? t('localhostForwarding is ignored in mirrored mode, and WSL prints a warning about it at every start.')
          : t('{0} only works in {1} mode; WSL silently ignores it in {2} mode.', key.name, applies, modeLabel(target)),
        note: ignoredWithWarning
          ? t('ignored in mirrored mode (commented out by WSL Network)')
          : t('only applies in {0} mode (commented out by WSL Network)', applies),
      },
    });
  }
  const needs = MODE_NEEDS[target];
  if (needs?.needs === 'true' && settings.value(needs.section, needs.name) === false) {
    fixes.push({
      at: Number.MAX_SAFE_INTEGER,
      fix: {
        id: `set:${needs.name}`,
        section: needs.section,
        key: needs.name,
        action: 'set',
        value: 'true',
        label: t('Set {0}=true', needs.name),
        reason: t('{0} needs {1}; with {1}=false WSL falls back to NAT.', MODE_LABELS[target], needs.name),
      },
    });
  }
  return fixes.sort((a, b) => a.at - b.at).map((item) => item.fix);
}

/** Notes about the target mode that need no edit (shown, not applied). */
export function modeNotes(text: string, target: NetworkingMode, t: Localize): string[] {
  const settings = analyze(text, 'wslconfig').settings;
  const notes: string[] = [];
  const needs = MODE_NEEDS[target];
  if (needs?.needs === 'set' && !settings.value(needs.section, needs.name)) {
    notes.push(
      t(
        'wsl2.vmSwitch is not set: add vmSwitch=<name of your external Hyper-V switch> under [wsl2], or WSL starts with no network.',
      ),
    );
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
export function applyModeChange(
  text: string,
  target: NetworkingMode,
  accepted: readonly RelatedFix[],
  defaultEol: LineEnding = '\n',
): string {
  let result = applyTextEdits(text, setKey(text, 'wslconfig', 'wsl2', 'networkingMode', target, { defaultEol }));
  for (const fix of accepted) {
    const edits: ConfigTextEdit[] =
      fix.action === 'set'
        ? setKey(result, 'wslconfig', fix.section, fix.key, fix.value ?? '', { defaultEol })
        : commentOutKey(result, 'wslconfig', fix.section, fix.key, fix.note);
    result = applyTextEdits(result, edits);
  }
  return result;
}
