/**
 * Checks one key's value the way WSL's typed parser does (same messages), then adds the warnings WSL
 * does not give for values it accepts but that are surely not what the user meant.
 */
import type { FileKind, KeyEntry } from './catalogue';
import type { Finding, FindingData } from './findings';
import type { Entry, Span } from './parser';
import {
  cleanHostname,
  matchEnum,
  parseBool,
  parseInteger,
  parseIPv4,
  parseMacAddress,
  parseMemorySize,
  parsePortList,
  validValuesList,
} from './valueParsers';
import { closest } from './suggestions';

/** What WSL ends up with for a key: the parsed value, or undefined when it kept the default. */
export type TypedValue = boolean | number | bigint | string | number[] | undefined;

export interface ValueCheck {
  value: TypedValue;
  findings: Finding[];
}

const SMALL_MEMORY = 256n * 1024n * 1024n;

/** The span to underline for a value; an empty value underlines the `=` so the squiggle is visible. */
function valueOrEquals(entry: Entry): Span {
  return entry.valueSpan.end > entry.valueSpan.start
    ? entry.valueSpan
    : { start: entry.equalsOffset, end: entry.equalsOffset + 1 };
}

/**
 * A fix that makes WSL read `value`. The replacement goes into the raw text, so the value is written
 * the way WSL's parser reads it back: `\\`, `\"`, `\n`, `\t` and `\b` escapes, and double quotes
 * around it when it holds '#' or leading or trailing blanks. A value with a character no escape can
 * write (a CR, other control characters) gets no fix.
 */
function replaceValue(entry: Entry, value: string): FindingData | undefined {
  const text = rawValueFor(value);
  return text === undefined ? undefined : { fix: 'replace', span: entry.valueSpan, text, title: `Change to '${text}'` };
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\b': '\\b' };

export function rawValueFor(value: string): string | undefined {
  if (/[\x00-\x07\x0b-\x1f\x7f]/.test(value)) return undefined;
  const escaped = value.replace(/[\\"\n\t\b]/g, (c) => ESCAPES[c]);
  return /#|^[ \t]|[ \t]$/.test(value) ? `"${escaped}"` : escaped;
}

/** The fixes that could be written (see replaceValue). */
const writable = (fixes: (FindingData | undefined)[]): FindingData[] =>
  fixes.filter((fix): fix is FindingData => fix !== undefined);

/** Fixes for a memory string WSL rejects: unit casing, blanks, IEC units, decimals. */
function memoryRepairs(entry: Entry): FindingData[] {
  const raw = entry.value;
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
  if (!match) return [];
  const [, number, unitText] = match;
  const unit = unitText.toUpperCase().replace(/^([KMGT])I?B?$/, '$1B');
  if (unit !== '' && !/^(B|[KMGT]B)$/.test(unit)) return [];
  if (!number.includes('.')) {
    const text = `${number}${unit}`;
    return text === raw ? [] : writable([replaceValue(entry, text)]);
  }
  const order = ['B', 'KB', 'MB', 'GB', 'TB'];
  let index = order.indexOf(unit === '' ? 'B' : unit);
  let amount = Number(number);
  while (!Number.isInteger(amount) && index > 0) {
    amount *= 1024;
    index--;
  }
  if (!Number.isInteger(amount)) return [];
  const text = `${amount}${order[index]}`;
  return writable([replaceValue(entry, text)]);
}

const UNIT_BYTES: Record<string, bigint> = { KB: 1n << 10n, MB: 1n << 20n, GB: 1n << 30n, TB: 1n << 40n };

/**
 * The units for a unitless size, most plausible first: the one that brings the number closest to the
 * key's typical size (its catalogue example, e.g. 4GB for memory), so `memory=4096` is 4096MB and
 * `memory=8` is 8GB. Closeness is by ratio; a tie goes to the larger unit.
 */
export function plausibleUnits(amount: bigint, key: KeyEntry): string[] {
  const typical = parseMemorySize(key.example)?.bytes ?? UNIT_BYTES.GB;
  const distance = (unit: string): number =>
    Math.abs(Math.log2(Number(amount * UNIT_BYTES[unit])) - Math.log2(Number(typical)));
  const ranked = ['TB', 'GB', 'MB', 'KB'].sort((a, b) => distance(a) - distance(b));
  return ranked.slice(0, 2);
}

/** "4 GB" for 4096 and MB: the size a unit gives, in the largest whole unit. */
function sizeText(amount: bigint, unit: string): string {
  const bytes = amount * UNIT_BYTES[unit];
  // Every unit a size is offered in is a whole number of KB, so KB always divides it.
  const name = ['TB', 'GB', 'MB'].find((larger) => bytes % UNIT_BYTES[larger] === 0n) ?? 'KB';
  return `${bytes / UNIT_BYTES[name]} ${name}`;
}

function escapeFix(entry: Entry): FindingData {
  return { fix: 'escape-backslashes', valueSpan: entry.valueSpan };
}

const CONTROL_NAMES: Record<string, string> = { t: 'a TAB', b: 'a backspace', n: 'a line break' };

export function checkValue(kind: FileKind, key: KeyEntry, entry: Entry): ValueCheck {
  const findings: Finding[] = [];
  const name = entry.fullName;
  const value = entry.value;
  const span = valueOrEquals(entry);
  const error = (
    code: Finding['code'],
    message: string,
    fixes?: (FindingData | undefined)[],
    at: Span = span,
  ): void => {
    findings.push({
      code,
      severity: 'error',
      message,
      span: at,
      wslLine: entry.wslLine,
      fixes: fixes && writable(fixes),
    });
  };
  const warn = (code: Finding['code'], message: string, fixes?: (FindingData | undefined)[], at: Span = span): void => {
    findings.push({ code, severity: 'warning', message, span: at, fixes: fixes && writable(fixes) });
  };
  let typed: TypedValue;

  switch (key.type) {
    case 'bool': {
      typed = parseBool(value);
      if (typed === undefined) {
        const guess = /^(yes|on|y|enabled?)$/i.test(value)
          ? 'true'
          : /^(no|off|n|disabled?)$/i.test(value)
            ? 'false'
            : undefined;
        const fixes = guess
          ? [replaceValue(entry, guess)]
          : [replaceValue(entry, 'true'), replaceValue(entry, 'false')];
        error(
          'invalid-bool',
          `Invalid boolean value '${value}' for key '${name}'. WSL accepts only true, false, 1 or 0, and keeps the default.`,
          fixes,
        );
      }
      break;
    }
    case 'int':
    case 'ms': {
      const parsed = parseInteger(value, kind === 'wslconfig' ? 32 : 64);
      typed = parsed?.value;
      if (!parsed) {
        const octal = /^[+-]?0[0-9]+$/.test(value)
          ? ' A leading 0 makes the number octal, so the digits 8 and 9 are not allowed.'
          : '';
        const stripped = /^0+([1-9][0-9]*)$/.exec(value);
        const fixes = stripped ? [replaceValue(entry, stripped[1])] : undefined;
        error(
          'invalid-integer',
          `Invalid integer value '${value}' for key '${name}'.${octal} WSL keeps the default.`,
          fixes,
        );
      } else if (parsed.clamped) {
        warn('integer-clamped', `'${value}' does not fit in a 32-bit integer: WSL silently uses ${parsed.value}.`);
      } else if (
        kind === 'wslconf' &&
        key.section === 'filesystem' &&
        key.name === 'umask' &&
        /^[+-]?[1-9]/.test(value)
      ) {
        const octal = `0${parsed.value.toString(8)}`;
        warn(
          'umask-decimal',
          `umask '${value}' is read as the decimal number ${parsed.value} (octal ${octal}). Write it with a leading 0 to mean octal, e.g. '0${value}'.`,
          [replaceValue(entry, `0${value}`)],
        );
      }
      break;
    }
    case 'mem': {
      const parsed = parseMemorySize(value);
      typed = parsed?.bytes;
      if (!parsed) {
        error(
          'invalid-memory',
          `Invalid memory string '${value}' for .wslconfig entry '${name}'. Write a whole number followed by B, K, KB, M, MB, G, GB, T or TB in uppercase, e.g. 4GB; WSL keeps the default.`,
          memoryRepairs(entry),
        );
      } else if (parsed.unit === '' && parsed.bytes > 0n && parsed.bytes < SMALL_MEMORY) {
        const units = plausibleUnits(parsed.bytes, key);
        const clamp =
          key.section === 'wsl2' && key.name === 'memory' ? ' (WSL then raises it to its minimum, 256 MB)' : '';
        warn(
          'unitless-memory',
          `'${value}' has no unit, so WSL reads it as ${value} ${parsed.bytes === 1n ? 'byte' : 'bytes'}${clamp}. Add a unit: '${value}${units[0]}' is ${sizeText(parsed.bytes, units[0])}.`,
          units.map((unit) => replaceValue(entry, `${value}${unit}`)),
        );
      }
      break;
    }
    case 'enum': {
      const names = (key.values ?? []).map((v) => v.name);
      const canonical = matchEnum(value, names);
      typed = canonical;
      if (canonical === undefined) {
        const suggestion = closest(value, names);
        const fixes = suggestion ? [replaceValue(entry, suggestion)] : names.map((n) => replaceValue(entry, n));
        error(
          'invalid-enum',
          `Invalid value '${value}' for config key '${name}' (Valid values: ${validValuesList(names)}).${suggestion ? ` Did you mean '${suggestion}'?` : ''} WSL keeps the default.`,
          fixes,
        );
        break;
      }
      const member = key.values?.find((v) => v.name === canonical);
      if (member?.aliasOf) {
        findings.push({
          code: 'legacy-value',
          severity: 'information',
          message: `'${canonical}' is the legacy name of '${member.aliasOf}'; WSL still accepts it.`,
          span,
          fixes: writable([replaceValue(entry, member.aliasOf)]),
        });
      } else if (canonical !== value && !member?.docsSpellings?.includes(value)) {
        findings.push({
          code: 'enum-casing',
          severity: 'hint',
          message: `WSL matches '${value}' case-insensitively; its canonical spelling is '${canonical}'.`,
          span,
          fixes: writable([replaceValue(entry, canonical)]),
        });
      }
      if (member?.deprecated) {
        findings.push({
          code: 'deprecated-value',
          severity: 'information',
          message: `'${canonical}' is deprecated (${member.deprecated}).`,
          span,
          deprecated: true,
        });
      }
      break;
    }
    case 'ipv4': {
      typed = parseIPv4(value);
      if (typed === undefined)
        error(
          'invalid-ip',
          `Invalid IP value '${value}' for key '${name}'. WSL needs a dotted IPv4 address here, and an invalid one turns DNS tunneling off completely.`,
        );
      break;
    }
    case 'mac': {
      typed = parseMacAddress(value);
      if (typed === undefined)
        error(
          'invalid-mac',
          `Invalid mac address '${value}' for key '${name}'. This one is fatal: WSL refuses to start the VM. Use the form 00:15:5d:01:02:03.`,
        );
      break;
    }
    case 'portList': {
      const ports: number[] = [];
      for (const item of parsePortList(value)) {
        const at = {
          start: entry.valueSpan.start + item.offset,
          end: entry.valueSpan.start + item.offset + item.text.length,
        };
        // The span of an item is exact only when the value has no quotes or escapes.
        const itemSpan = entry.quotes.length === 0 && entry.escapes.length === 0 ? at : span;
        if (item.port === undefined) {
          error(
            'invalid-port',
            `Invalid integer value '${value}' for key '${name}'. '${item.text.trim()}' is not a port from 1 to 65535; WSL skips it and keeps the other ports.`,
            undefined,
            itemSpan,
          );
          continue;
        }
        ports.push(item.port);
        if (item.truncated) {
          const range = /^\s*([0-9]+)\s*-\s*([0-9]+)\s*$/.exec(item.text);
          const fixes: FindingData[] = [];
          if (range && Number(range[2]) > Number(range[1]) && Number(range[2]) - Number(range[1]) <= 64) {
            const list = Array.from(
              { length: Number(range[2]) - Number(range[1]) + 1 },
              (_, i) => Number(range[1]) + i,
            ).join(',');
            fixes.push({
              fix: 'replace',
              span: itemSpan,
              text: list,
              title: `List ports ${range[1]} to ${range[2]} one by one`,
            });
          }
          warn(
            'port-range',
            `WSL reads '${item.text.trim()}' as port ${item.port} only: ranges and trailing text are ignored. List every port, separated by commas.`,
            fixes,
            itemSpan,
          );
        }
      }
      typed = ports;
      break;
    }
    case 'path':
    case 'string': {
      typed = value;
      checkText(kind, key, entry, findings);
      break;
    }
  }
  return { value: typed, findings };
}

/** Warnings for string and path values that WSL stores as they are. */
function checkText(kind: FileKind, key: KeyEntry, entry: Entry, findings: Finding[]): void {
  const value = entry.value;
  const warn = (code: Finding['code'], message: string, span: Span, fixes?: (FindingData | undefined)[]): void => {
    findings.push({ code, severity: 'warning', message, span, fixes: fixes && writable(fixes) });
  };
  if (key.type === 'path' && value.length === 0) {
    warn(
      'empty-value',
      `'${entry.fullName}' is empty: WSL sets it to an empty path instead of using the default. Remove the line to use the default.`,
      valueOrEquals(entry),
      [{ fix: 'delete-line', lineSpan: entry.span }],
    );
  }
  for (const escape of entry.escapes) {
    if (!escape.valid || !(escape.char in CONTROL_NAMES)) continue;
    const what = CONTROL_NAMES[escape.char];
    const at = { start: escape.offset, end: escape.offset + 2 };
    const message =
      key.type === 'path'
        ? `'\\${escape.char}' is an escape: WSL puts ${what} into this path instead of a backslash and '${escape.char}'. Double the backslashes (\\\\) or use '/'.`
        : `'\\${escape.char}' is an escape: WSL puts ${what} into the value here. Write '\\\\${escape.char}' for a backslash followed by '${escape.char}'.`;
    warn('control-escape', message, at, [escapeFix(entry), ...(key.type === 'path' ? [slashFix(entry)] : [])]);
  }
  const variable = /%[A-Za-z_][A-Za-z0-9_]*%/.exec(value);
  if (variable && key.type === 'path') {
    const raw = entry.valueSpan;
    const found = entry.rawValue.indexOf(variable[0]);
    const offset = found >= 0 ? raw.start + found : raw.start;
    warn(
      'env-var-in-path',
      `WSL does not expand environment variables: '${variable[0]}' is used literally. Write the full path, e.g. C:\\\\Users\\\\<you>\\\\…`,
      { start: offset, end: offset + variable[0].length },
    );
  }
  if (kind === 'wslconfig' && /[^\x00-\x7f]/.test(value)) {
    warn(
      'non-ascii-value',
      `WSL keeps only the low 8 bits of each character in .wslconfig values, so non-ASCII characters here are corrupted. Use an ASCII-only path or value.`,
      valueOrEquals(entry),
    );
  }
  if (kind === 'wsldistribution' && key.type === 'path' && value.split(/[\\/]/).includes('..')) {
    warn('parent-path', `WSL refuses '${entry.fullName}' paths that contain '..'.`, valueOrEquals(entry));
  }
  if (kind === 'wslconf' && key.section === 'network' && key.name === 'hostname') {
    const cleaned = cleanHostname(value);
    if (cleaned !== value) {
      warn(
        'hostname-rewritten',
        `WSL silently changes this hostname to '${cleaned}' (letters, digits, '-' and one '.' only; at most 64 characters).`,
        valueOrEquals(entry),
        [replaceValue(entry, cleaned)],
      );
    }
  }
  if (kind === 'wslconf' && key.section === 'boot' && key.name === 'command' && /^\s*sudo\s/.test(value)) {
    findings.push({
      code: 'redundant-sudo',
      severity: 'hint',
      message: "boot.command already runs as root: 'sudo' is not needed.",
      span: valueOrEquals(entry),
    });
  }
}

/** A raw Windows path with '/' for every backslash; escaped quotes and line continuations keep theirs. */
export function backslashesToSlashes(raw: string): string {
  return raw.replace(/\\\\|\\(?!["\r\n])/g, '/');
}

function slashFix(entry: Entry): FindingData {
  return {
    fix: 'replace',
    span: entry.valueSpan,
    text: backslashesToSlashes(entry.rawValue),
    title: "Use '/' instead of backslashes",
  };
}
