/**
 * Every question the cockpit asks goes through a Prompter, so a command can run without dialogs
 * when it is called programmatically with `{ confirm: false }` (the VS Code tests do this; other
 * extensions may too). That option means "the caller has already confirmed": it answers every
 * confirmation with yes, takes the answers to other questions from the options, and turns
 * notifications into output-channel lines. It never changes WHAT runs: the same validation and
 * the same CommandSpec arrays are used, and each run is logged with its exact command lines.
 */
import * as vscode from 'vscode';

export interface Prompter {
  readonly interactive: boolean;
  /** true when the user chose `action`. Modal dialogs by default. */
  confirm(message: string, detail: string, action: string, options?: { modal?: boolean }): Promise<boolean>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Promise<readonly T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A notification that is never awaited by a command: the action (if any) arrives later. */
  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Thenable<string | undefined>;
}

export function vscodePrompter(): Prompter {
  return {
    interactive: true,
    async confirm(message, detail, action, options = {}) {
      const modal = options.modal !== false;
      const choice = await vscode.window.showWarningMessage(message, { modal, detail }, action);
      return choice === action;
    },
    async pick(items, options) {
      return vscode.window.showQuickPick([...items], { ...options, canPickMany: false });
    },
    async pickMany(items, options) {
      return vscode.window.showQuickPick([...items], { ...options, canPickMany: true });
    },
    async input(options) {
      return vscode.window.showInputBox(options);
    },
    notify(kind, message, ...actions) {
      if (kind === 'error') return vscode.window.showErrorMessage(message, ...actions);
      if (kind === 'warning') return vscode.window.showWarningMessage(message, ...actions);
      return vscode.window.showInformationMessage(message, ...actions);
    },
  };
}

/** Answers for a non-interactive run. */
export interface PromptAnswers {
  /** Picks the item whose `label` or `id`-like value matches. */
  readonly pick?: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;
  readonly pickMany?: (items: readonly vscode.QuickPickItem[]) => readonly vscode.QuickPickItem[];
  readonly input?: string;
}

export function scriptedPrompter(log: (line: string) => void, answers: PromptAnswers = {}): Prompter {
  return {
    interactive: false,
    async confirm(message, detail) {
      log(`[confirmed by caller] ${message}${detail ? `\n${detail}` : ''}`);
      return true;
    },
    async pick(items) {
      return answers.pick?.(items) as never;
    },
    async pickMany(items) {
      return (answers.pickMany?.(items) ?? []) as never;
    },
    async input() {
      return answers.input;
    },
    notify(kind, message) {
      log(`[${kind}] ${message}`);
      return Promise.resolve(undefined);
    },
  };
}
