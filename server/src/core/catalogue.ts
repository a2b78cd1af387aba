/**
 * The key catalogue: every section and key WSL reads from `.wslconfig`, `/etc/wsl.conf` and
 * `/etc/wsl-distribution.conf`. The data lives in `schemas/*.json` (one file per config file kind);
 * this module only types it and indexes it for case-insensitive lookup, the way WSL matches keys.
 */
import wslconfigData from '../../../schemas/wslconfig.json';
import wslConfData from '../../../schemas/wsl.conf.json';
import wslDistributionData from '../../../schemas/wsl-distribution.conf.json';
import type { NetworkingMode } from './networkingMode';

/** The three configuration files WSL reads, which differ in parser flags and key sets. */
export type FileKind = 'wslconfig' | 'wslconf' | 'wsldistribution';

/**
 * How a value is checked: `bool` (ParseBool), `int` and `ms` (strtol base 0), `mem` (ParseMemorySize),
 * `enum`, `ipv4` (inet_pton), `mac`, `portList` (comma-separated ports, std::stoi each),
 * `path` and `string` (stored as lexed).
 */
export type ValueType = 'bool' | 'int' | 'ms' | 'mem' | 'enum' | 'ipv4' | 'mac' | 'portList' | 'path' | 'string';

export interface EnumValue {
  /** Canonical spelling, as the WSL Settings app writes it. */
  name: string;
  /** Set when this spelling is a legacy alias of another value (VirtioProxy -> Consomme). */
  aliasOf?: string;
  /** One-paragraph markdown explanation of what the value does. */
  description: string;
  /** Set when the docs call the value deprecated; says since when. */
  deprecated?: string;
  /** Markdown shown on hover after the description: links, known issues, WSL's runtime messages. */
  notes?: string;
  /**
   * Other casings of this value that the official docs write (`mirrored`, `nat`, `gradual`). WSL
   * matches values case-insensitively, so these get no casing hint.
   */
  docsSpellings?: string[];
}

export interface KeyEntry {
  /** Canonical spelling, e.g. `networkingMode`. Matching is case-insensitive. */
  name: string;
  /** Canonical section, lowercase as WSL documents it, e.g. `wsl2`. */
  section: string;
  /** Other sections where WSL accepts the same setting under the same name (legacy aliases). */
  aliasSections?: string[];
  type: ValueType;
  /** The default in words, e.g. "50% of physical RAM". */
  default: string;
  /** A literal value suitable as a completion placeholder, e.g. `4GB`, `true`, `Mirrored`. */
  example: string;
  /** Members of an `enum`, including legacy aliases. */
  values?: EnumValue[];
  /** Networking modes in which the key has an effect; absent means every mode. */
  modes?: NetworkingMode[];
  /** Version in which the key appeared, e.g. `2.0.0` or `build 18945`. */
  since?: string;
  /** Other version notes: type changes, unreleased state, Windows version requirements. */
  versionNotes?: string;
  /** Whether the official docs page describes the key. */
  documented: boolean;
  /** Markdown description: what the key does and its caveats. */
  description: string;
}

export interface SectionEntry {
  name: string;
  description: string;
}

/** A name that WSL no longer (or never) accepts but that users still write. */
export interface RemovedKey {
  section: string;
  name: string;
  /** Why it is gone, and since when. */
  note: string;
}

/**
 * A name users write for a setting that is spelled differently (`sparse` for `sparseVhd`,
 * `forwardWindowsProxy` for `autoProxy`): a suggestion that beats near spellings, which can name a
 * key of different meaning (`defaultUid` is one edit from nothing useful but three from `default`).
 */
export interface MeaningAlias {
  /** What users write, matched case-insensitively. */
  name: string;
  /** Section of the setting it means. */
  section: string;
  /** The setting it means, in `section`. */
  key: string;
  /**
   * Set when the meaning is one item inside that setting's value rather than the setting itself:
   * `uid` means `uid=<n>` inside `automount.options`.
   */
  option?: string;
  /** The option takes no value (`metadata`), so the item is written without `=`. */
  flag?: boolean;
}

export interface FileCatalogue {
  file: FileKind;
  /** How the file is named to the user, e.g. `.wslconfig`. */
  displayName: string;
  /** Official documentation page for the file. */
  docsUrl: string;
  /** What a change takes to apply, in words. */
  restartNote: string;
  sections: SectionEntry[];
  keys: KeyEntry[];
  removed: RemovedKey[];
  /** Names users write for this file's settings that are not near spellings of them. */
  meaningAliases?: MeaningAlias[];
}

export const catalogues: Record<FileKind, FileCatalogue> = {
  wslconfig: wslconfigData as FileCatalogue,
  wslconf: wslConfData as FileCatalogue,
  wsldistribution: wslDistributionData as FileCatalogue,
};

const lower = (s: string): string => s.toLowerCase();

/** Case-insensitive index of one file's catalogue, built once per file kind. */
export class CatalogueIndex {
  private readonly byFullName = new Map<string, KeyEntry>();
  private readonly sectionsByName = new Map<string, SectionEntry>();
  private readonly removedByFullName = new Map<string, RemovedKey>();
  private readonly keysBySection = new Map<string, KeyEntry[]>();
  private readonly sectionsByKeyName = new Map<string, string[]>();
  private readonly removedByName = new Map<string, RemovedKey>();
  private readonly meaningByName = new Map<string, { alias: MeaningAlias; key: KeyEntry }>();

  constructor(readonly catalogue: FileCatalogue) {
    for (const key of catalogue.keys) {
      for (const section of [key.section, ...(key.aliasSections ?? [])]) {
        this.byFullName.set(lower(`${section}.${key.name}`), key);
      }
    }
    for (const key of catalogue.keys) {
      const inSection = this.keysBySection.get(lower(key.section)) ?? [];
      inSection.push(key);
      this.keysBySection.set(lower(key.section), inSection);
      const homes = this.sectionsByKeyName.get(lower(key.name)) ?? [];
      homes.push(key.section, ...(key.aliasSections ?? []));
      this.sectionsByKeyName.set(lower(key.name), homes);
    }
    for (const section of catalogue.sections) this.sectionsByName.set(lower(section.name), section);
    for (const removed of catalogue.removed) {
      this.removedByFullName.set(lower(`${removed.section}.${removed.name}`), removed);
      if (!this.removedByName.has(lower(removed.name))) this.removedByName.set(lower(removed.name), removed);
    }
    for (const alias of catalogue.meaningAliases ?? []) {
      const key = this.lookup(alias.section, alias.key);
      if (key && !this.meaningByName.has(lower(alias.name))) this.meaningByName.set(lower(alias.name), { alias, key });
    }
  }

  /** The key WSL would match for `section.name`, honouring aliases and case-insensitivity. */
  lookup(section: string, name: string): KeyEntry | undefined {
    return this.byFullName.get(lower(`${section}.${name}`));
  }

  /** The key WSL matches for a full dotted name as its parser builds it (strcasecmp on `section.key`). */
  lookupFullName(fullName: string): KeyEntry | undefined {
    return this.byFullName.get(lower(fullName));
  }

  section(name: string): SectionEntry | undefined {
    return this.sectionsByName.get(lower(name));
  }

  removed(section: string, name: string): RemovedKey | undefined {
    return this.removedByFullName.get(lower(`${section}.${name}`));
  }

  /** A removed key of this name in any section: it does nothing wherever it is written. */
  removedAnywhere(name: string): RemovedKey | undefined {
    return this.removedByName.get(lower(name));
  }

  /** The setting users mean when they write `name` (see MeaningAlias), or undefined. */
  meaningOf(name: string): { alias: MeaningAlias; key: KeyEntry } | undefined {
    return this.meaningByName.get(lower(name));
  }

  /** Keys whose canonical section is `section` (aliases excluded, so each setting appears once). */
  keysIn(section: string): KeyEntry[] {
    return this.keysBySection.get(lower(section)) ?? [];
  }

  /** Sections (canonical or alias) in which a key of this name is accepted. */
  sectionsAccepting(name: string): string[] {
    return this.sectionsByKeyName.get(lower(name)) ?? [];
  }

  /** Whether `section.name` is an accepted alias spelling rather than the canonical one. */
  isAliasSpelling(section: string, name: string): boolean {
    const key = this.lookup(section, name);
    return key !== undefined && lower(key.section) !== lower(section);
  }
}

const indexes = new Map<FileKind, CatalogueIndex>();

export function catalogueIndex(kind: FileKind): CatalogueIndex {
  let index = indexes.get(kind);
  if (!index) {
    index = new CatalogueIndex(catalogues[kind]);
    indexes.set(kind, index);
  }
  return index;
}

/** The other config files, in the order their keys are most often confused with this file's. */
export const OTHER_FILES: Record<FileKind, readonly FileKind[]> = {
  wslconfig: ['wslconf', 'wsldistribution'],
  wslconf: ['wslconfig', 'wsldistribution'],
  wsldistribution: ['wslconf', 'wslconfig'],
};

/** Where a key of this name lives in another file: each file with the sections that accept it. */
export interface KeyHome {
  kind: FileKind;
  /** The canonical spelling of the key there. */
  name: string;
  sections: string[];
}

/** The other files that have a key called `name` (in any section), nearest first. */
export function homesInOtherFiles(kind: FileKind, name: string): KeyHome[] {
  const homes: KeyHome[] = [];
  for (const other of OTHER_FILES[kind]) {
    const index = catalogueIndex(other);
    const sections = index.sectionsAccepting(name);
    if (sections.length > 0) homes.push({ kind: other, name: index.lookup(sections[0], name)!.name, sections });
  }
  return homes;
}
