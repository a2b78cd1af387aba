/** The user settings the server honours, pulled from the client per document (`wslNetwork.*`). */
import type { Connection } from 'vscode-languageserver/node';

export interface DocumentOptions {
  validate: boolean;
  restartNotice: boolean;
  format: boolean;
}

const DEFAULTS: DocumentOptions = { validate: true, restartNotice: true, format: true };

export class ServerSettings {
  private readonly cache = new Map<string, Promise<DocumentOptions>>();
  supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  forDocument(uri: string): Promise<DocumentOptions> {
    if (!this.supportsConfiguration) return Promise.resolve(DEFAULTS);
    let options = this.cache.get(uri);
    if (!options) {
      options = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'wslNetwork' })
        .then((config: { validate?: { enable?: boolean }; diagnostics?: { restartNotice?: boolean }; format?: { enable?: boolean } } | null) => ({
          validate: config?.validate?.enable ?? DEFAULTS.validate,
          restartNotice: config?.diagnostics?.restartNotice ?? DEFAULTS.restartNotice,
          format: config?.format?.enable ?? DEFAULTS.format,
        }))
        .catch(() => DEFAULTS);
      this.cache.set(uri, options);
    }
    return options;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
