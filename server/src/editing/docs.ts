/**
 * Markdown documentation of sections, keys and values, built from the catalogue only. Shared by
 * completion items and hovers so that both say the same thing.
 */
import {
  catalogues,
  catalogueIndex,
  type EnumValue,
  type FileKind,
  type KeyEntry,
  type SectionEntry,
} from '../core/catalogue';
import { modeInSentence } from '../core/networkingMode';
import { codeSpan } from './markdown';

/** Markdown inline code that shows any text exactly (see markdown.ts). */
export const code = codeSpan;

/** What values the key accepts, in words (the rules of WSL's typed parsers). */
export function typeFormat(key: KeyEntry): string {
  switch (key.type) {
    case 'bool':
      return 'boolean: `true` or `false` (any case), or `1` / `0`';
    case 'int':
      return 'integer (`0x` prefix for hexadecimal; a leading `0` means octal)';
    case 'ms':
      return 'integer, in milliseconds';
    case 'mem':
      return 'memory size: a whole number followed by `B`, `K`, `KB`, `M`, `MB`, `G`, `GB`, `T` or `TB` (uppercase, binary multiples); no unit means bytes';
    case 'enum':
      return `one of ${(key.values ?? []).map((v) => code(v.name)).join(', ')} (any case)`;
    case 'ipv4':
      return 'IPv4 address in dotted form, e.g. `10.255.255.254`';
    case 'mac':
      return 'MAC address, `xx:xx:xx:xx:xx:xx` or `xx-xx-xx-xx-xx-xx`';
    case 'portList':
      return 'comma-separated port numbers from 1 to 65535 (no ranges)';
    case 'path':
      return 'Windows path: write every `\\` as `\\\\`, or use `/`';
    case 'string':
      return 'text (double quotes are removed, `#` starts a comment unless quoted, `\\` starts an escape)';
  }
}

/** A short type name for lists and completion details. */
export function typeName(key: KeyEntry): string {
  const names: Record<KeyEntry['type'], string> = {
    bool: 'boolean',
    int: 'integer',
    ms: 'milliseconds',
    mem: 'memory size',
    enum: 'enum',
    ipv4: 'IPv4 address',
    mac: 'MAC address',
    portList: 'port list',
    path: 'path',
    string: 'string',
  };
  return names[key.type];
}

/** The first sentences of a description, at least `min` characters when there is that much. */
export function summary(description: string, min = 60): string {
  const end = /[.!?](?=\s|$)/g;
  for (let match = end.exec(description); match; match = end.exec(description)) {
    const text = description.slice(0, match.index + 1).trim();
    if (text.length >= min) return text;
  }
  return description.trim();
}

/** "Deprecated since WSL 2.4.5." whether the catalogue says it with or without the word. */
export function deprecationText(value: EnumValue): string | undefined {
  if (!value.deprecated) return undefined;
  return /^deprecated/i.test(value.deprecated) ? value.deprecated : `Deprecated ${value.deprecated}`;
}

/** Whether the enum member is the key's default (the default text starts with its name). */
export function isDefaultValue(key: KeyEntry, name: string): boolean {
  const first = key.default.split(/[\s(,]/)[0];
  return first.toLowerCase() === name.toLowerCase();
}

export function enumValueLine(key: KeyEntry, value: EnumValue): string {
  const notes: string[] = [];
  if (isDefaultValue(key, value.name)) notes.push('default');
  if (value.aliasOf) notes.push(`legacy name of ${code(value.aliasOf)}`);
  if (value.deprecated)
    notes.push(
      deprecationText(value)!
        .replace(/\.$/, '')
        .replace(/^Deprecated/, 'deprecated'),
    );
  return `- ${code(value.name)}${notes.length ? ` (${notes.join(', ')})` : ''}: ${summary(value.description)}`;
}

/** Modes in which the key has an effect, in words; undefined when it applies in every mode. */
export function modesLine(key: KeyEntry): string | undefined {
  if (!key.modes) return undefined;
  return key.modes.map(modeInSentence).join(', ');
}

export interface KeyDocOptions {
  /** The section the key is written in, when it is an alias spelling. */
  writtenIn?: string;
  /** Full detail (hover) or the short form (completion item). */
  full: boolean;
}

/** Markdown documentation of a key: description, format, default and, in full, everything else. */
export function keyMarkdown(kind: FileKind, key: KeyEntry, options: KeyDocOptions): string {
  const catalogue = catalogues[kind];
  const parts: string[] = [];
  if (options.full) parts.push(`**${key.name}** in ${code(`[${key.section}]`)} of ${code(catalogue.displayName)}`);
  if (options.writtenIn && options.writtenIn.toLowerCase() !== key.section.toLowerCase()) {
    parts.push(
      `Legacy alias: WSL still accepts ${code(`${options.writtenIn}.${key.name}`)}; prefer ${code(`[${key.section}]`)}.`,
    );
  }
  parts.push(key.description);
  const facts: string[] = [`- **Type:** ${typeFormat(key)}`, `- **Default:** ${key.default}`];
  if (options.full) {
    if (key.values?.length)
      facts.push(`- **Values:**\n${key.values.map((v) => `  ${enumValueLine(key, v)}`).join('\n')}`);
    const modes = modesLine(key);
    if (kind === 'wslconfig') facts.push(`- **Networking modes:** ${modes ? `only ${modes}` : 'all'}`);
    if (key.since || key.versionNotes)
      facts.push(`- **Version:** ${[key.since ? `since ${key.since}.` : '', key.versionNotes ?? ''].join(' ').trim()}`);
    if (!key.documented) facts.push('- Not described on the official documentation page.');
    facts.push(`- **To apply:** ${catalogue.restartNote}.`);
  } else {
    const modes = modesLine(key);
    if (modes) facts.push(`- **Only in networking modes:** ${modes}`);
  }
  parts.push(facts.join('\n'));
  if (options.full) parts.push(`[Documentation](${catalogue.docsUrl})`);
  return parts.join('\n\n');
}

/** Markdown documentation of a section with its key list. */
export function sectionMarkdown(kind: FileKind, section: SectionEntry, full: boolean): string {
  const index = catalogueIndex(kind);
  const catalogue = catalogues[kind];
  const parts = [`**[${section.name}]** in ${code(catalogue.displayName)}`, section.description];
  if (full) {
    const own = index.keysIn(section.name);
    parts.push(`**Keys:**\n${own.map((k) => `- ${code(k.name)}: ${typeName(k)}`).join('\n')}`);
    const aliases = catalogue.keys.filter((k) =>
      k.aliasSections?.some((s) => s.toLowerCase() === section.name.toLowerCase()),
    );
    if (aliases.length)
      parts.push(
        `**Also accepted (legacy aliases):** ${aliases.map((k) => `${code(k.name)} (prefer [${k.section}])`).join(', ')}`,
      );
    parts.push(`[Documentation](${catalogue.docsUrl})`);
  }
  return parts.join('\n\n');
}

/** Where WSL says the file is in its messages. */
export function wslFilePath(kind: FileKind): string {
  return kind === 'wslconfig' ? 'C:\\Users\\<you>\\.wslconfig' : catalogues[kind].displayName;
}
