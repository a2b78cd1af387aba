// One table of command ids (client/src/commands/ids.ts) shared by registration, the status bar
// and the tests: package.json contributes exactly these commands, and every menu entry names one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS, FOCUS_PORTS_VIEW, PORTS_VIEW_ID } from '../../../client/src/commands/ids';
import { STATUS_COMMANDS } from '../../../client/src/model/status';
import { repoRoot } from '../host/testSupport';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    views: Record<string, { id: string }[]>;
  };
}

describe('command ids', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
  const ids: string[] = Object.values(COMMAND_IDS);

  it('package.json contributes exactly the commands of the table', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...ids].sort());
  });

  it('every menu entry and status bar link names a command of the table (or the ports view)', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(ids.includes(entry.command), `${menu}: ${entry.command}`);
    }
    for (const id of Object.values(STATUS_COMMANDS)) assert.ok(ids.includes(id) || id === FOCUS_PORTS_VIEW, id);
    assert.ok(
      Object.values(manifest.contributes.views)
        .flat()
        .some((v) => v.id === PORTS_VIEW_ID),
    );
  });
});
