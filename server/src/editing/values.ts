/**
 * Explains a value the way WSL reads it: the decoded text after quotes and escapes, memory sizes in
 * bytes, integers in their base, enum members, booleans, port lists.
 */
import type { FileKind, KeyEntry } from '../core/catalogue';
import type { Entry } from '../core/parser';
import {
  matchEnum,
  parseBool,
  parseInteger,
  parseIPv4,
  parseMacAddress,
  parseMemorySize,
  parsePortList,
  validValuesList,
} from '../core/valueParsers';
import { code, deprecationText } from './docs';
import { fencedBlock as fenced } from './markdown';

/** 4294967296 -> "4,294,967,296". */
export function formatBytes(bytes: bigint): string {
  return bytes.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 4294967296 -> "4 GiB"; 1610612736 -> "1.5 GiB". */
export function humanBytes(bytes: bigint): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let unit = 0;
  let value = Number(bytes);
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 100) / 100;
  return `${rounded} ${units[unit]}`;
}

const CONTROL_PICTURES: Record<string, { picture: string; name: string }> = {
  '\t': { picture: '\u2409', name: 'TAB' },
  '\b': { picture: '\u2408', name: 'backspace' },
  '\n': { picture: '\u240a', name: 'line break' },
};

/** The value with control characters made visible, plus what each picture stands for. */
export function visibleValue(value: string): { text: string; legend: string[] } {
  const legend = new Set<string>();
  const text = value.replace(/[\t\b\n]/g, (c) => {
    const { picture, name } = CONTROL_PICTURES[c];
    legend.add(`${picture} is a ${name}`);
    return picture;
  });
  return { text, legend: [...legend] };
}

/** Markdown explaining what WSL makes of `entry`'s value for `key` (undefined key: unknown key). */
export function valueMarkdown(kind: FileKind, entry: Entry, key: KeyEntry | undefined): string | undefined {
  const parts: string[] = [];
  const value = entry.value;
  if (key) parts.push(`${code(entry.rawValue)}: value of ${code(`${key.section}.${key.name}`)}`);
  if (entry.quotes.length > 0 || entry.escapes.length > 0 || entry.continuations > 0) {
    const visible = visibleValue(value);
    parts.push(
      `WSL reads the value as:\n\n${fenced(visible.text)}${visible.legend.length ? `\n\n${visible.legend.join('; ')}.` : ''}`,
    );
  }
  if (!key) return parts.length ? parts.join('\n\n') : undefined;
  const rejected = (what: string): string => `WSL rejects ${what} and keeps the default (${key.default}).`;
  switch (key.type) {
    case 'enum': {
      const values = key.values ?? [];
      const canonical = matchEnum(
        value,
        values.map((v) => v.name),
      );
      const member = values.find((v) => v.name === canonical);
      if (!member) {
        parts.push(rejected(`${code(value)}`) + ` Valid values: ${validValuesList(values.map((v) => v.name))}.`);
        break;
      }
      const notes: string[] = [];
      if (member.aliasOf) notes.push(`Legacy name of ${code(member.aliasOf)}: the same mode.`);
      if (member.deprecated) notes.push(`*${deprecationText(member)}*`);
      parts.push(`**${member.name}**${notes.length ? `. ${notes.join(' ')}` : ''}\n\n${member.description}`);
      const target = member.aliasOf ? values.find((v) => v.name === member.aliasOf) : member;
      if (target?.notes) parts.push(target.notes);
      break;
    }
    case 'bool': {
      const parsed = parseBool(value);
      if (parsed === undefined) parts.push(rejected(code(value)) + ' Booleans are `true`, `false`, `1` or `0`.');
      else
        parts.push(
          `WSL reads **${parsed}**: ${code(key.name)} is turned ${parsed ? 'on' : 'off'} (${parsed ? '`false`' : '`true`'} would turn it ${parsed ? 'off' : 'on'}). Default: ${key.default}.`,
        );
      break;
    }
    case 'mem': {
      const parsed = parseMemorySize(value);
      if (!parsed)
        parts.push(
          rejected(`the memory string ${code(value)}`) + ' Write a whole number and an uppercase unit, e.g. `4GB`.',
        );
      else {
        const unit = parsed.unit === '' && parsed.bytes > 0n ? ' No unit means bytes.' : '';
        parts.push(`${code(value)} = **${formatBytes(parsed.bytes)} bytes** (${humanBytes(parsed.bytes)}).${unit}`);
      }
      break;
    }
    case 'int':
    case 'ms': {
      const parsed = parseInteger(value, kind === 'wslconfig' ? 32 : 64);
      if (!parsed) {
        parts.push(rejected(`the integer ${code(value)}`));
        break;
      }
      const base = /^[+-]?0[xX]/.test(value)
        ? ' (hexadecimal)'
        : /^[+-]?0[0-7]+$/.test(value)
          ? ' (octal, because of the leading 0)'
          : '';
      const seconds = key.type === 'ms' && parsed.value > 0 ? ` = ${parsed.value / 1000} s` : '';
      parts.push(
        `WSL reads the number **${parsed.value}**${base}${key.type === 'ms' ? ' ms' : ''}${seconds}.${parsed.clamped ? ' The value does not fit in 32 bits, so WSL silently clamps it.' : ''}`,
      );
      break;
    }
    case 'ipv4':
      parts.push(
        parseIPv4(value) ? `A valid IPv4 address.` : rejected(`${code(value)}, which is not a dotted IPv4 address,`),
      );
      break;
    case 'mac':
      parts.push(
        parseMacAddress(value)
          ? 'A valid MAC address.'
          : `WSL refuses to start the VM with the MAC address ${code(value)}: use the form \`00:15:5d:01:02:03\`.`,
      );
      break;
    case 'portList': {
      const items = parsePortList(value);
      const ports = items.filter((i) => i.port !== undefined).map((i) => i.port);
      const skipped = items.filter((i) => i.port === undefined).map((i) => code(i.text.trim()));
      const cut = items
        .filter((i) => i.port !== undefined && i.truncated)
        .map((i) => `${code(i.text.trim())} is read as ${i.port}`);
      parts.push(
        `WSL takes the ports: ${ports.length ? ports.join(', ') : 'none'}.${skipped.length ? ` Skipped: ${skipped.join(', ')}.` : ''}${cut.length ? ` ${cut.join('; ')}.` : ''}`,
      );
      break;
    }
    case 'path':
    case 'string':
      if (value === '')
        parts.push(`An empty value: WSL uses an empty ${key.type} rather than the default (${key.default}).`);
      break;
  }
  return parts.join('\n\n');
}
