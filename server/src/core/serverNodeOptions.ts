/**
 * The Node options the language server process runs with. VS Code's client passes them as the
 * forked process's `execArgv` (client/src/languageClient.ts), and `npm run bench` starts the server
 * with them, so that it measures the process VS Code runs. The npm package's command keeps a plain
 * `#!/usr/bin/env node` (BusyBox's `env` has no `-S`); other editors can add them to their command.
 *
 * `--max-semi-space-size=1` (https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib)
 * keeps V8's young generation at 1 MiB per semi-space; by default it grows to 16 MiB. An edit storm
 * decodes thousands of small messages, each a few short-lived objects, and with the larger young
 * generation a hover sent after 5,000 quick edits waited about twice as long for the keystrokes
 * ahead of it (`npm run bench`, storm step: median 65 → 31 ms over 8 runs each, on 2 cores). The
 * cost, measured the same way: one change of a 1,000-line file with 800 findings takes about 3 ms
 * more once warm (8 → 11 ms), because its findings no longer fit the young generation.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1'];
