/**
 * Reads LSP messages and folds a run of `textDocument/didChange` notifications for one document into
 * one notification, so that a request sent after an edit storm is reached after one document update
 * instead of thousands. Two transports: a byte stream (`--stdio`) and Node's IPC channel
 * (`--node-ipc`, what VS Code's client uses).
 *
 * vscode-jsonrpc's `StreamMessageReader` decodes one message per event-loop turn, and the connection
 * then handles one message per turn: 5,000 queued keystrokes cost 10,000 turns before a hover behind
 * them is even looked at. And Node reads up to 32 chunks of a pipe before it runs the next
 * `setImmediate` (libuv's read loop), so the connection's queue grows by a message per chunk while it
 * handles one per turn. Here every message that arrived before the next turn is decoded at once, in
 * order, and handed on in that turn with consecutive changes of the same document joined: LSP applies
 * `contentChanges` in order, each in the text the one before left (Specification 3.17,
 * `DidChangeTextDocumentParams`), so one notification with all of them, carrying the newest version,
 * leaves the same text.
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
 * A malformed one is kept apart, so that the guard refuses it alone. Each message is checked once and
 * each change copied once: a run of n changes costs n, not n² (a 64 KB chunk holds about 250).
 */
export function joinDocumentChanges(messages: readonly Message[]): Message[] {
  const joined: Message[] = [];
  /** The notification the current run is being joined into (ours, so its array may grow). */
  let run: ChangeNotification | undefined;
  for (const message of messages) {
    if (!isDocumentChange(message)) {
      joined.push(message);
      run = undefined;
    } else if (run && run.params.textDocument.uri === message.params.textDocument.uri) {
      run.params.textDocument = message.params.textDocument;
      for (const change of message.params.contentChanges) run.params.contentChanges.push(change);
    } else {
      run = {
        jsonrpc: message.jsonrpc,
        method: message.method,
        params: { textDocument: message.params.textDocument, contentChanges: message.params.contentChanges.slice() },
      };
      joined.push(run);
    }
  }
  return joined;
}

/**
 * Collects decoded messages and hands them on, joined, in the next turn of the event loop: everything
 * that arrived in between (one IPC read, or up to 32 pipe chunks) becomes as few messages as it can.
 */
class JoinedDelivery {
  private pending: Message[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly callback: DataCallback) {}

  add(message: Message): void {
    this.pending.push(message);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Hands on what is pending now (also before the transport reports its end). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const messages = this.pending;
    this.pending = [];
    for (const message of joinDocumentChanges(messages)) this.callback(message);
  }

  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.pending = [];
  }
}

const CR = 13;
const LF = 10;
const ZERO = 48;
/** What every client we know writes first: `Content-Length: ` (headers are case-insensitive, so others are read too). */
const USUAL_HEADER = Buffer.from('Content-Length: ', 'latin1');

/**
 * The value of the Content-Length header among the header bytes `start`..`end`, or undefined when
 * there is none or it is not a whole number. The usual header alone is read byte by byte: this runs
 * once per message, thousands of times in an edit storm.
 */
function contentLength(buffer: Buffer, start: number, end: number): number | undefined {
  if (
    end - start > USUAL_HEADER.length &&
    buffer.compare(USUAL_HEADER, 0, USUAL_HEADER.length, start, start + USUAL_HEADER.length) === 0
  ) {
    let value = 0;
    let at = start + USUAL_HEADER.length;
    for (; at < end && value <= Number.MAX_SAFE_INTEGER; at++) {
      const digit = buffer[at] - ZERO;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (at === end && at > start + USUAL_HEADER.length && value <= Number.MAX_SAFE_INTEGER) return value;
  }
  for (let lineStart = start; lineStart < end;) {
    let lineEnd = buffer.indexOf('\r\n', lineStart, 'latin1');
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const colon = buffer.indexOf(':', lineStart, 'latin1');
    if (colon > lineStart && colon < lineEnd) {
      const name = buffer.toString('latin1', lineStart, colon).trim().toLowerCase();
      if (name === 'content-length') {
        const value = buffer.toString('latin1', colon + 1, lineEnd).trim();
        return /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
      }
    }
    lineStart = lineEnd + 2;
  }
  return undefined;
}

/** `Content-Length: n\r\n…\r\n\r\n` framed JSON-RPC messages from a byte stream, decoded a chunk at a time. */
export class CoalescingStreamReader extends AbstractMessageReader implements MessageReader {
  /** Bytes received and not yet decoded start at `offset` in `buffered`. */
  private buffered: Buffer = Buffer.alloc(0);
  private offset = 0;
  private failed = false;
  /** The turn that resumes the stream readOnePerTurn paused. */
  private resumeScheduled: NodeJS.Immediate | undefined;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const delivery = new JoinedDelivery(callback);
    const onData = (chunk: Buffer | string): void => this.onData(chunk, delivery);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => {
      delivery.flush();
      this.fireClose();
    };
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('close', onClose);
    this.stream.on('end', onClose);
    return Disposable.create(() => {
      delivery.dispose();
      if (this.resumeScheduled !== undefined) clearImmediate(this.resumeScheduled);
      this.resumeScheduled = undefined;
      this.stream.off('data', onData);
      this.stream.off('error', onError);
      this.stream.off('close', onClose);
      this.stream.off('end', onClose);
    });
  }

  private onData(chunk: Buffer | string, delivery: JoinedDelivery): void {
    if (this.failed) return;
    this.readOnePerTurn();
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    // Only the undecoded rest of the last chunk (part of one message) is copied.
    this.buffered =
      this.offset < this.buffered.length ? Buffer.concat([this.buffered.subarray(this.offset), data]) : data;
    this.offset = 0;
    try {
      this.decode(delivery);
    } catch (error) {
      // As StreamMessageReader does: the stream cannot be resynchronised, so nothing more is read.
      this.failed = true;
      this.fireError(error);
    }
  }

  /**
   * Stops the stream after this chunk until the event loop has turned once. libuv reads up to 32
   * chunks of a ready pipe in one poll phase (uv__read), while vscode-jsonrpc's connection handles one
   * message per turn (a `setImmediate`) and writes its answer in a later turn: a hover in an edit storm
   * waited for three poll phases of decoding the keystrokes written after it (up to 2,000 of them
   * each). Paused, the bytes stay in the pipe (Node stops reading once its own buffer is past the
   * high-water mark), and each turn decodes about one chunk before the connection's work of that turn.
   */
  private readOnePerTurn(): void {
    if (this.resumeScheduled !== undefined || typeof this.stream.pause !== 'function') return;
    this.stream.pause();
    this.resumeScheduled = setImmediate(() => {
      this.resumeScheduled = undefined;
      this.stream.resume();
    });
  }

  /** Decodes every complete message in the buffer and hands it to `delivery`. */
  private decode(delivery: JoinedDelivery): void {
    const buffer = this.buffered;
    for (;;) {
      const headersEnd = this.headersEnd(buffer, this.offset);
      if (headersEnd < 0) return;
      const length = contentLength(buffer, this.offset, headersEnd);
      if (length === undefined)
        throw new Error(
          `Header must provide a valid Content-Length property: ${JSON.stringify(buffer.toString('latin1', this.offset, headersEnd))}`,
        );
      const bodyStart = headersEnd + 4;
      if (buffer.length - bodyStart < length) return;
      const body = buffer.toString('utf8', bodyStart, bodyStart + length);
      this.offset = bodyStart + length;
      try {
        delivery.add(JSON.parse(body) as Message);
      } catch (error) {
        // The framing still holds: report this message and read on.
        this.fireError(error);
      }
    }
  }

  /** Where the blank line after the headers starting at `from` begins, or -1 while it has not arrived. */
  private headersEnd(buffer: Buffer, from: number): number {
    for (let at = buffer.indexOf(CR, from); at >= 0 && at + 3 < buffer.length; at = buffer.indexOf(CR, at + 1)) {
      if (buffer[at + 1] === LF && buffer[at + 2] === CR && buffer[at + 3] === LF) return at;
    }
    return -1;
  }
}

/**
 * Node's IPC channel (`process.on('message')`): one read of the channel delivers its messages one
 * after another before the event loop turns, so they are collected and handed on, joined, in the next
 * turn (`setImmediate`).
 */
export class CoalescingIpcReader extends AbstractMessageReader implements MessageReader {
  constructor(private readonly channel: NodeJS.Process) {
    super();
    // As vscode-jsonrpc's IPCMessageReader listens: the end of the client is noticed through the
    // client's process id (vscode-languageserver's watchdog), not through this channel.
    channel.on('error', (error: Error) => this.fireError(error));
    channel.on('close', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const delivery = new JoinedDelivery(callback);
    const onMessage = (message: Message): void => delivery.add(message);
    this.channel.on('message', onMessage);
    return Disposable.create(() => {
      delivery.dispose();
      this.channel.off('message', onMessage);
    });
  }
}
