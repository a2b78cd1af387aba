/**
 * The one home of WSL's networking mode: the names, the display labels, the legacy `VirtioProxy`
 * spelling, and which `.wslconfig` keys each mode ignores or needs. The per-key facts come from the
 * catalogue (`schemas/wslconfig.json`, each key's `modes` and the `networkingMode` enum's `aliasOf`);
 * the mode list follows `wslinfo --networking-mode` (src/linux/init/wslinfo.cpp) and
 * `NetworkingMode` in src/windows/common/WslCoreConfig.h.
 */
import wslconfigData from '../../../schemas/wslconfig.json';

/** A networking mode `.wslconfig` can ask for, spelled as `wslinfo --networking-mode` prints it. */
export type NetworkingMode = 'nat' | 'mirrored' | 'bridged' | 'none' | 'consomme';

/** The mode a running distro reports: `wsl1` inside WSL 1 distros, which share the Windows network stack. */
export type EffectiveMode = NetworkingMode | 'wsl1';

/** The configurable modes, in the order the cockpit offers them. */
export const NETWORKING_MODES: readonly NetworkingMode[] = ['nat', 'mirrored', 'bridged', 'none', 'consomme'];

/** Display labels (status bar, quick picks, titles). */
export const MODE_LABELS: Readonly<Record<EffectiveMode, string>> = {
  nat: 'NAT',
  mirrored: 'Mirrored',
  bridged: 'Bridged',
  none: 'None',
  consomme: 'Consomme',
  wsl1: 'WSL1',
};

export function modeLabel(mode: EffectiveMode): string {
  return MODE_LABELS[mode] ?? mode;
}

/** How a mode reads inside a sentence ("only applies in mirrored mode"): acronyms and names keep their case. */
export function modeInSentence(mode: EffectiveMode): string {
  return mode === 'nat' || mode === 'consomme' || mode === 'wsl1' ? MODE_LABELS[mode] : mode;
}

interface CatalogueKey {
  readonly name: string;
  readonly section: string;
  readonly modes?: readonly string[];
  readonly values?: readonly { readonly name: string; readonly aliasOf?: string }[];
}

const KEYS = (wslconfigData as { keys: CatalogueKey[] }).keys;

/** Legacy spellings of a mode, lowercase, from the catalogue's `aliasOf` (VirtioProxy -> Consomme). */
const ALIASES: ReadonlyMap<string, NetworkingMode> = new Map(
  (KEYS.find((key) => key.section === 'wsl2' && key.name === 'networkingMode')?.values ?? [])
    .filter((value) => value.aliasOf !== undefined)
    .map((value) => [value.name.toLowerCase(), (value.aliasOf as string).toLowerCase() as NetworkingMode]),
);

/** A mode name as `.wslconfig` or a caller spells it (any case, legacy aliases accepted); undefined if unknown. */
export function parseModeName(input: unknown): NetworkingMode | undefined {
  if (typeof input !== 'string') return undefined;
  const word = input.trim().toLowerCase();
  const alias = ALIASES.get(word);
  if (alias) return alias;
  return (NETWORKING_MODES as readonly string[]).includes(word) ? (word as NetworkingMode) : undefined;
}

/** What `wslinfo --networking-mode` printed (one word, maybe with CR/LF), including `wsl1`. */
export function parseEffectiveModeName(input: string): EffectiveMode | undefined {
  const word = input.replace(/\r/g, '').trim().toLowerCase();
  return word === 'wsl1' ? 'wsl1' : parseModeName(word);
}

/** A `.wslconfig` key that only has an effect in some modes. */
export interface ModeDependentKey {
  readonly section: string;
  readonly name: string;
  /** The modes in which WSL reads it. */
  readonly modes: readonly NetworkingMode[];
}

/** Every key the catalogue marks with `modes`, in catalogue order. */
export const MODE_DEPENDENT_KEYS: readonly ModeDependentKey[] = KEYS.filter((key) => key.modes !== undefined).map(
  (key) => ({
    section: key.section,
    name: key.name,
    modes: key.modes as NetworkingMode[],
  }),
);

/** The keys that do nothing in `mode` (the server warns about them; Apply Networking Mode offers to comment them out). */
export function keysWithoutEffect(mode: NetworkingMode): ModeDependentKey[] {
  return MODE_DEPENDENT_KEYS.filter((key) => !key.modes.includes(mode));
}

/**
 * What a mode needs from other keys, or WSL falls back (WslCoreConfig.cpp `Initialize`):
 * bridged needs `wsl2.vmSwitch` set, or WSL starts with no network; Consomme needs virtio, or WSL
 * falls back to NAT.
 */
export const MODE_NEEDS: Readonly<
  Partial<Record<NetworkingMode, { readonly section: string; readonly name: string; readonly needs: 'set' | 'true' }>>
> = {
  bridged: { section: 'wsl2', name: 'vmSwitch', needs: 'set' },
  consomme: { section: 'wsl2', name: 'virtio', needs: 'true' },
};
