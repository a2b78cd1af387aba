// `wsl.exe --version` (src/windows/wsl/WslClient.cpp `Version()`, `MessagePackageVersions` in
// localization/strings/<locale>/Resources.resw): one "label: value" line per component.
// The labels are translated, but the product names inside them are not (WSLg, MSRDC,
// Direct3D, DXCore, Windows, WSL), so each line is matched by the product it names; only the
// kernel line has no product name and is recognised by its place (second, after the WSL line)
// or its translated word. The colon is ASCII in most languages and full-width "：" in
// Traditional Chinese (and in Simplified Chinese before about WSL 2.5). Store WSL 0.58 printed
// six lines (no DXCore), and the zh-CN strings of 2.5 say just "Windows:", so nothing depends
// on the line count.
import { meaningfulLines } from './decodeOutput';
import type { UnknownOutputReporter, WslVersionInfo } from './hostTypes';

type VersionField = Exclude<keyof WslVersionInfo, 'extra'>;

const LABEL_VALUE = /^(.*?)[:：]\s*(.*)$/;
const VERSION_VALUE = /^[0-9]+(\.[0-9]+)+[0-9A-Za-z.+_-]*$/;
// The word for "kernel" in the translations of MessagePackageVersions.
const KERNEL_WORD = /kernel|内核|核心|カーネル|커널|ядр|noyau|jądr|jádr|çekirdek|ytimen|kernen/i;

function productOf(label: string): VersionField | undefined {
  if (/WSLg/i.test(label)) return 'wslgVersion';
  if (/MSRDC/i.test(label)) return 'msrdcVersion';
  if (/Direct3D/i.test(label)) return 'direct3dVersion';
  if (/DXCore/i.test(label)) return 'dxcoreVersion';
  if (/Windows/i.test(label)) return 'windowsVersion';
  if (/(^|[^A-Za-z])WSL([^A-Za-z]|$)/.test(label)) return 'wslVersion';
  if (KERNEL_WORD.test(label)) return 'kernelVersion';
  return undefined;
}

/**
 * undefined when no line is a component version (inbox WSL prints usage text instead).
 * A line whose label is not recognised leaves only its field undefined and is reported.
 */
export function parseWslVersion(text: string, reportUnknown?: UnknownOutputReporter): WslVersionInfo | undefined {
  const lines = meaningfulLines(text);
  const found: { -readonly [K in VersionField]?: string } = {};
  const extra: string[] = [];
  let lastKnownIndex = -1;
  lines.forEach((line, index) => {
    const match = LABEL_VALUE.exec(line);
    const value = match?.[2]?.trim() ?? '';
    let field = match ? productOf(match[1] as string) : undefined;
    // The kernel line always follows the WSL line; its translated label may be unknown to us.
    if (field === undefined && index === 1 && found.wslVersion !== undefined && VERSION_VALUE.test(value))
      field = 'kernelVersion';
    if (field !== undefined && found[field] === undefined && VERSION_VALUE.test(value)) {
      found[field] = value;
      lastKnownIndex = index;
    } else {
      extra.push(line);
    }
  });
  if (Object.keys(found).length === 0) {
    if (text.trim() !== '') reportUnknown?.('wsl.exe --version', text);
    return undefined;
  }
  // Lines after the component block (debug builds: MSBuild version, commit, build time) are
  // expected; anything unreadable inside the block is worth a report.
  const inside = lines.slice(0, lastKnownIndex + 1).filter((line) => extra.includes(line));
  if (inside.length > 0) reportUnknown?.('wsl.exe --version', text);
  return { ...found, extra };
}
