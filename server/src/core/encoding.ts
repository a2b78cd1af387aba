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
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf16be' };
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
export function encodingProblem(
  encoding: FileEncoding,
  kind: 'wslconfig' | 'wslconf' | 'wsldistribution',
): string | undefined {
  if (kind === 'wslconfig') {
    if (encoding === 'utf16le-nobom')
      return 'This file is UTF-16 without a byte order mark: WSL reads .wslconfig as UTF-8 and sees garbage. Save it as UTF-8.';
    if (encoding === 'utf16be') return 'This file is UTF-16 big-endian, which WSL does not read. Save it as UTF-8.';
    return undefined;
  }
  if (encoding.startsWith('utf16'))
    return 'WSL reads this file byte by byte: in UTF-16 it is ignored entirely. Save it as UTF-8 without BOM.';
  return undefined;
}

/** Bytes of the byte order mark that `decodeConfigBytes` strips for this encoding. */
function bomLength(bytes: Uint8Array, encoding: FileEncoding): number {
  if (encoding === 'utf8bom') return 3;
  if (encoding === 'utf16le' || encoding === 'utf16be') return bytes.length >= 2 ? 2 : 0;
  return 0;
}

/** The file's body split into lines (each with its line feed), as bytes; LF is found per code unit. */
function byteLines(body: Uint8Array, encoding: FileEncoding): Uint8Array[] {
  const unit = encoding.startsWith('utf16') ? 2 : 1;
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i + unit <= body.length; i += unit) {
    const isLf =
      unit === 1
        ? body[i] === 0x0a
        : encoding === 'utf16be'
          ? body[i] === 0 && body[i + 1] === 0x0a
          : body[i] === 0x0a && body[i + 1] === 0;
    if (isLf) {
      lines.push(body.subarray(start, i + unit));
      start = i + unit;
    }
  }
  if (start < body.length) lines.push(body.subarray(start));
  return lines;
}

function decodeBody(bytes: Uint8Array, encoding: FileEncoding): string {
  const label = encoding === 'utf16be' ? 'utf-16be' : encoding.startsWith('utf16') ? 'utf-16le' : 'utf-8';
  return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}

function splitTextLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/**
 * The file's new bytes when its decoded text `oldText` becomes `newText`: every line the edit did
 * not change keeps its original bytes, whatever they are (an ANSI `é` in a path, a lone surrogate,
 * a truncated UTF-16 code unit), and only the changed lines are encoded, in the file's encoding.
 * So bytes that no edit touched are written back unchanged, also in files the decoder could only
 * read lossily. Returns undefined when `oldText` is not what `bytes` decode to (the caller then has
 * nothing to splice into).
 */
export function spliceConfigBytes(
  bytes: Uint8Array,
  encoding: FileEncoding,
  oldText: string,
  newText: string,
): Uint8Array | undefined {
  const bom = bomLength(bytes, encoding);
  const oldLines = byteLines(bytes.subarray(bom), encoding);
  const oldDecoded = oldLines.map((line) => decodeBody(line, encoding));
  if (oldDecoded.join('') !== oldText) return undefined;
  const newLines = splitTextLines(newText);
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldDecoded[head] === newLines[head]) head++;
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldDecoded[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  )
    tail++;
  const middle = newLines.slice(head, newLines.length - tail).join('');
  const encodedMiddle =
    middle === ''
      ? new Uint8Array(0)
      : encodeConfigText(
          middle,
          encoding === 'utf16le' ? 'utf16le-nobom' : encoding === 'utf8bom' ? 'utf8' : encoding,
        ).subarray(encoding === 'utf16be' ? 2 : 0);
  const parts = [
    bytes.subarray(0, bom),
    ...oldLines.slice(0, head),
    encodedMiddle,
    ...oldLines.slice(oldLines.length - tail),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
