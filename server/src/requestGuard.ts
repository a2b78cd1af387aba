/**
 * The per-request error boundary. Every request and notification handler goes through here: its
 * parameters are checked before use (any client, or anything that writes to the server's stdin, can
 * send a number where a URI belongs), a cancelled request is answered as cancelled without being
 * computed, and an exception is logged to the client's output and answered with an error instead of
 * taking the process down (an unhandled rejection ends a Node process).
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type NotificationHandler,
} from 'vscode-languageserver/node';

type Raw = Record<string, unknown>;

/** An error answer; each request types its error data differently. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RequestError = ResponseError<any>;

export const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function isPosition(value: unknown): boolean {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

export function isRange(value: unknown): boolean {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

/** `{ textDocument: { uri: string } }`, what every document request carries. */
export function hasDocument(params: unknown): params is { textDocument: { uri: string } } {
  return isObject(params) && isObject(params.textDocument) && typeof params.textDocument.uri === 'string';
}

export function hasPosition(
  params: unknown,
): params is { textDocument: { uri: string }; position: { line: number; character: number } } {
  return hasDocument(params) && isPosition((params as Raw).position);
}

export function hasRange(params: unknown): params is {
  textDocument: { uri: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
} {
  return hasDocument(params) && isRange((params as Raw).range);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.message}${error.stack ? `\n${error.stack}` : ''}`;
  return String(error);
}

export function cancelled(): RequestError {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** A request handler behind the boundary: checked parameters, cancellation, errors answered. */
export function guardRequest<P, R>(
  connection: Connection,
  method: string,
  valid: (params: unknown) => params is P,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: unknown, token: CancellationToken) => Promise<R | RequestError> {
  return async (params, token) => {
    // Requests queue up behind an edit storm; one the client gave up on meanwhile is not computed.
    if (token?.isCancellationRequested) return cancelled();
    if (!valid(params)) {
      connection.console.error(`${method}: malformed parameters ignored.`);
      return new ResponseError(ErrorCodes.InvalidParams, `${method}: malformed parameters.`);
    }
    try {
      const result = await handler(params, token);
      return token?.isCancellationRequested ? cancelled() : result;
    } catch (error) {
      connection.console.error(`${method} failed: ${describe(error)}`);
      return new ResponseError(
        ErrorCodes.InternalError,
        `${method} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}

/** A notification handler behind the boundary: malformed parameters and errors are logged, never thrown. */
export function guardNotification<P>(
  connection: Connection,
  method: string,
  valid: (params: unknown) => params is P,
  handler: (params: P) => unknown,
): (params: unknown) => void {
  const fail = (error: unknown): void => connection.console.error(`${method} failed: ${describe(error)}`);
  return (params) => {
    if (!valid(params)) {
      connection.console.error(`${method}: malformed parameters ignored.`);
      return;
    }
    try {
      const result = handler(params);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** Runs `work` detached from any request (a timer, an event): an error is logged, never thrown. */
export function logFailure(connection: Connection, what: string, work: () => unknown): void {
  const fail = (error: unknown): void => connection.console.error(`${what} failed: ${describe(error)}`);
  try {
    const result = work();
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}

function isOpen(params: unknown): params is unknown {
  if (!isObject(params) || !isObject(params.textDocument)) return false;
  const td = params.textDocument;
  return (
    typeof td.uri === 'string' &&
    typeof td.text === 'string' &&
    typeof td.languageId === 'string' &&
    Number.isInteger(td.version)
  );
}

/** didChange parameters: a document with a version, and changes whose text is a string. */
export function isChange(params: unknown): params is unknown {
  if (!isObject(params) || !isObject(params.textDocument) || !Array.isArray(params.contentChanges)) return false;
  const td = params.textDocument;
  return (
    typeof td.uri === 'string' &&
    Number.isInteger(td.version) &&
    params.contentChanges.every(
      (change) =>
        isObject(change) && typeof change.text === 'string' && (change.range === undefined || isRange(change.range)),
    )
  );
}

/**
 * What `TextDocuments.listen` registers on, with every document notification behind the boundary:
 * a didOpen whose `text` is not a string is refused before it becomes a document.
 */
export function guardedDocumentSync(connection: Connection): Connection {
  const wrap =
    (method: string, valid: (params: unknown) => params is unknown) => (handler: NotificationHandler<never>) =>
      guardNotification(connection, method, valid, handler as (params: unknown) => unknown);
  return Object.assign(Object.create(connection) as Connection, {
    onDidOpenTextDocument: (handler: NotificationHandler<never>) =>
      connection.onDidOpenTextDocument(wrap('textDocument/didOpen', isOpen)(handler)),
    onDidChangeTextDocument: (handler: NotificationHandler<never>) =>
      connection.onDidChangeTextDocument(wrap('textDocument/didChange', isChange)(handler)),
    onDidCloseTextDocument: (handler: NotificationHandler<never>) =>
      connection.onDidCloseTextDocument(wrap('textDocument/didClose', hasDocument)(handler)),
    onWillSaveTextDocument: (handler: NotificationHandler<never>) =>
      connection.onWillSaveTextDocument(wrap('textDocument/willSave', hasDocument)(handler)),
    onDidSaveTextDocument: (handler: NotificationHandler<never>) =>
      connection.onDidSaveTextDocument(wrap('textDocument/didSave', hasDocument)(handler)),
  });
}
