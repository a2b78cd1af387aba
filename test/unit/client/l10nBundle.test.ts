// Every user-facing string of the client goes through `t('…')` / `vscode.l10n.t('…')` with a
// literal; l10n/bundle.l10n.json (the file translators start from) must list each of them, and
// every %key% in package.json must exist in package.nls.json.
// Regenerate the bundle after changing strings:
//   UPDATE_L10N=1 node --test out/test/unit/client/l10nBundle.test.js
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../host/testSupport';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The literal first arguments of `t(...)` calls: single-quoted strings, and double-quoted ones
 * (Prettier writes a message containing an apostrophe with double quotes).
 */
export function extractMessages(source: string): string[] {
  const messages: string[] = [];
  const call = /\bt\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g;
  for (let match = call.exec(source); match; match = call.exec(source)) {
    const single = match[1];
    const text = single !== undefined ? single.replace(/\\'/g, "'").replace(/"/g, '\\"') : (match[2] as string);
    messages.push(JSON.parse(`"${text}"`) as string);
  }
  return messages;
}

describe('localisation', () => {
  const root = repoRoot();
  const bundleFile = path.join(root, 'l10n', 'bundle.l10n.json');

  it('l10n/bundle.l10n.json lists every t() message of client/src', () => {
    const messages = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'client', 'src')))
      for (const m of extractMessages(fs.readFileSync(file, 'utf8'))) messages.add(m);
    assert.ok(messages.size > 100, `only ${messages.size} messages found`);
    if (process.env['UPDATE_L10N'] === '1') {
      const sorted = Object.fromEntries([...messages].sort().map((m) => [m, m]));
      fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
      fs.writeFileSync(bundleFile, `${JSON.stringify(sorted, null, 2)}\n`);
    }
    const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8')) as Record<string, string>;
    const missing = [...messages].filter((m) => !(m in bundle));
    const stale = Object.keys(bundle).filter((m) => !messages.has(m));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run with UPDATE_L10N=1 to regenerate the bundle');
  });

  it('every %key% in package.json is defined in package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
    assert.ok(keys.length > 20);
    assert.deepEqual(
      keys.filter((k) => !(k in nls)),
      [],
    );
  });

  it('every contributed command has a category and a localised title', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; title: string; category?: string }[] };
    };
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^wslNetwork\./);
      assert.equal(command.category, '%category%', command.command);
      assert.match(command.title, /^%command\.[A-Za-z]+%$/, command.command);
    }
  });
});
