/** The user settings the server honours, pulled from the client per settings scope (`wslNetwork.*`). */
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';

export interface DocumentOptions {
  validate: boolean;
  restartNotice: boolean;
  format: boolean;
}

const DEFAULTS: DocumentOptions = { validate: true, restartNotice: true, format: true };

/** The scope of every document outside the workspace folders: user settings only. */
const OUTSIDE_FOLDERS = '';

export class ServerSettings {
  private readonly cache = new Map<string, Promise<DocumentOptions>>();
  supportsConfiguration = false;
  /**
   * Workspace folder URIs (with a trailing '/'), longest first; undefined when the client did not
   * say, and then every document is its own scope.
   */
  private folders: string[] | undefined;

  constructor(private readonly connection: Connection) {}

  /** From `initialize` (null: no folder open) and later folder changes. */
  setWorkspaceFolders(folders: readonly WorkspaceFolder[] | null | undefined): void {
    this.folders = folders === undefined ? undefined : (folders ?? []).map((f) => (f.uri.endsWith('/') ? f.uri : `${f.uri}/`)).sort((a, b) => b.length - a.length);
    this.forget();
  }

  /**
   * The options for a document. Resource settings differ by workspace folder, not by file, so the
   * answer is kept per folder: opening a second file in a folder costs no round trip to the client.
   */
  forDocument(uri: string): Promise<DocumentOptions> {
    if (!this.supportsConfiguration) return Promise.resolve(DEFAULTS);
    const scope = this.scopeOf(uri);
    let options = this.cache.get(scope);
    if (!options) {
      options = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'wslNetwork' })
        .then((config: { validate?: { enable?: boolean }; diagnostics?: { restartNotice?: boolean }; format?: { enable?: boolean } } | null) => ({
          validate: config?.validate?.enable ?? DEFAULTS.validate,
          restartNotice: config?.diagnostics?.restartNotice ?? DEFAULTS.restartNotice,
          format: config?.format?.enable ?? DEFAULTS.format,
        }))
        .catch(() => DEFAULTS);
      this.cache.set(scope, options);
    }
    return options;
  }

  forget(): void {
    this.cache.clear();
  }

  private scopeOf(uri: string): string {
    if (this.folders === undefined) return uri;
    return this.folders.find((folder) => uri.startsWith(folder)) ?? OUTSIDE_FOLDERS;
  }
}
