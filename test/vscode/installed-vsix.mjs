// The packaged extension, as a user gets it (harness with INSTALL_VSIX: `vsce package`, then
// `code-server --install-extension` into a fresh extensions folder, no development path).
//
// Two kinds of check:
//   * files: every file the installed manifest points at, and every file the extension opens at run
//     time, is in the installed folder. A file left out of the .vscodeignore allow-list fails here
//     by name, even where VS Code would only log it (a grammar, an icon, a translation).
//   * behaviour, from the installed copy: diagnostics and hover in .wslconfig, the status bar item
//     and the WSL Ports view (demo mode, stand-in Windows tools).
import fs from 'node:fs';
import path from 'node:path';
import { runCommand, steps as smokeSteps } from './ui-smoke.mjs';

const smoke = (name) => {
  const step = smokeSteps.find((s) => s.name.startsWith(name));
  if (!step) throw new Error(`ui-smoke.mjs has no step '${name}'`);
  return step;
};

/** The installed folder of this extension, from the fresh extensions folder the harness made. */
function installedFolder(extensionsDir, repoRoot) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const prefix = `${manifest.publisher}.${manifest.name}-`.toLowerCase();
  const found = fs.readdirSync(extensionsDir).filter((f) => f.toLowerCase().startsWith(prefix));
  if (found.length !== 1)
    throw new Error(`expected one installed ${prefix}* in ${extensionsDir}, found: ${found.join(', ') || 'none'}`);
  const dir = path.join(extensionsDir, found[0]);
  if (fs.lstatSync(dir).isSymbolicLink())
    throw new Error(`${dir} is a link to a development folder, not an installed copy`);
  return dir;
}

/** Every file the manifest names, plus what the code opens by path (the bundles, the l10n bundle). */
function filesTheExtensionNeeds(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const c = manifest.contributes ?? {};
  const files = [
    manifest.main,
    'dist/server.js', // client/src/languageClient.ts starts it by path
    'package.nls.json',
    manifest.icon,
    ...(manifest.l10n ? [path.join(manifest.l10n, 'bundle.l10n.json')] : []),
    ...(c.languages ?? []).map((l) => l.configuration),
    ...(c.grammars ?? []).map((g) => g.path),
    ...(c.jsonValidation ?? []).map((j) => j.url).filter((u) => u && !/^https?:/.test(u)),
    ...Object.values(c.viewsContainers ?? {})
      .flat()
      .map((v) => v.icon),
    ...Object.values(c.views ?? {})
      .flat()
      .map((v) => v.icon),
  ];
  // `%key%` placeholders in the manifest must resolve from package.nls.json.
  const nls = JSON.parse(fs.readFileSync(path.join(dir, 'package.nls.json'), 'utf8'));
  const missingKeys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)]
    .map((m) => m[1])
    .filter((k) => !(k in nls));
  if (missingKeys.length)
    throw new Error(`package.nls.json in the .vsix lacks: ${[...new Set(missingKeys)].join(', ')}`);
  return [...new Set(files.filter((f) => typeof f === 'string' && !f.startsWith('$(')))].map((f) => path.normalize(f));
}

export const steps = [
  {
    name: 'installed copy holds every file the extension reads',
    async run(page, ctx) {
      const dir = installedFolder(ctx.extensionsDir, ctx.repoRoot);
      const missing = filesTheExtensionNeeds(dir).filter((f) => !fs.existsSync(path.join(dir, f)));
      if (missing.length)
        throw new Error(`the .vsix lacks ${missing.join(', ')} (add them to the .vscodeignore allow-list)`);
      ctx.log(`installed at ${dir}`);
    },
  },
  smoke('workbench rendered'),
  smoke('.wslconfig opened'),
  smoke('language server squiggle'),
  {
    name: 'hover from the installed language server',
    async run(page) {
      // `processors` is a valid key: its hover is the catalogue's documentation, not a diagnostic.
      await page
        .locator('.monaco-editor .view-line span', { hasText: /^processors$/ })
        .first()
        .hover();
      await page
        .locator('.monaco-hover', { hasText: /processors/i })
        .filter({ hasText: /virtual processors/ })
        .first()
        .waitFor({ state: 'visible', timeout: 20000 });
      await page.mouse.move(5, 450);
    },
  },
  smoke('status bar item'),
  smoke('WSL Ports view'),
  {
    name: "command 'WSL Network: Show Output' from the installed copy",
    async run(page) {
      await runCommand(page, 'WSL Network: Show Output');
      await page
        .locator('.panel .output-view, .panel [id="workbench.panel.output"]')
        .first()
        .waitFor({ state: 'visible', timeout: 30000 });
    },
  },
];

export default async function installedVsix(page, ctx) {
  for (const step of steps) {
    try {
      await step.run(page, ctx);
    } catch (error) {
      throw new Error(`step "${step.name}" failed: ${error.message}`);
    }
    ctx.log(`✔ ${step.name}`);
  }
}
