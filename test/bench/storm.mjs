// Edit storms and the diagnostics payload (issues 13 and 14), over stdio against dist/server.js:
// - 10,000 quick one-character edits: how long after the last one the final diagnostics arrive, and
//   how long a hover sent in the middle of the storm takes to answer;
// - a 1,000-line .wslconfig with about 800 findings: bytes of one publishDiagnostics, bytes per
//   diagnostic, and one change end to end (edit → diagnostics, with the debounce delay set to 0).
// Run alone: BENCH_SKIP=package,in-process,lsp,ports,fuzz npm run bench
import { createRequire } from 'node:module';
import path from 'node:path';
import { findingsHeavyWslconfig } from './inputs.mjs';
import { LspSession, serverNodeOptions } from './lsp.mjs';
import { percentile } from './stats.mjs';

const EDITS = 10_000;

function session(repoRoot, node, configuration) {
  return new LspSession({
    name: 'wsl-network',
    node,
    args: [...serverNodeOptions(repoRoot), path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
    repoRoot,
    configuration: (section) => (section === 'wslNetwork' ? configuration : null),
    languageId: 'wslconfig',
    uriFor: (i) => `file:///bench/storm/${i}/.wslconfig`,
  });
}

/**
 * Replaces the session's diagnostics handler with one that also records each message's size and
 * count; waiters resolve as before.
 */
function recordPublishes(session) {
  const log = [];
  session.connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = performance.now();
    log.push({
      uri: params.uri,
      version: params.version,
      bytes: Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params })),
      count: params.diagnostics.length,
    });
    for (const waiter of [...session.waiters]) {
      if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
        session.waiters.splice(session.waiters.indexOf(waiter), 1);
        waiter.resolve({ at, count: params.diagnostics.length });
      }
    }
  });
  return log;
}

/** Writes one JSON-RPC message to the server's stdin, framed as LSP frames it. */
function writeFrame(session, message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  session.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

/** The server's answer to the request `id` written with writeFrame (read beside the session's own reader). */
function answerTo(session, id) {
  const rpc = createRequire(`${session.options.repoRoot}/package.json`)('vscode-jsonrpc/node');
  const reader = new rpc.StreamMessageReader(session.child.stdout);
  return new Promise((resolve) => {
    reader.listen((message) => {
      if (message.id !== id) return;
      reader.dispose();
      resolve(message);
    });
  });
}

/** Resolves after the event loop had a turn (lets the server's answers in). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

export async function stormStep({ repoRoot, node, rows, results }) {
  const out = (results.storm = {});

  // ---- 10,000 quick edits ---------------------------------------------------------------------
  const storm = session(repoRoot, node, {});
  const stormLog = recordPublishes(storm);
  try {
    await storm.initialize();
    const uri = 'file:///bench/storm/edits/.wslconfig';
    const text = findingsHeavyWslconfig();
    await storm.open(uri, text);
    let version = 1;
    let hoverMs;
    let hoverPromise;
    let lastSentAt = 0;
    const final = storm.nextDiagnostics(uri, EDITS + 1);
    for (let i = 1; i <= EDITS; i++) {
      version++;
      // Line 3 is `memory=2gb`: rewrite its digit, so every version has different diagnostics.
      // The frames go straight to the server's stdin: vscode-jsonrpc's writer sends one message per
      // event-loop turn of the bench, so a hover queued behind 5,000 edits there would measure the
      // bench's own queue, not the server.
      writeFrame(storm, {
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: {
          textDocument: { uri, version },
          // The last edit writes a character no earlier version had: its diagnostics are new, so they are sent.
          contentChanges: [
            {
              range: { start: { line: 2, character: 7 }, end: { line: 2, character: 8 } },
              text: i === EDITS ? 'X' : String(i % 10),
            },
          ],
        },
      });
      if (i === EDITS / 2) {
        const answered = answerTo(storm, 'storm-hover');
        const t0 = performance.now();
        writeFrame(storm, {
          jsonrpc: '2.0',
          id: 'storm-hover',
          method: 'textDocument/hover',
          params: { textDocument: { uri }, position: { line: 2, character: 2 } },
        });
        hoverPromise = answered.then((answer) => {
          hoverMs = performance.now() - t0;
          // The hover is on the key of line 3, whose value the edits before it rewrote.
          if (!JSON.stringify(answer.result ?? null).includes('memory'))
            throw new Error(`the mid-storm hover answered ${JSON.stringify(answer).slice(0, 200)}`);
        });
      }
      // An editor sends keystrokes as they come, not all in one write.
      if (i % 50 === 0) await turn();
      lastSentAt = performance.now();
    }
    const { at } = await final;
    await hoverPromise;
    const memory = storm.memory();
    const publishes = stormLog.length - 1;
    out.edits = {
      count: EDITS,
      settleMs: at - lastSentAt,
      hoverDuringStormMs: hoverMs,
      peakRssBytes: memory.hwm,
      publishesDuringStorm: publishes,
    };
    rows.push({
      area: 'storm',
      measure: `${EDITS} quick edits: last edit → final diagnostics (goal < 2 s)`,
      ours: `${(at - lastSentAt).toFixed(0)} ms`,
      pass: at - lastSentAt < 2000,
    });
    rows.push({
      area: 'storm',
      measure: 'hover written mid-storm, after 5,000 edits → answer (goal < 100 ms)',
      ours: `${hoverMs.toFixed(1)} ms`,
      pass: hoverMs < 100,
    });
    rows.push({
      area: 'storm',
      measure: 'peak RSS of the server after the storm',
      ours: `${(memory.hwm / 2 ** 20).toFixed(0)} MiB`,
    });
    rows.push({
      area: 'storm',
      measure: `diagnostics published for the ${EDITS} edits (debounced)`,
      ours: String(publishes),
    });
  } finally {
    await storm.dispose();
  }

  // ---- payload of a findings-heavy file -------------------------------------------------------
  const payload = session(repoRoot, node, { diagnostics: { delayMs: 0 } });
  try {
    await payload.initialize();
    const payloadLog = recordPublishes(payload);
    const uri = 'file:///bench/storm/payload/.wslconfig';
    await payload.open(uri, findingsHeavyWslconfig());
    const changes = [];
    for (let i = 0; i < 130; i++) changes.push(await payload.change(uri, { line: 2, character: 7 }, String(i % 10)));
    // The first changes after opening also pay for compiling the server's code (V8 optimises a
    // function after it has run a while), so the first 30 and the 100 after them are reported apart.
    const median = percentile(changes.slice(0, 30), 50);
    const warmMedian = percentile(changes.slice(30), 50);
    const { bytes, count } = payloadLog.at(-1);
    out.payload = {
      lines: 1000,
      diagnostics: count,
      messageBytes: bytes,
      bytesPerDiagnostic: bytes / count,
      changeEndToEndMedianMs: median,
      changeEndToEndWarmMedianMs: warmMedian,
    };
    rows.push({
      area: 'payload',
      measure: `1,000-line .wslconfig: publishDiagnostics (${count} diagnostics)`,
      ours: `${(bytes / 1024).toFixed(0)} KB, ${(bytes / count).toFixed(0)} B/diagnostic`,
    });
    rows.push({
      area: 'payload',
      measure: 'one change → diagnostics, end to end (median of the first 30, delay 0)',
      ours: `${median.toFixed(1)} ms`,
    });
    rows.push({
      area: 'payload',
      measure: 'the same, median of the 100 changes after those',
      ours: `${warmMedian.toFixed(1)} ms`,
    });
  } finally {
    await payload.dispose();
  }
}
