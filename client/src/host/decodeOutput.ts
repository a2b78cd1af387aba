// Turns the bytes a Windows tool wrote into plain `\n`-separated text.
//
// wsl.exe writes UTF-16LE without a BOM unless WSL_UTF8 is exactly "1", and older builds
// ignore WSL_UTF8 entirely, so even with WSL_UTF8=1 set we must recognise UTF-16 by its
// shape (src/windows/wsl/WslClient.cpp `Main`, src/shared/wslutil.cpp `SetCrtEncoding`). The CRT's text mode turns "\n" into "\r\n", and strings that already
// held "\r\n" come out as "\r\r\n"; dropping every "\r" handles both.

export type OutputEncoding = 'utf8' | 'utf16le';

/** How many leading bytes the UTF-16 sniffing looks at; enough for any header line. */
const SNIFF_BYTES = 4096;

export function detectOutputEncoding(bytes: Uint8Array): OutputEncoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 2) return 'utf8';
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  // ASCII and Latin text in UTF-16LE has a NUL in (nearly) every high byte. CJK text does
  // not, but wsl.exe output always mixes in ASCII digits, spaces and line breaks, so a 30 %
  // share is a safe floor. Real UTF-8 text practically never contains NUL bytes at all.
  return zeroOdd / pairs >= 0.3 && zeroEven <= zeroOdd / 4 ? 'utf16le' : 'utf8';
}

export interface DecodedOutput {
  readonly text: string;
  readonly encoding: OutputEncoding;
}

/**
 * Decodes tool output. `encoding: 'auto'` sniffs; a fixed value skips sniffing (used for the
 * raw bytes relayed from Linux commands, which are never UTF-16).
 */
export function decodeOutput(bytes: Uint8Array, encoding: OutputEncoding | 'auto' = 'auto'): DecodedOutput {
  const chosen = encoding === 'auto' ? detectOutputEncoding(bytes) : encoding;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = chosen === 'utf16le' ? buffer.toString('utf16le', 0, buffer.length & ~1) : buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: stripCarriageReturns(text), encoding: chosen };
}

export function stripCarriageReturns(text: string): string {
  return text.replace(/\r/g, '');
}

/** Non-empty lines with surrounding whitespace (including no-break spaces) removed. */
export function meaningfulLines(text: string): string[] {
  return stripCarriageReturns(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
