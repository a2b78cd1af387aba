#!/usr/bin/env node
// Regenerates the README's pictures (docs/screenshots/*.jpg) in demo mode: the UI smoke test's
// picture steps (test/vscode/ui-smoke.mjs) in a real VS Code with the stand-in Windows tools.
// Needs a build (`npm run build`) and the VS Code host (`npm test` or `npm start` installs it).
//
//   node scripts/screenshots.mjs
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { demoEnvironment } from '../test/vscode/demo.mjs';
import { REPO_ROOT, UI_SMOKE_SCRIPT } from '../test/vscode/paths.mjs';

const demo = demoEnvironment();
const run = spawnSync(
  process.execPath,
  [path.join(REPO_ROOT, 'test', 'vscode', 'harness.mjs'), '--ui', UI_SMOKE_SCRIPT],
  {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...demo.env, UI_PICTURES_DIR: path.join(REPO_ROOT, 'docs', 'screenshots') },
  },
);
demo.remove();
process.exit(run.status ?? 1);
