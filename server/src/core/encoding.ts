/**
 * Reads and writes config file bytes without losing anything: the encoding and BOM found on read are
 * reported so a write can reproduce them exactly.
 */
export type FileEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'utf16le-nobom';

export interface DecodedFile {
  /** The text, without the BOM (a UTF-8 BOM is kept as U+FEFF when `keepUtf8Bom` is set). */
  text: string;
  encoding: FileEncoding;
}

/** UTF-16LE without BOM: mostly ASCII text, so nearly every odd byte is NUL. */
function looksLikeUtf16le(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return false;
  const sample = Math.min(bytes.length, 4096);
  let nulOdd = 0;
  let nulEven = 0;
  for (let i = 0; i + 1 < sample; i += 2) {
    if (bytes[i + 1] === 0) nulOdd++;
    if (bytes[i] === 0) nulEven++;
  }
  const pairs = Math.floor(sample / 2);
  return nulOdd >= pairs * 0.9 && nulEven < pairs * 0.1;
}

export function decodeConfigBytes(bytes: Uint8Array, options: { keepUtf8Bom?: boolean } = {}): DecodedFile {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return { text: options.keepUtf8Bom ? text : text.slice(1), encoding: 'utf8bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf16be' };
  if (looksLikeUtf16le(bytes)) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf16le-nobom' };
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf8' };
}

export function encodeConfigText(text: string, encoding: FileEncoding): Uint8Array {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  switch (encoding) {
    case 'utf8':
      return new TextEncoder().encode(text);
    case 'utf8bom':
      return new TextEncoder().encode(`\ufeff${body}`);
    case 'utf16le':
    case 'utf16le-nobom': {
      const prefix = encoding === 'utf16le' ? '\ufeff' : '';
      return Uint8Array.from(Buffer.from(prefix + body, 'utf16le'));
    }
    case 'utf16be': {
      const le = Buffer.from(`\ufeff${body}`, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Uint8Array.from(le);
    }
  }
}

/** What WSL itself makes of a file in this encoding, when that differs from what an editor shows. */
export function encodingProblem(encoding: FileEncoding, kind: 'wslconfig' | 'wslconf' | 'wsldistribution'): string | undefined {
  if (kind === 'wslconfig') {
    if (encoding === 'utf16le-nobom') return 'This file is UTF-16 without a byte order mark: WSL reads .wslconfig as UTF-8 and sees garbage. Save it as UTF-8.';
    if (encoding === 'utf16be') return 'This file is UTF-16 big-endian, which WSL does not read. Save it as UTF-8.';
    return undefined;
  }
  if (encoding.startsWith('utf16')) return 'WSL reads this file byte by byte: in UTF-16 it is ignored entirely. Save it as UTF-8 without BOM.';
  return undefined;
}
