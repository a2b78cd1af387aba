/** Open in Browser, Copy Local URL, Copy LAN URL and Show LAN URL as QR Code for a port of the tree. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { isShareableUrl, lanQrHtml, lanQrSvg } from '../model/lanQr';
import { describeError, portNodeOf, result, t, type Arg, type CommandResult } from './common';

export async function openInBrowser(cockpit: Cockpit, arg: Arg): Promise<CommandResult> {
  const node = portNodeOf(cockpit, arg);
  const url = node?.localUrl ?? node?.lanUrls[0];
  if (!url) return result(false, 'nothing', t('Windows cannot reach this port, so there is nothing to open.'));
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return result(true, 'done', url, { data: url });
}

export async function copyLocalUrl(cockpit: Cockpit, arg: Arg, prompter: Prompter): Promise<CommandResult> {
  const url = portNodeOf(cockpit, arg)?.localUrl;
  if (!url) return result(false, 'nothing', t('Windows cannot reach this port, so it has no local URL.'));
  return copy(url, prompter);
}

export async function copyLanUrl(cockpit: Cockpit, arg: Arg, prompter: Prompter): Promise<CommandResult> {
  const picked = await pickLanUrl(cockpit, arg, prompter);
  return typeof picked === 'string' ? copy(picked, prompter) : picked;
}

/**
 * Show LAN URL as QR Code: a small webview with the code (generated locally, model/lanQr.ts) and the
 * URL beside it, for a phone on the same network. No script runs in it; it changes nothing.
 */
export async function showLanUrlQrCode(cockpit: Cockpit, arg: Arg, prompter: Prompter): Promise<CommandResult> {
  const picked = await pickLanUrl(cockpit, arg, prompter);
  if (typeof picked !== 'string') return picked;
  if (!isShareableUrl(picked)) return result(false, 'refused', t('Not a URL to share: {0}', picked));
  const svg = lanQrSvg(picked);
  const title = t('LAN URL {0}', picked);
  const panel = vscode.window.createWebviewPanel(
    LAN_QR_VIEW_TYPE,
    title,
    { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
    { enableScripts: false, enableForms: false, localResourceRoots: [] },
  );
  panel.webview.html = lanQrHtml({
    url: picked,
    svg,
    nonce: randomBytes(16).toString('base64'),
    title,
    hint: t('Scan it with a phone on the same network. The code was generated on this PC.'),
  });
  return result(true, 'done', picked, { data: picked });
}

export const LAN_QR_VIEW_TYPE = 'wslNetwork.lanUrlQrCode';

/** The port's LAN URL: the only one, or the one the user picks; a result when there is none. */
async function pickLanUrl(cockpit: Cockpit, arg: Arg, prompter: Prompter): Promise<string | CommandResult> {
  const node = portNodeOf(cockpit, arg);
  const urls = node?.lanUrls ?? [];
  if (urls.length === 0) {
    return result(
      false,
      'nothing',
      node?.reach?.fromLan
        ? t('The LAN address of this PC is unknown here; use its IP address from ipconfig.')
        : t('This port is not reachable from the LAN. Expose it first.'),
    );
  }
  const url =
    urls.length === 1
      ? urls[0]
      : (
          await prompter.pick(
            urls.map((u) => ({ label: u })),
            { placeHolder: t('Which address?') },
          )
        )?.label;
  return url ?? result(false, 'cancelled', t('Cancelled.'));
}

async function copy(url: string, prompter: Prompter): Promise<CommandResult> {
  try {
    await vscode.env.clipboard.writeText(url);
  } catch (error) {
    return result(false, 'failed', t('Could not copy {0}: {1}', url, describeError(error)), { data: url });
  }
  void prompter.notify('info', t('Copied {0}', url));
  return result(true, 'done', url, { data: url });
}
