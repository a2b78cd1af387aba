/**
 * The user settings the server honours (`wslNetwork.*`): pulled from the client per settings scope
 * (`workspace/configuration`), and pushed by clients that send them with
 * `workspace/didChangeConfiguration` instead (Neovim 0.7's `settings`). A pulled value wins over a
 * pushed one; every value is checked for its type and range, and a bad one falls back to the default.
 */
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import { MAX_CONFIG_FILE_BYTES } from './core/limits';

export interface DocumentOptions {
  validate: boolean;
  restartNotice: boolean;
  format: boolean;
  /** Quiet time after the last edit before diagnostics are computed. */
  diagnosticsDelayMs: number;
  /** Files larger than this (UTF-8 bytes) get one "too large" diagnostic instead of an analysis. */
  maxFileSize: number;
}

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
export const DEFAULT_DIAGNOSTICS_DELAY_MS = 120;
const MAX_DIAGNOSTICS_DELAY_MS = 10_000;

export const DEFAULTS: DocumentOptions = {
  validate: true,
  restartNotice: true,
  format: true,
  diagnosticsDelayMs: DEFAULT_DIAGNOSTICS_DELAY_MS,
  maxFileSize: MAX_CONFIG_FILE_BYTES,
};

/** The scope of every document outside the workspace folders: user settings only. */
const OUTSIDE_FOLDERS = '';

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `a.b.c` in a settings object written either nested (`{a: {b: {c}}}`) or flat (`{'a.b.c': …}`). */
function lookup(settings: Raw | undefined, path: string): unknown {
  if (!settings) return undefined;
  if (path in settings) return settings[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = settings[path.slice(0, dot)];
  return isObject(head) ? lookup(head, path.slice(dot + 1)) : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function integer(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? Math.floor(value)
    : undefined;
}

/** The options a `wslNetwork` settings object sets; what it lacks or gets wrong stays undefined. */
function read(config: Raw | undefined): Partial<DocumentOptions> {
  return {
    validate: bool(lookup(config, 'validate.enable')),
    restartNotice: bool(lookup(config, 'diagnostics.restartNotice')),
    format: bool(lookup(config, 'format.enable')),
    diagnosticsDelayMs: integer(lookup(config, 'diagnostics.delayMs'), 0, MAX_DIAGNOSTICS_DELAY_MS),
    maxFileSize: integer(lookup(config, 'maxFileSize'), 0, Number.MAX_SAFE_INTEGER),
  };
}

/** `base` with every option `over` sets. */
function merge(base: DocumentOptions, over: Partial<DocumentOptions>): DocumentOptions {
  const result = { ...base };
  for (const [name, value] of Object.entries(over) as [keyof DocumentOptions, never][])
    if (value !== undefined) result[name] = value;
  return result;
}

export class ServerSettings {
  private readonly cache = new Map<string, Promise<DocumentOptions>>();
  supportsConfiguration = false;
  /** What the client pushed with `workspace/didChangeConfiguration` (its `wslNetwork` part). */
  private pushed: Partial<DocumentOptions> = {};
  /**
   * Workspace folder URIs (with a trailing '/'), longest first; undefined when the client did not
   * say, and then every document is its own scope.
   */
  private folders: string[] | undefined;

  constructor(private readonly connection: Connection) {}

  /** From `initialize` (null: no folder open) and later folder changes. */
  setWorkspaceFolders(folders: readonly WorkspaceFolder[] | null | undefined): void {
    const uris = Array.isArray(folders)
      ? folders.map((f) => f?.uri).filter((uri): uri is string => typeof uri === 'string')
      : folders === null
        ? []
        : undefined;
    this.folders = uris?.map((uri) => (uri.endsWith('/') ? uri : `${uri}/`)).sort((a, b) => b.length - a.length);
    this.forget();
  }

  /**
   * `workspace/didChangeConfiguration`: VS Code sends `{ wslNetwork: {…} }` (the client's
   * `synchronize.configurationSection`), other clients whatever their user configured, often the same
   * shape. Anything else (null, a string) pushes nothing.
   */
  setPushed(settings: unknown): void {
    const section = isObject(settings) ? settings.wslNetwork : undefined;
    this.pushed = isObject(section) ? read(section) : {};
    this.forget();
  }

  /**
   * The options for a document. Resource settings differ by workspace folder, not by file, so the
   * answer is kept per folder: opening a second file in a folder costs no round trip to the client.
   */
  forDocument(uri: string): Promise<DocumentOptions> {
    const fromPush = merge(DEFAULTS, this.pushed);
    if (!this.supportsConfiguration) return Promise.resolve(fromPush);
    const scope = this.scopeOf(uri);
    let options = this.cache.get(scope);
    if (!options) {
      options = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'wslNetwork' })
        .then((config: unknown) => merge(fromPush, read(isObject(config) ? config : undefined)))
        .catch(() => fromPush);
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
