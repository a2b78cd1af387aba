/**
 * The settings WSL ends up with after reading a file: the first occurrence of each key wins (aliases
 * included), and a key whose value WSL rejected keeps its default.
 */
import type { CatalogueIndex, KeyEntry } from './catalogue';
import { parseModeName, type NetworkingMode } from './networkingMode';
import type { Entry } from './parser';
import type { TypedValue } from './valueRules';

export interface ResolvedSetting {
  key: KeyEntry;
  entry: Entry;
  /** The parsed value; undefined when WSL rejected it and kept the default. */
  value: TypedValue;
}

export class ResolvedSettings {
  private readonly settings = new Map<KeyEntry, ResolvedSetting>();

  constructor(private readonly index: CatalogueIndex) {}

  /** Records the first occurrence of a key. Returns false when the key was already set (a duplicate). */
  claim(key: KeyEntry, entry: Entry): boolean {
    if (this.settings.has(key)) return false;
    this.settings.set(key, { key, entry, value: undefined });
    return true;
  }

  setValue(key: KeyEntry, value: TypedValue): void {
    const setting = this.settings.get(key);
    if (setting) setting.value = value;
  }

  firstEntry(key: KeyEntry): Entry | undefined {
    return this.settings.get(key)?.entry;
  }

  /** The entry that set `section.name` (any accepted spelling), if the file sets it. */
  entry(section: string, name: string): Entry | undefined {
    const key = this.index.lookup(section, name);
    return key ? this.settings.get(key)?.entry : undefined;
  }

  value(section: string, name: string): TypedValue {
    const key = this.index.lookup(section, name);
    return key ? this.settings.get(key)?.value : undefined;
  }

  all(): ResolvedSetting[] {
    return [...this.settings.values()];
  }

  /** The networking mode the file asks for (NAT when unset or invalid), before runtime fallbacks. */
  get networkingMode(): NetworkingMode {
    const value = this.value('wsl2', 'networkingMode');
    return (typeof value === 'string' ? parseModeName(value) : undefined) ?? 'nat';
  }

  /** Whether DNS tunneling ends up on: default true, forced off in none and bridged modes. */
  get dnsTunneling(): boolean {
    const mode = this.networkingMode;
    if (mode === 'none' || mode === 'bridged') return false;
    return this.value('wsl2', 'dnsTunneling') !== false;
  }
}
