/**
 * WSL's typed value parsers (src/shared/inc/stringshared.h and configfile.cpp), re-implemented with
 * their exact acceptance rules. Each returns the parsed value or undefined when WSL would warn.
 */

/** `ParseBool`: exactly 1, 0, true or false (the words case-insensitive). */
export function parseBool(value: string): boolean | undefined {
  if (value === '1' || value.toLowerCase() === 'true') return true;
  if (value === '0' || value.toLowerCase() === 'false') return false;
  return undefined;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export interface IntegerResult {
  value: number;
  /** Set when the C `long` overflowed and strtol clamped the value (32-bit long on Windows). */
  clamped?: boolean;
}

/**
 * `strtol(value, &end, 0)` with the whole string consumed and the result inside `int`.
 * On Windows `long` is 32-bit, so an overflow clamps silently; on Linux `long` is 64-bit, so a value
 * outside `int` is rejected.
 */
export function parseInteger(value: string, longBits: 32 | 64): IntegerResult | undefined {
  if (value.length === 0) return undefined;
  const match = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(value);
  if (!match) return undefined;
  const [, sign, digits] = match;
  let magnitude: bigint;
  if (/^0[xX]/.test(digits)) magnitude = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) magnitude = BigInt(`0o${digits.slice(1)}`);
  else magnitude = BigInt(digits);
  const signed = sign === '-' ? -magnitude : magnitude;
  const longMin = longBits === 32 ? BigInt(INT_MIN) : -(2n ** 63n);
  const longMax = longBits === 32 ? BigInt(INT_MAX) : 2n ** 63n - 1n;
  if (signed < longMin || signed > longMax) {
    if (longBits === 64) return undefined;
    return { value: signed < 0n ? INT_MIN : INT_MAX, clamped: true };
  }
  if (signed < BigInt(INT_MIN) || signed > BigInt(INT_MAX)) return undefined;
  return { value: Number(signed) };
}

const MEMORY_UNITS: Record<string, bigint> = {
  B: 1n,
  K: 1n << 10n,
  KB: 1n << 10n,
  M: 1n << 20n,
  MB: 1n << 20n,
  G: 1n << 30n,
  GB: 1n << 30n,
  T: 1n << 40n,
  TB: 1n << 40n,
};

export interface MemoryResult {
  bytes: bigint;
  unit: string;
}

/**
 * `ParseMemorySize`: `strtoull(base 10)` then nothing or exactly one of B, K, KB, M, MB, G, GB, T, TB
 * (uppercase). A zero must be the single character `0` (so `00` fails). strtoull accepts leading
 * blanks and a sign, and wraps around on negative values.
 */
export function parseMemorySize(value: string): MemoryResult | undefined {
  const match = /^([ \t\n\v\f\r]*)([+-]?)([0-9]+)(.*)$/s.exec(value);
  if (!match) return undefined;
  const [, blanks, sign, digits, rest] = match;
  let number = BigInt(digits);
  const max = 2n ** 64n - 1n;
  if (number > max) number = max;
  if (sign === '-' && number !== 0n) number = (2n ** 64n - number) & max;
  if (number === 0n && !(blanks === '' && sign === '' && digits === '0')) return undefined;
  if (rest === '') return { bytes: number, unit: '' };
  const factor = MEMORY_UNITS[rest];
  if (factor === undefined) return undefined;
  return { bytes: (number * factor) & max, unit: rest };
}

/** `inet_pton(AF_INET)`: four decimal parts 0-255 without leading zeros. */
export function parseIPv4(value: string): string | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
  }
  return value;
}

/** `ParseMacAddressNoThrow`: `xx:xx:xx:xx:xx:xx` or `xx-xx-xx-xx-xx-xx`, one separator throughout. */
export function parseMacAddress(value: string): string | undefined {
  return /^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/.test(value) ? value : undefined;
}

export interface PortItem {
  /** The item as written between commas. */
  text: string;
  /** Offset of the item inside the value. */
  offset: number;
  /** The port WSL takes from it, or undefined when WSL rejects the item. */
  port?: number;
  /** True when `std::stoi` silently dropped trailing text (e.g. a range `3000-3010`). */
  truncated: boolean;
}

/**
 * The `ignoredPorts` list: split on commas (empty items skipped), each item through `std::stoi`
 * (leading blanks and a sign accepted, trailing text ignored), then 1..65535.
 */
export function parsePortList(value: string): PortItem[] {
  const items: PortItem[] = [];
  let offset = 0;
  for (const text of value.split(',')) {
    if (text.length > 0) {
      const match = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(text);
      let port: number | undefined;
      let truncated = false;
      if (match) {
        const number = Number(match[1]);
        if (number > 0 && number <= 65535) port = number;
        truncated = match[0].length < text.length;
      }
      items.push({ text, offset, port, truncated });
    }
    offset += text.length + 1;
  }
  return items;
}

/** Matches an enum member case-insensitively (`_stricmp`), returning its canonical spelling. */
export function matchEnum(value: string, names: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  return names.find((name) => name.toLowerCase() === lower);
}

/** The list WSL prints after "Valid values:": map order, i.e. sorted case-insensitively. */
export function validValuesList(names: readonly string[]): string {
  return [...names]
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
    .join(', ');
}

/**
 * `CleanHostname` (stringshared.h): keeps letters, digits, '-' and one '.'; a '.' cannot lead or follow
 * a '-'; a '-' cannot lead or follow '-' or '.'; then cut to 64 characters, trailing '.' and '-'
 * removed; empty becomes `localhost`.
 */
export function cleanHostname(value: string): string {
  let dot = false;
  let result = '';
  for (const c of value) {
    const last = result[result.length - 1];
    if (c === '.') {
      if (dot || result.length === 0 || last === '-') continue;
      dot = true;
      result += c;
    } else if (c === '-') {
      if (result.length === 0 || last === '-' || last === '.') continue;
      result += c;
    } else if (/^[A-Za-z0-9]$/.test(c)) {
      result += c;
    }
  }
  result = result.slice(0, 64).replace(/[.-]+$/, '');
  return result.length === 0 ? 'localhost' : result;
}
