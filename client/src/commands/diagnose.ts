/** Diagnose Port: the diagnosis as a Markdown preview. */
import * as vscode from 'vscode';
import type { WslConfigEditFix } from '../host/connectivity';
import type { Protocol } from '../host/validators';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { diagnosePort } from '../model/diagnose';
import { ignoredPortsWith } from '../model/wslConfigFile';
import { askPort, result, t, type CockpitCommandOptions, type CommandResult } from './common';
import { readConflictFacts } from './portConflicts';
import { setWslConfigKey } from './configFile';

const DIAGNOSIS_SCHEME = 'wsl-network-diagnosis';

/** The read-only documents behind the diagnosis previews (registered on first use). */
export class DiagnosisPreviews implements vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private provider: vscode.Disposable | undefined;

  add(path: string, markdown: string): vscode.Uri {
    this.provider ??= vscode.workspace.registerTextDocumentContentProvider(DIAGNOSIS_SCHEME, {
      provideTextDocumentContent: (uri) => this.documents.get(uri.path) ?? '',
    });
    const uri = vscode.Uri.from({ scheme: DIAGNOSIS_SCHEME, path, query: String(Date.now()) });
    this.documents.set(uri.path, markdown);
    return uri;
  }

  dispose(): void {
    this.provider?.dispose();
    this.provider = undefined;
    this.documents.clear();
  }
}

export async function diagnose(
  cockpit: Cockpit,
  previews: DiagnosisPreviews,
  prompter: Prompter,
  options: CockpitCommandOptions,
): Promise<CommandResult> {
  const asked = await askPort(cockpit, prompter, options, t('Diagnose Port'), false);
  if ('ok' in asked) return asked;
  const protocol: Protocol = options.protocol === 'UDP' ? 'UDP' : 'TCP';
  await cockpit.refresh(true);
  const facts = cockpit.facts;
  if (!facts) return result(false, 'failed', t('No facts yet.'));
  const conflictFacts = await readConflictFacts(cockpit, protocol);
  const diagnosis = diagnosePort({ facts, port: asked.port, protocol, ...(conflictFacts ? { conflictFacts } : {}) }, t);
  cockpit.log(`diagnosis ${diagnosis.summary}`);
  if (options.open !== false) {
    const uri = previews.add(`/port-${asked.port}-${protocol.toLowerCase()}.md`, diagnosis.markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: diagnosis.markdown });
      await vscode.window.showTextDocument(document, { preview: true });
    }
  }
  const fixed = await offerConfigFixes(cockpit, prompter, options, asked.port, diagnosis.configFixes);
  return result(true, 'done', diagnosis.summary, { data: { ...diagnosis, ...(fixed ? { fixed } : {}) } });
}

/**
 * The `.wslconfig` fix the diagnosis found (today: a Docker port in mirrored mode goes into
 * `[experimental] ignoredPorts`). Interactive: a notification whose button shows the exact change
 * and asks; programmatic: applied only with `applyFix`. Never offered in Restricted Mode.
 */
async function offerConfigFixes(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
  port: number,
  fixes: readonly WslConfigEditFix[],
): Promise<CommandResult | undefined> {
  const fix = fixes[0];
  if (!fix || !vscode.workspace.isTrusted) return undefined;
  const apply = (): Promise<CommandResult> =>
    setWslConfigKey(cockpit, prompter, fix, {
      question: t('Add port {0} to ignoredPorts in .wslconfig?', port),
      reason: `Diagnose Port ${port}: Docker port in mirrored mode`,
      valueFor: (text) => ignoredPortsWith(text, port),
    });
  if (!prompter.interactive) return options.applyFix === true ? apply() : undefined;
  const action = t('Add to ignoredPorts...');
  void prompter
    .notify('warning', t('Port {0} is a Docker port in mirrored mode: {1}', port, fix.description), action)
    .then(async (picked) => {
      if (picked !== action) return;
      const outcome = await apply();
      if (!outcome.ok && outcome.outcome !== 'cancelled') void prompter.notify('error', outcome.message);
    });
  return undefined;
}
