// `wsl.exe --status` (WslClient.cpp `Status()`). The labels are localized
// (de-DE `Standarddistribution:`, fr-FR puts a no-break space before the colon), so lines are
// read by position and the value is whatever follows the last colon.
import { meaningfulLines } from './decodeOutput';
import type { WslStatus } from './hostTypes';

export function parseWslStatus(text: string): WslStatus {
  const lines = meaningfulLines(text);
  const values = lines.map(valueAfterLastColon);
  // Line 1 is "Default Distribution" only when a default distro exists; "Default Version" is
  // always printed and is a single digit, so it tells us which layout we have.
  let defaultDistro: string | undefined;
  let versionIndex: number;
  if (values.length >= 2 && isVersionValue(values[1]) && values[0] !== undefined && values[0] !== '') {
    defaultDistro = values[0];
    versionIndex = 1;
  } else {
    versionIndex = 0;
  }
  const versionText = values[versionIndex];
  const defaultVersion = versionText !== undefined && isVersionValue(versionText) ? Number(versionText) : undefined;
  const notes = lines.slice(defaultVersion === undefined ? versionIndex : versionIndex + 1);
  return { defaultDistro, defaultVersion, notes };
}

function valueAfterLastColon(line: string): string | undefined {
  const colon = line.lastIndexOf(':');
  return colon < 0 ? undefined : line.slice(colon + 1).trim();
}

function isVersionValue(value: string | undefined): boolean {
  return value !== undefined && /^[0-9]$/.test(value);
}
