/**
 * Reads LSP messages from a stream (`--stdio`) and folds a run of `textDocument/didChange`
 * notifications for one document into one notification, so that a request sent after an edit storm
 * is reached after one document update instead of thousands.
 *
 * vscode-jsonrpc's `StreamMessageReader` decodes one message per event-loop turn, and the connection
 * then handles one message per turn: 5,000 queued keystrokes cost 10,000 turns before a hover behind
 * them is even looked at. Here every complete message of a chunk is decoded at once, in order, and
 * consecutive changes of the same document are joined: LSP applies `contentChanges` in order, each in
 * the text the one before left (Specification 3.17, `DidChangeTextDocumentParams`), so one
 * notification with all of them, carrying the newest version, leaves the same text.
 */
import {
  AbstractMessageReader,
  Disposable,
  type DataCallback,
  type Message,
  type MessageReader,
} from 'vscode-languageserver/node';
import { isChange } from './requestGuard';

interface ChangeNotification {
  jsonrpc: string;
  method: 'textDocument/didChange';
  params: { textDocument: { uri: string; version: number }; contentChanges: unknown[] };
}

function isDocumentChange(message: Message): message is ChangeNotification {
  const { method, params, id } = message as { method?: unknown; params?: unknown; id?: unknown };
  return method === 'textDocument/didChange' && id === undefined && isChange(params);
}

/**
 * `messages` with each run of well-formed didChange notifications of one document joined into one.
 * A malformed one is kept apart, so that the guard refuses it alone.
 */
export function joinDocumentChanges(messages: Message[]): Message[] {
  const joined: Message[] = [];
  for (const message of messages) {
    const previous = joined.at(-1);
    if (
      previous &&
      isDocumentChange(message) &&
      isDocumentChange(previous) &&
      previous.params.textDocument.uri === message.params.textDocument.uri
    ) {
      joined[joined.length - 1] = {
        jsonrpc: message.jsonrpc,
        method: message.method,
        params: {
          textDocument: message.params.textDocument,
          contentChanges: previous.params.contentChanges.concat(message.params.contentChanges),
        },
      } as ChangeNotification;
    } else {
      joined.push(message);
    }
  }
  return joined;
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

/** `Content-Length: n\r\n…\r\n\r\n` framed JSON-RPC messages from a byte stream, decoded a chunk at a time. */
export class CoalescingStreamReader extends AbstractMessageReader implements MessageReader {
  private buffered: Buffer = Buffer.alloc(0);
  /** Further chunks not yet joined to `buffered` (a large message arrives in many). */
  private more: Buffer[] = [];
  private moreBytes = 0;
  private bodyLength = -1;
  private failed = false;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string): void => this.onData(chunk, callback);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('close', onClose);
    this.stream.on('end', onClose);
    return Disposable.create(() => {
      this.stream.off('data', onData);
      this.stream.off('error', onError);
      this.stream.off('close', onClose);
      this.stream.off('end', onClose);
    });
  }

  private onData(chunk: Buffer | string, callback: DataCallback): void {
    if (this.failed) return;
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.more.push(data);
    this.moreBytes += data.length;
    const messages: Message[] = [];
    try {
      for (;;) {
        const message = this.next();
        if (!message) break;
        messages.push(message);
      }
    } catch (error) {
      // As StreamMessageReader does: the stream cannot be resynchronised, so nothing more is read.
      this.failed = true;
      this.fireError(error);
    }
    for (const message of joinDocumentChanges(messages)) callback(message);
  }

  /** The bytes buffered so far, in one buffer once a message needs them. */
  private available(needed: number): Buffer | undefined {
    if (this.buffered.length + this.moreBytes < needed) return undefined;
    if (this.more.length > 0) {
      this.buffered = Buffer.concat([this.buffered, ...this.more]);
      this.more = [];
      this.moreBytes = 0;
    }
    return this.buffered;
  }

  private next(): Message | undefined {
    if (this.bodyLength < 0) {
      const buffer = this.available(HEADER_END.length);
      const end = buffer ? buffer.indexOf(HEADER_END) : -1;
      if (!buffer || end < 0) return undefined;
      const headers = buffer.toString('ascii', 0, end).split('\r\n');
      const lengthHeader = headers.find((line) => /^content-length\s*:/i.test(line));
      const length = lengthHeader ? Number(lengthHeader.slice(lengthHeader.indexOf(':') + 1).trim()) : Number.NaN;
      if (!Number.isSafeInteger(length) || length < 0)
        throw new Error(`Header must provide a valid Content-Length property: ${JSON.stringify(headers)}`);
      this.buffered = buffer.subarray(end + HEADER_END.length);
      this.bodyLength = length;
    }
    const buffer = this.available(this.bodyLength);
    if (!buffer) return undefined;
    const body = buffer.toString('utf8', 0, this.bodyLength);
    this.buffered = buffer.subarray(this.bodyLength);
    this.bodyLength = -1;
    try {
      return JSON.parse(body) as Message;
    } catch (error) {
      // The framing still holds: report this message and read on.
      this.fireError(error);
      return this.next();
    }
  }
}
