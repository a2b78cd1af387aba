/**
 * The server's own readers (server/src/coalescingReader.ts): every message that arrives before the next
 * turn of the event loop is handed on in that turn, in order, with runs of changes to one document
 * joined; framing is read wherever the chunks split it; a bad header stops the stream, a bad body
 * loses only itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import '../fuzz/fastCheckSeed';
import type { Message } from 'vscode-languageserver/node';
import { CoalescingIpcReader, CoalescingStreamReader, joinDocumentChanges } from '../../server/src/coalescingReader';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const change = (uri: string, version: number, text: string): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text }],
    },
  }) as Message;
const hover = (id: number): Message =>
  ({
    jsonrpc: '2.0',
    id,
    method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///a' }, position: { line: 0, character: 0 } },
  }) as Message;

const frame = (message: unknown, header = 'Content-Length'): Buffer => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`${header}: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** A stream reader on an emitter standing in for stdin, with what it delivered and reported. */
function streamReader() {
  const stream = new EventEmitter();
  const reader = new CoalescingStreamReader(stream as unknown as NodeJS.ReadableStream);
  const delivered: Message[] = [];
  const errors: string[] = [];
  let closed = false;
  reader.onError((error) => errors.push(String(error)));
  reader.onClose(() => (closed = true));
  const listening = reader.listen((message) => delivered.push(message));
  return {
    delivered,
    errors,
    closed: () => closed,
    chunk: (bytes: Buffer) => stream.emit('data', bytes),
    end: () => stream.emit('end'),
    dispose: () => listening.dispose(),
  };
}

describe('CoalescingStreamReader', () => {
  it('hands on, in the next turn, what any split of the bytes into chunks carried, joined as joinDocumentChanges joins it', async () => {
    const messages = [
      ...Array.from({ length: 40 }, (_, i) => change('file:///a', i + 2, String(i % 10))),
      hover(1),
      change('file:///a', 42, 'é😀'),
      change('file:///b', 2, 'x'),
      { jsonrpc: '2.0', method: 'textDocument/didChange', params: { contentChanges: 'not a list' } } as Message,
      change('file:///b', 3, 'y'),
    ];
    const bytes = Buffer.concat(messages.map((m) => frame(m)));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 60 }),
        async (cuts) => {
          const reader = streamReader();
          const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          for (let i = 1; i < at.length; i++) reader.chunk(bytes.subarray(at[i - 1], at[i]));
          assert.deepEqual(reader.delivered, [], 'nothing before the next turn');
          await turn();
          assert.deepEqual(reader.delivered, joinDocumentChanges(messages));
          assert.equal(reader.delivered.length, 6, 'the 40 changes of a as one, the rest as they were');
          assert.deepEqual(reader.errors, []);
          reader.dispose();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hands on each turn what arrived before it, and what is pending before the end of the stream', async () => {
    const reader = streamReader();
    reader.chunk(frame(change('file:///a', 2, '1')));
    reader.chunk(frame(change('file:///a', 3, '2')));
    await turn();
    assert.equal(reader.delivered.length, 1);
    reader.chunk(frame(hover(7)));
    await turn();
    assert.deepEqual(reader.delivered.at(-1), hover(7));
    reader.chunk(frame(change('file:///a', 4, '3')));
    reader.end();
    assert.equal(reader.delivered.length, 3, 'delivered before close is reported');
    assert.ok(reader.closed());
  });

  it('reads any case of the header name, other headers around it, and a body split inside a character', async () => {
    const reader = streamReader();
    const body = Buffer.from(JSON.stringify(change('file:///é', 2, '€')), 'utf8');
    const odd = Buffer.concat([
      Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:${body.length}\r\n\r\n`),
      body,
    ]);
    const euro = odd.indexOf(Buffer.from('€')) + 1;
    reader.chunk(odd.subarray(0, euro));
    reader.chunk(odd.subarray(euro));
    reader.chunk(frame(hover(2), 'CONTENT-LENGTH'));
    await turn();
    assert.deepEqual(reader.delivered, [change('file:///é', 2, '€'), hover(2)]);
  });

  it('loses only a body that is not JSON, and stops at a header without a length', async () => {
    const reader = streamReader();
    reader.chunk(Buffer.concat([Buffer.from('Content-Length: 5\r\n\r\n{oops'), frame(hover(3))]));
    await turn();
    assert.deepEqual(reader.delivered, [hover(3)]);
    assert.equal(reader.errors.length, 1);
    for (const header of ['Content-Type: x\r\n\r\n{}', 'Content-Length: -1\r\n\r\n', 'Content-Length: 1e3\r\n\r\n']) {
      const broken = streamReader();
      broken.chunk(Buffer.concat([Buffer.from(header), frame(hover(4))]));
      await turn();
      assert.deepEqual(broken.delivered, [], header);
      assert.match(broken.errors[0] ?? '', /Content-Length/, header);
      broken.chunk(frame(hover(5)));
      await turn();
      assert.deepEqual(broken.delivered, [], 'nothing after the stream lost its framing');
    }
  });
});

describe('CoalescingStreamReader on a real stream', () => {
  it('reads a burst about a chunk per turn, so that the turns between chunks run the connection, and loses nothing', async () => {
    const stream = new PassThrough();
    const reader = new CoalescingStreamReader(stream);
    const delivered: Message[] = [];
    const listening = reader.listen((message) => delivered.push(message));
    // Each write is one chunk, as each keystroke's frame is one chunk of the client's pipe.
    for (let id = 1; id <= 40; id++) stream.write(frame(hover(id)));
    const perTurn: number[] = [];
    while (delivered.length < 40 && perTurn.length < 200) {
      await turn();
      perTurn.push(delivered.length);
    }
    assert.deepEqual(
      delivered.map((m) => (m as unknown as { id: number }).id),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    // Without the pause, all 40 were handed on in the first turn.
    assert.ok(perTurn[0]! > 0 && perTurn[0]! <= 2, `first turn: ${perTurn[0]}`);
    assert.ok(perTurn.length >= 20, `all 40 in ${perTurn.length} turns`);
    listening.dispose();
    stream.destroy();
  });
});

describe('CoalescingIpcReader', () => {
  it('hands on the messages of one read, in the next turn, joined; a later read on its own', async () => {
    const channel = new EventEmitter();
    const reader = new CoalescingIpcReader(channel as unknown as NodeJS.Process);
    const delivered: Message[] = [];
    let closed = false;
    reader.onClose(() => (closed = true));
    const listening = reader.listen((message) => delivered.push(message));
    const read = [change('file:///a', 2, 'a'), change('file:///a', 3, 'b'), hover(1), change('file:///a', 4, 'c')];
    for (const message of read) channel.emit('message', message);
    assert.deepEqual(delivered, []);
    await turn();
    assert.deepEqual(delivered, joinDocumentChanges(read));
    assert.equal(delivered.length, 3);
    channel.emit('message', hover(2));
    await turn();
    assert.deepEqual(delivered.at(-1), hover(2));
    listening.dispose();
    channel.emit('message', hover(3));
    await turn();
    assert.equal(delivered.length, 4, 'nothing after dispose');
    channel.emit('close');
    assert.ok(closed);
  });
});
