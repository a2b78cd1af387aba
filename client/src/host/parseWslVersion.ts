// `wsl.exe --version` (WslClient.cpp `Version()`, `MessagePackageVersions`):
// always seven lines in a fixed order with localized labels, so values are taken by line
// index. Debug builds append MSBuild version / commit / build time lines.
import { meaningfulLines } from './decodeOutput';
import type { WslVersionInfo } from './hostTypes';

/** undefined when the output is not the seven-line block (inbox WSL prints usage instead). */
export function parseWslVersion(text: string): WslVersionInfo | undefined {
  const lines = meaningfulLines(text);
  if (lines.length < 7) return undefined;
  const values = lines.slice(0, 7).map(valueAfterFirstColon);
  if (values.some((value) => value === undefined || value === '')) return undefined;
  const [wslVersion, kernelVersion, wslgVersion, msrdcVersion, direct3dVersion, dxcoreVersion, windowsVersion] =
    values as string[];
  // The first value must look like a version; usage text would fail here.
  if (!/^[0-9]+(\.[0-9]+)+/.test(wslVersion ?? '')) return undefined;
  return {
    wslVersion: wslVersion as string,
    kernelVersion: kernelVersion as string,
    wslgVersion: wslgVersion as string,
    msrdcVersion: msrdcVersion as string,
    direct3dVersion: direct3dVersion as string,
    dxcoreVersion: dxcoreVersion as string,
    windowsVersion: windowsVersion as string,
    extra: lines.slice(7),
  };
}

// Values never contain a colon in the seven fixed lines; the first colon ends the label
// (a later one would belong to a value such as the debug build time "10:12:00").
function valueAfterFirstColon(line: string): string | undefined {
  const colon = line.indexOf(':');
  return colon < 0 ? undefined : line.slice(colon + 1).trim();
}
