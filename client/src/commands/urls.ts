/** Open in Browser, Copy Local URL, Copy LAN URL for a port of the tree. */
import * as vscode from 'vscode';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
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
  if (!url) return result(false, 'cancelled', t('Cancelled.'));
  return copy(url, prompter);
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
