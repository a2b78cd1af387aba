/**
 * Pure decisions for a distro's /etc/wsl.conf and /etc/wsl-distribution.conf opened in VS Code:
 * the document address (`wsl-distro-config:/<distro>/etc/wsl.conf`), the distro picker's items,
 * what a save must ask first, and the status bar tooltip lines. No `vscode` import.
 */
import { decodeConfigBytes, encodeConfigText, summarizeDistroConfig } from '../../../server/src/core';
import * as path from 'node:path';
import {
  DISTRO_CONFIG_PATHS,
  requiredConfigPath,
  WSL_CONF_PATH,
  type DistroConfigPath,
} from '../host/distroConfigFile';
import type { DistroInfo } from '../host/hostTypes';
import { validateDistroName } from '../host/validators';
import { md, type Localize } from './l10n';

/** The URI scheme of the file system provider that reads and writes these files as root. */
export const DISTRO_CONFIG_SCHEME = 'wsl-distro-config';

export interface DistroConfigAddress {
  readonly distro: string;
  readonly path: DistroConfigPath;
}

/**
 * `/<distro>/etc/wsl.conf`: the URI path. The file name stays `wsl.conf`, so the language
 * contribution (filenames) gives it the `wslconf` language and the server its file kind.
 */
export function distroConfigUriPath(address: DistroConfigAddress): string {
  const distro = validateDistroName(address.distro);
  if (!distro.ok) throw new Error(distro.error);
  return `/${distro.value}${requiredConfigPath(address.path)}`;
}

/** The distro and file of a URI path, or undefined for anything else (a hostile or unknown path). */
export function parseDistroConfigUriPath(uriPath: string): DistroConfigAddress | undefined {
  const match = /^\/([^/]+)(\/etc\/[^/]+)$/.exec(uriPath);
  if (!match) return undefined;
  const distro = validateDistroName(match[1]);
  if (!distro.ok) return undefined;
  try {
    return { distro: distro.value, path: requiredConfigPath(match[2]) };
  } catch {
    return undefined;
  }
}

/**
 * Which of the distro's configuration files a local path is, inside the distro: `root` is the
 * distro's "/" as this process sees it (`/`, or a stand-in folder under the test harness).
 * Anything else, a path through `..` included, is not one of them.
 */
export function localDistroConfigPath(fsPath: string, root: string): DistroConfigPath | undefined {
  if (!path.posix.isAbsolute(fsPath) || path.posix.normalize(fsPath) !== fsPath) return undefined;
  return DISTRO_CONFIG_PATHS.find((config) => path.posix.join(root, config) === fsPath);
}

export interface DistroPickItem {
  readonly label: string;
  readonly description: string;
  readonly distro: string;
}

/** One item per distro that passes validation, with its state (reading a stopped one starts it). */
export function distroPickItems(distros: readonly DistroInfo[], t: Localize): DistroPickItem[] {
  return distros
    .filter((d) => validateDistroName(d.name).ok)
    .map((d) => ({
      label: d.name,
      description: [
        d.isDefault ? t('default') : '',
        d.state,
        d.state === 'Running' ? '' : t('reading its file starts it'),
      ]
        .filter((s) => s !== '')
        .join(' · '),
      distro: d.name,
    }));
}

/** The tooltip section: one line per distro whose wsl.conf has been read, text from the files escaped. */
export function distroSummaryMarkdown(
  files: readonly { distro: string; wslconfText: string }[],
  wslconfigText: string | undefined,
  t: Localize,
): string | undefined {
  if (files.length === 0) return undefined;
  const lines = files
    .slice()
    .sort((a, b) => a.distro.localeCompare(b.distro))
    .map(({ distro, wslconfText }) => {
      const summary = summarizeDistroConfig(wslconfText, wslconfigText);
      return `- **${md(distro)}** ${md(WSL_CONF_PATH)}: ${md(summary.line || t('WSL defaults'))}`;
    });
  return [`${t('Distro settings (/etc/wsl.conf):')}`, '', ...lines].join('\n');
}

/**
 * The bytes a save writes, and their text for the checks. VS Code already keeps the encoding and
 * line endings it detected; when it would change the encoding of a file that exists (a BOM it
 * dropped, UTF-16 read as something else), the file's own encoding wins: WSL reads wsl.conf as
 * bytes, and a save must not change what it sees beyond the edit.
 */
export function bytesToSave(
  incoming: Uint8Array,
  previous: Uint8Array | undefined,
): { bytes: Uint8Array; text: string } {
  const decoded = decodeConfigBytes(incoming);
  if (previous === undefined || previous.length === 0) return { bytes: incoming, text: decoded.text };
  const before = decodeConfigBytes(previous).encoding;
  if (before === decoded.encoding) return { bytes: incoming, text: decoded.text };
  return { bytes: encodeConfigText(decoded.text, before), text: decoded.text };
}
