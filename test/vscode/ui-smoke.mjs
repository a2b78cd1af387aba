// UI smoke test (harness mode A): drives the real VS Code workbench in headless Chromium the way a
// user would, with the extension loaded in development mode on the sample workspace.
//
//   node test/vscode/harness.mjs --ui test/vscode/ui-smoke.mjs
//
// The harness calls the default export with the Playwright page; a thrown error fails the run.
// A screenshot is written at the end, and also when a step fails (to see what was on screen):
//   UI_SCREENSHOT   PNG path, default test-results/vscode-ui.png
//
// Notification toasts never show in this mode (the smoke-test-driver flag the harness needs
// suppresses them); check the Notification Center (`[id="status.notifications"]`) instead.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);

const SCREENSHOT = path.resolve(process.env.UI_SCREENSHOT || path.join(REPO_ROOT, 'test-results', 'vscode-ui.png'));
/**
 * Where the README's pictures go (scripts/screenshots.mjs sets docs/screenshots); in `npm test` they
 * are taken all the same, into test-results/screenshots, so the steps behind them keep working.
 */
const PICTURES = path.resolve(process.env.UI_PICTURES_DIR || path.join(REPO_ROOT, 'test-results', 'screenshots'));
/** The README's limit per picture. */
const PICTURE_BYTES_MAX = 200 * 1024;

/**
 * One README picture: a JPEG of the workbench (quality 70 keeps a 1400x900 workbench well under the
 * limit, where a PNG of the same is ~250 KB). Fails the step when the file grows past the limit.
 */
async function picture(page, name, ctx) {
  fs.mkdirSync(PICTURES, { recursive: true });
  const file = path.join(PICTURES, `${name}.jpg`);
  await page.screenshot({ path: file, type: 'jpeg', quality: 70 });
  const size = fs.statSync(file).size;
  if (size > PICTURE_BYTES_MAX) throw new Error(`${file} is ${size} bytes, over the README's ${PICTURE_BYTES_MAX}`);
  ctx.log(`picture ${path.relative(REPO_ROOT, file)} (${Math.round(size / 1024)} KB)`);
}

/** Runs a Command Palette entry and waits for the input box or quick pick it opens. */
async function runCommandExpectingInput(page, label) {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  // The command's own input box replaces the palette (its title is the command's).
  await page
    .locator('.quick-input-widget .quick-input-title, .quick-input-widget .quick-input-message')
    .first()
    .waitFor({ timeout: 30000 });
}

/** Runs a Command Palette entry by its full label ("Category: Title"). */
export async function runCommand(page, label) {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(label);
  // Pressing Enter before the list is populated does nothing: wait for the row first.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
}

/**
 * The steps, in order. Each gets (page, ctx) and throws to fail; its name is logged when it passes.
 * Add new checks here rather than in ad-hoc code below.
 */
export const steps = [
  {
    name: 'workbench rendered',
    async run(page) {
      await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
      // Give the workbench keyboard focus, or the first shortcut goes nowhere.
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    },
  },
  {
    name: '.wslconfig opened via Quick Open',
    async run(page) {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type('.wslconfig');
      // Two files match: the broken one at the root and valid/.wslconfig. Take the root one.
      const row = page
        .locator('.quick-input-list .monaco-list-row', { hasText: '.wslconfig' })
        .filter({ hasNotText: 'valid' })
        .first();
      await row.waitFor({ timeout: 30000 });
      await row.click();
      await page.locator('.tab', { hasText: '.wslconfig' }).first().waitFor({ timeout: 30000 });
    },
  },
  {
    name: 'language server squiggle shown',
    async run(page) {
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
    },
  },
  {
    name: "Problems panel lists the 'locahostForwarding' typo",
    async run(page) {
      await page.keyboard.press('Control+Shift+M');
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'locahostForwarding' })
        .first()
        .waitFor({ timeout: 30000 });
    },
  },
  {
    name: "command 'WSL Network: Show Output' ran",
    async run(page) {
      await runCommand(page, 'WSL Network: Show Output');
      // The Output view replaces the Problems view in the panel, showing the extension's channel.
      await page
        .locator('.panel .output-view, .panel [id="workbench.panel.output"]')
        .first()
        .waitFor({ state: 'visible', timeout: 30000 });
    },
  },
  // ---- extension points: add the steps below when the features land ----------------------------
  // Networking cockpit. With EXT_ENV {WSL_NETWORK_DEMO:'1', WSL_NETWORK_FAKE_STATE, WSL_NETWORK_WINDOWS_TOOLS_DIR=<fakes>}
  // the stand-ins answer (demo mode: "WSL: NAT (demo)", ports listed); without it the host is plain
  // Linux and the cockpit must say "WSL: unavailable" and show the view's welcome text instead.
  {
    name: 'status bar item shows the networking mode (or why WSL is unavailable)',
    async run(page, ctx) {
      const demo = ctx.env?.WSL_NETWORK_DEMO === '1';
      await page
        .locator('.statusbar-item', { hasText: demo ? /WSL: \w+.*\(demo\)/ : /WSL: / })
        .first()
        .waitFor({ timeout: 30000 });
    },
  },
  {
    name: 'WSL Ports view lists ports (or its welcome content)',
    async run(page, ctx) {
      const demo = ctx.env?.WSL_NETWORK_DEMO === '1';
      await page
        .locator(
          '.activitybar .action-item a[aria-label^="WSL Network"], .activitybar .action-item[aria-label^="WSL Network"]',
        )
        .first()
        .click({ timeout: 30000 });
      // The container holds one view, so its title ("WSL Network: WSL Ports") replaces the pane header.
      await page.locator('.sidebar .title-label', { hasText: 'WSL Network' }).first().waitFor({ timeout: 30000 });
      // Demo: wait until the first ports read is shown (a port row, or "No listening ports").
      // Demo: the seeded state (test/fakes/demoState.json) has node on 3000 and a stale forwarding rule.
      if (demo) {
        await page
          .locator('.monaco-list-row', { hasText: /^\s*3000 · node/ })
          .first()
          .waitFor({ timeout: 30000 });
        await page
          .locator('.monaco-list-row', { hasText: /[Ss]tale/ })
          .first()
          .waitFor({ timeout: 30000 });
      } else
        await page
          .locator('.welcome-view-content', { hasText: 'WSL is not available' })
          .first()
          .waitFor({ timeout: 30000 });
    },
  },
  // ---- the README's pictures (demo only: they show the cockpit with the stand-ins' ports) -------
  {
    name: 'picture: diagnostics in .wslconfig',
    demoOnly: true,
    async run(page, ctx) {
      await page.keyboard.press('Control+Shift+M'); // Problems panel, beside the squiggles
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30000 });
      const typo = page.locator('.monaco-editor .view-line span', { hasText: 'locahostForwarding' }).first();
      await typo.hover();
      await page
        .locator('.monaco-hover', { hasText: 'localhostForwarding' })
        .first()
        .waitFor({ state: 'visible', timeout: 30000 });
      await picture(page, 'diagnostics', ctx);
      await page.mouse.move(5, 450);
    },
  },
  {
    name: 'picture: WSL Ports view with reachability',
    demoOnly: true,
    async run(page, ctx) {
      // 8080 is reachable from the LAN through a forwarding rule: its children say how.
      const lanRow = page.locator('.monaco-list-row', { hasText: /^\s*8080 · python3/ }).first();
      const childrenBefore = await page.locator('.sidebar .monaco-list-row').count();
      if ((await lanRow.getAttribute('aria-expanded')) !== 'true') await lanRow.locator('.monaco-tl-twistie').click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('.sidebar .monaco-list-row').length > n,
        childrenBefore,
        { timeout: 30000 },
      );
      await picture(page, 'ports-view', ctx);
    },
  },
  {
    name: 'picture: Expose Port confirmation, then Cancel runs nothing',
    demoOnly: true,
    async run(page, ctx) {
      const callsBefore = windowsChanges(ctx);
      await runCommandExpectingInput(page, 'WSL Network: Expose Port to LAN...');
      // The listed ports come first (a quick pick: typing filters it to port 3000).
      await page.keyboard.type('3000');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: /^\s*3000/ })
        .first()
        .waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      // Then the Windows port LAN clients use (NAT), prefilled with the same port: accepted as it is.
      await page.locator('.quick-input-widget', { hasText: 'Windows port' }).first().waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      // Then who may connect: the first choice, this network's subnet only, is the default.
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: "This network's subnet only" })
        .first()
        .waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box').first();
      await dialog.waitFor({ state: 'visible', timeout: 30000 });
      await dialog.locator('text=netsh').first().waitFor({ timeout: 5000 });
      await picture(page, 'expose-confirmation', ctx);
      await dialog.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
      await dialog.waitFor({ state: 'hidden', timeout: 10000 });
      if (windowsChanges(ctx) !== callsBefore)
        throw new Error('Cancel in the Expose dialog ran a command that changes Windows');
    },
  },
  {
    name: 'picture: Diagnose Port report',
    demoOnly: true,
    async run(page, ctx) {
      await runCommandExpectingInput(page, 'WSL Network: Diagnose Port...');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('3000');
      await page.keyboard.press('Enter');
      // The report opens as a Markdown preview (a webview: an iframe inside an iframe).
      await page
        .locator('.tab', { hasText: /Preview port-3000/ })
        .first()
        .waitFor({ timeout: 30000 });
      await page
        .frameLocator('iframe.webview.ready')
        // While the preview re-renders, the webview holds a #pending-frame beside its #active-frame.
        .frameLocator('iframe#active-frame')
        .locator('h1', { hasText: 'Port 3000' })
        .first()
        .waitFor({ timeout: 30000 });
      await picture(page, 'diagnose-port', ctx);
    },
  },
  {
    name: 'picture: Check Connectivity report with a failing DNS check and its offered fix',
    demoOnly: true,
    async run(page, ctx) {
      // The played distro's resolver (127.0.0.1:53, test/vscode/demo.mjs) does not answer; the TCP
      // target is a listener of this step on 127.0.0.1; Windows has Cisco AnyConnect connected.
      const listener = net.createServer((socket) => socket.destroy());
      await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const settingsFile = path.join(ctx.env.USERPROFILE, '.vscode', 'settings.json');
      const stateFile = path.join(ctx.env.WSL_NETWORK_FAKE_STATE, 'state.json');
      const stateBefore = fs.readFileSync(stateFile, 'utf8');
      try {
        fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
        fs.writeFileSync(
          settingsFile,
          JSON.stringify({ 'wslNetwork.doctor.tcpTarget': `127.0.0.1:${listener.address().port}` }),
        );
        const state = JSON.parse(stateBefore);
        state.windows = {
          ...state.windows,
          connectivity: {
            adapters: [
              { name: 'Wi-Fi', description: 'Intel(R) Wi-Fi 6 AX201 160MHz', ifIndex: 12, status: 'Up' },
              {
                name: 'Ethernet 3',
                description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
                ifIndex: 20,
                status: 'Up',
              },
            ],
          },
        };
        fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
        // VS Code reads the new workspace setting from disk.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await runCommand(page, 'WSL Network: Check Connectivity');
        await page
          .locator('.tab', { hasText: /Preview connectivity/ })
          .first()
          .waitFor({ timeout: 60000 });
        // While the preview re-renders, the webview holds a #pending-frame beside its #active-frame.
        const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await preview.locator('h1', { hasText: 'WSL connectivity check' }).first().waitFor({ timeout: 30000 });
        const dns = preview.locator('h2', { hasText: 'DNS lookup' }).first();
        await dns.waitFor({ timeout: 30000 });
        if (!/❌/.test(await dns.innerText())) throw new Error(`the DNS check did not fail: ${await dns.innerText()}`);
        // The symptom that explains it, with its fix (dnsTunneling=true) on screen.
        const symptom = preview.locator('h2', { hasText: 'VPN DNS reaching WSL' }).first();
        await symptom.scrollIntoViewIfNeeded();
        await preview.locator('code', { hasText: 'dnsTunneling=true' }).first().waitFor({ timeout: 30000 });
        await page.waitForTimeout(500);
        await picture(page, 'connectivity-dns', ctx);
      } finally {
        listener.close();
        fs.rmSync(settingsFile, { force: true });
        fs.writeFileSync(stateFile, stateBefore);
      }
    },
  },
  // ---- Cancel runs nothing: every confirmation dialog, through the real modal dialog -------------
  {
    name: 'Restart WSL: Cancel in its dialog runs nothing',
    demoOnly: true,
    async run(page, ctx) {
      await cancelsDialog(page, ctx, 'WSL Network: Restart WSL', 'Restart WSL?');
    },
  },
  {
    name: 'Apply Networking Mode: Cancel in its dialog leaves .wslconfig and Windows alone',
    demoOnly: true,
    async run(page, ctx) {
      const before = wslConfigBytes(ctx);
      await cancelsDialog(page, ctx, 'WSL Network: Apply Networking Mode...', /Switch to None mode\?/, async () => {
        // The mode quick pick: None carries a warning, so it asks before writing.
        await page.locator('.quick-input-widget input').waitFor();
        await page.keyboard.type('None');
        const none = page
          .locator('.quick-input-list .monaco-list-row')
          .filter({ has: page.locator('.label-name', { hasText: /^None$/ }) })
          .first();
        await none.waitFor({ timeout: 30000 });
        await none.click();
      });
      if (!wslConfigBytes(ctx).equals(before)) throw new Error('Cancel in the mode dialog changed .wslconfig');
    },
  },
  {
    name: 'Repair Port Forwarding: Cancel in its dialog runs nothing',
    demoOnly: true,
    async run(page, ctx) {
      await cancelsDialog(page, ctx, 'WSL Network: Repair Port Forwarding', /Re-point \d+ stale portproxy rules/);
    },
  },
  {
    name: 'Remove Port Exposure: Cancel in its dialog runs nothing',
    demoOnly: true,
    async run(page, ctx) {
      // The seeded firewall rule "WSL Network: TCP 8080" is one of ours: pick it, then cancel.
      await cancelsDialog(
        page,
        ctx,
        'WSL Network: Remove Port Exposure...',
        /Remove the exposure of TCP 8080\?/,
        async () => {
          const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'TCP 8080' }).first();
          await row.waitFor({ timeout: 30000 });
          // A click on a row of a multi-select quick pick toggles its check box.
          await row.click();
          await page.keyboard.press('Enter');
        },
      );
    },
  },
  {
    name: 'Undo Port Forwarding Repair: Cancel in its dialog runs nothing (after a confirmed repair)',
    demoOnly: true,
    async run(page, ctx) {
      // A repair to undo: confirm one through the same real dialog (the stand-ins record it).
      const changesBefore = windowsChanges(ctx);
      await runListedCommand(page, 'WSL Network: Repair Port Forwarding');
      const dialog = page.locator('.monaco-dialog-box').first();
      await dialog.waitFor({ state: 'visible', timeout: 30000 });
      await dialog.locator('.monaco-button', { hasText: 'Run as Administrator' }).first().click();
      await dialog.waitFor({ state: 'hidden', timeout: 10000 });
      await waitFor(() => windowsChanges(ctx) > changesBefore, 'the confirmed repair to run');
      await cancelsDialog(page, ctx, 'WSL Network: Undo Port Forwarding Repair', /Point \d+ portproxy rules back/);
    },
  },
  {
    name: 'Open .wslconfig: Cancel in the create dialog creates nothing',
    demoOnly: true,
    async run(page, ctx) {
      // The demo's %UserProfile%\.wslconfig is the workspace copy's; move it aside for this step.
      const file = wslConfigPath(ctx);
      const aside = `${file}.ui-smoke-aside`;
      fs.renameSync(file, aside);
      try {
        await cancelsDialog(page, ctx, 'WSL Network: Open .wslconfig', /does not exist\. Create it/);
        if (fs.existsSync(file)) throw new Error('Cancel in the create dialog created .wslconfig');
      } finally {
        fs.renameSync(aside, file);
      }
    },
  },
];

/**
 * Runs a palette command (after `beforeDialog`, e.g. answering its quick pick), waits for its modal
 * confirmation with `title`, clicks Cancel, and checks that no stand-in call changed Windows.
 */
async function cancelsDialog(page, ctx, label, title, beforeDialog) {
  await listCommand(page, label);
  // Counted once the entry is listed: a change still finishing before (e.g. the confirmed repair
  // of the Undo step, which makes Undo listed only once it is recorded) is not this command's.
  const changesBefore = windowsChanges(ctx);
  const callsBefore = allCalls(ctx);
  await page.keyboard.press('Enter');
  if (beforeDialog) await beforeDialog();
  const dialog = page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ state: 'visible', timeout: 30000 });
  await dialog.locator('.dialog-message-text', { hasText: title }).first().waitFor({ timeout: 5000 });
  await dialog.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout: 10000 });
  // Anything the command would run comes right after the answer: give it time to show up in the log.
  await page.waitForTimeout(1500);
  const changed = windowsChanges(ctx) - changesBefore;
  if (changed !== 0)
    throw new Error(
      `Cancel in "${label}" ran ${changed} command(s) that change Windows: ${JSON.stringify(allCalls(ctx).slice(callsBefore.length))}`,
    );
}

/**
 * Runs a palette entry that may only just have become available: the palette lists commands by
 * their `when` clause at the moment it opens, so it is reopened until the entry is listed.
 */
async function runListedCommand(page, label, timeoutMs = 30000) {
  await listCommand(page, label, timeoutMs);
  await page.keyboard.press('Enter');
}

/** Opens the Command Palette with `label` typed, reopening it until the entry is listed. */
async function listCommand(page, label, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(label);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    const listed = await row.waitFor({ timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (listed) break;
    await page.keyboard.press('Escape');
    if (Date.now() > until) throw new Error(`"${label}" is not listed in the Command Palette`);
  }
}

/** All logged stand-in calls. */
function allCalls(ctx) {
  const { readFakeCalls } = require(path.join(REPO_ROOT, 'out', 'test', 'fakes', 'fakeWindows.js'));
  return readFakeCalls(ctx.env.WSL_NETWORK_FAKE_STATE);
}

/** The demo's `.wslconfig` (USERPROFILE is the workspace copy, see test/vscode/demo.mjs). */
function wslConfigPath(ctx) {
  const profile = ctx.env?.USERPROFILE;
  if (!profile) throw new Error('the UI smoke runs its demo steps with USERPROFILE set');
  return path.join(profile, '.wslconfig');
}

function wslConfigBytes(ctx) {
  return fs.readFileSync(wslConfigPath(ctx));
}

async function waitFor(condition, what, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** How many logged stand-in calls changed Windows state (the one definition in test/fakes/fakeWindows.ts, compiled). */
function windowsChanges(ctx) {
  const state = ctx.env?.WSL_NETWORK_FAKE_STATE;
  if (!state) throw new Error('the UI smoke runs its demo steps with WSL_NETWORK_FAKE_STATE set');
  const { readFakeCalls, changesWindows } = require(path.join(REPO_ROOT, 'out', 'test', 'fakes', 'fakeWindows.js'));
  return readFakeCalls(state).filter(changesWindows).length;
}

async function screenshot(page, log) {
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT }).catch((e) => log(`screenshot failed: ${e.message}`));
  log(`screenshot ${path.relative(process.cwd(), SCREENSHOT)}`);
}

export default async function uiSmoke(page, ctx) {
  const demo = ctx.env?.WSL_NETWORK_DEMO === '1';
  for (const step of steps) {
    if (step.demoOnly && !demo) continue;
    try {
      await step.run(page, ctx);
    } catch (error) {
      await screenshot(page, ctx.log);
      throw new Error(`step "${step.name}" failed: ${error.message}`);
    }
    ctx.log(`✔ ${step.name}`);
  }
  await screenshot(page, ctx.log);
}
