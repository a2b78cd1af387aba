/**
 * The elevation layer's pure parts (client/src/host/elevation.ts): the script the elevated
 * PowerShell runs, the launcher that asks for it with one UAC prompt, how its exit code names the
 * step that failed, batches that fit the Windows command line, and what a half-done run says.
 * elevatedExecution.test.ts runs the same code against the stand-in tools, as real processes; that
 * suite is too slow for the mutation run to rerun for each mutant, so these checks live here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildFirewallRuleAdd, buildPortProxyAdd, type CommandSpec } from '../../../client/src/host/commandBuilders';
import {
  buildElevatedCommand,
  buildElevatedScript,
  decodeElevatedExitCode,
  decodePowerShellCommand,
  ELEVATED_EXIT_MARKER,
  ELEVATION_CANCELED_EXIT_CODES,
  isElevatedCommand,
  readElevatedExitCode,
  splitElevatedBatches,
  StepsFailedError,
  windowsCommandLineLength,
} from '../../../client/src/host/elevation';
import { HostCommandError } from '../../../client/src/host/processRunner';
import { ValidationError } from '../../../client/src/host/validators';
import { systemToolPath, type WindowsToolName } from '../../../client/src/host/windowsTools';

/** Where a script names each Windows program: under the default %SystemRoot%, as WslHost does. */
const windowsPath = (tool: WindowsToolName): string => systemToolPath(tool);
const WSL_IP = '172.23.21.232';
const portProxy = (port: number) => buildPortProxyAdd({ listenPort: port, connectAddress: WSL_IP });
const firewall = (port: number) => buildFirewallRuleAdd({ port });

describe('buildElevatedScript', () => {
  it('runs each step in order, stopping at the first failure with an exit code that names the step', () => {
    const script = buildElevatedScript([portProxy(8080), firewall(8080)], windowsPath).split('\n');
    assert.deepEqual(script, [
      "$ErrorActionPreference = 'Stop'",
      `try { & 'C:\\Windows\\System32\\netsh.exe' 'interface' 'portproxy' 'add' 'v4tov4' 'listenport=8080' 'listenaddress=0.0.0.0' 'connectport=8080' 'connectaddress=${WSL_IP}' } catch { exit 100001 }`,
      'if ($LASTEXITCODE -ne 0) { exit (100000 + ($LASTEXITCODE -band 65535)) }',
      `try { ${firewall(8080).script} } catch { exit 200001 }`,
      'exit 0',
    ]);
  });

  it("quotes a program's path and arguments for PowerShell, doubling single quotes", () => {
    const odd: CommandSpec = { ...portProxy(8080), args: ["it's", ''] };
    const [, line] = buildElevatedScript([odd], () => "C:\\Program Files\\it's\\netsh.exe").split('\n');
    assert.equal(line, "try { & 'C:\\Program Files\\it''s\\netsh.exe' 'it''s' '' } catch { exit 100001 }");
  });

  it('refuses no steps, an unknown program, and a script with a double quote', () => {
    assert.throws(
      () => buildElevatedScript([], windowsPath),
      (e) => e instanceof ValidationError && /Nothing to run/.test(e.message),
    );
    assert.throws(
      () => buildElevatedScript([{ ...portProxy(8080), file: 'notepad.exe' }], windowsPath),
      /"notepad\.exe" is not a known Windows tool/,
    );
    assert.throws(
      () => buildElevatedScript([{ ...firewall(8080), script: 'Write-Output "x"' }], windowsPath),
      ValidationError,
    );
  });
});

describe('buildElevatedCommand', () => {
  const steps = [portProxy(8080), firewall(8080)];
  const command = buildElevatedCommand(steps, windowsPath);

  it('is one powershell.exe call that starts the script elevated, with its steps for display', () => {
    assert.equal(command.file, 'powershell.exe');
    assert.deepEqual(command.args.slice(0, 3), ['-NoProfile', '-NonInteractive', '-Command']);
    assert.equal(command.elevated, true);
    assert.equal(command.script, buildElevatedScript(steps, windowsPath));
    assert.equal(command.description, `${steps[0].description}; ${steps[1].description}`);
    assert.equal(command.steps, steps);
    assert.equal(isElevatedCommand(command), true);
    assert.equal(isElevatedCommand(steps[0]), false);
  });

  it('passes the script base64-encoded in UTF-16LE, and hands the elevated exit code back on stdout', () => {
    const launcher = command.args[3];
    const encoded = /'-EncodedCommand','([A-Za-z0-9+/=]+)'/.exec(launcher)?.[1];
    assert.ok(encoded, launcher);
    assert.equal(decodePowerShellCommand(encoded), command.script);
    assert.match(
      launcher,
      /^try \{ \$p = Start-Process -FilePath 'C:\\Windows\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe' -ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','[^']+' -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ErrorAction Stop; Write-Output \('@@elevated-exit ' \+ \$p\.ExitCode\); exit \$p\.ExitCode \} catch \{ exit 1223 \}$/,
    );
  });

  it('says "declined" with the exit code Windows uses, and the low 8 bits a WSL parent sees', () => {
    assert.deepEqual(ELEVATION_CANCELED_EXIT_CODES, [1223, 199]);
  });
});

describe('the elevated exit code', () => {
  it('names the failed step and keeps its own exit code', () => {
    assert.deepEqual(decodeElevatedExitCode(300005, 4), { completed: 2, failedStep: 2, failedExitCode: 5 });
    assert.deepEqual(decodeElevatedExitCode(100001, 1), { completed: 0, failedStep: 0, failedExitCode: 1 });
    assert.deepEqual(decodeElevatedExitCode(465535, 4), { completed: 3, failedStep: 3, failedExitCode: 65535 });
    assert.deepEqual(decodeElevatedExitCode(0, 4), { completed: 4 });
  });

  it('claims nothing for a code that is not ours', () => {
    for (const code of [1, 99999, -1, -100001, 500000, 900000])
      assert.deepEqual(decodeElevatedExitCode(code, 4), { completed: 0 }, String(code));
  });

  it("is read from the launcher's marker line", () => {
    assert.equal(readElevatedExitCode(`noise\n${ELEVATED_EXIT_MARKER}200001\nmore`), 200001);
    assert.equal(readElevatedExitCode('  @@elevated-exit   7  \n'), 7);
    assert.equal(readElevatedExitCode('@@elevated-exit -5'), -5);
    assert.equal(readElevatedExitCode('@@elevated-exit'), 0);
    assert.equal(readElevatedExitCode('@@elevated-exit x'), undefined);
    assert.equal(readElevatedExitCode('@@elevated-exit 1.5'), undefined);
    assert.equal(readElevatedExitCode('exit 200001'), undefined);
    assert.equal(readElevatedExitCode(''), undefined);
  });
});

describe('the Windows command line', () => {
  it('counts quoting as Windows sees it', () => {
    assert.equal(windowsCommandLineLength('C:\\a.exe', ['-x', 'a b']), 'C:\\a.exe -x "a b"'.length);
    assert.equal(windowsCommandLineLength('p', ['']), 'p ""'.length);
    assert.equal(windowsCommandLineLength('p', ['a\tb']), 'p "a\tb"'.length);
    assert.equal(windowsCommandLineLength('p', ['say "hi"']), 'p "say \\"hi\\""'.length);
    assert.equal(windowsCommandLineLength('p', ['a b\\\\']), 'p "a b\\\\\\\\"'.length);
    assert.equal(windowsCommandLineLength('p', ['a\\\\"b c']), 'p "a\\\\\\\\\\"b c"'.length);
    assert.equal(windowsCommandLineLength('p', ['a\\b']), 'p a\\b'.length);
    assert.equal(windowsCommandLineLength('C:\\Program Files\\p.exe', []), '"C:\\Program Files\\p.exe"'.length);
  });

  it('splits steps into batches that each fit, in order, and refuses a step that fits in none', () => {
    const steps = Array.from({ length: 12 }, (_, i) => portProxy(8000 + i));
    const one = windowsCommandLineLength(
      windowsPath('powershell.exe'),
      buildElevatedCommand(steps.slice(0, 1), windowsPath).args,
    );
    const five = windowsCommandLineLength(
      windowsPath('powershell.exe'),
      buildElevatedCommand(steps.slice(0, 5), windowsPath).args,
    );
    const batches = splitElevatedBatches(steps, windowsPath, five);
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [5, 5, 2],
    );
    assert.deepEqual(batches.flat(), steps);
    for (const batch of batches)
      assert.ok(
        windowsCommandLineLength(windowsPath('powershell.exe'), buildElevatedCommand(batch, windowsPath).args) <= five,
      );
    assert.deepEqual(
      splitElevatedBatches(steps, windowsPath, one).map((b) => b.length),
      Array(12).fill(1),
    );
    assert.throws(() => splitElevatedBatches(steps, windowsPath, one - 1), /one step is too long/);
    assert.deepEqual(splitElevatedBatches([], windowsPath), []);
    assert.deepEqual(splitElevatedBatches(steps, windowsPath).length, 1);
  });
});

describe('StepsFailedError', () => {
  const steps = [portProxy(8080), firewall(8080), portProxy(8081)];
  const cause = new HostCommandError(
    'exit-code',
    'powershell.exe',
    ['-Command', 'x'],
    200001,
    'out',
    'err',
    undefined,
    'exited with 200001.',
  );
  it('names the step that failed, with its exit code, and what finished', () => {
    const error = new StepsFailedError(steps, 1, 1, 1, false, cause);
    assert.equal(error.failure, 'steps-failed');
    assert.deepEqual(
      [error.file, error.args, error.exitCode, error.stdout, error.stderr],
      [cause.file, cause.args, 200001, 'out', 'err'],
    );
    assert.match(
      error.message,
      new RegExp(
        `step 2 of 3 failed \\(exit code 1\\): ${firewall(8080).description.replace(/[()]/g, '\\$&')}\\. Finished: 1 of 3 steps\\.$`,
      ),
    );
  });

  it('says "unknown" for a failed step whose exit code was lost', () => {
    assert.match(
      new StepsFailedError(steps, 0, 0, undefined, false, cause).message,
      /step 1 of 3 failed \(exit code unknown\): .*\. Finished: 0 of 3 steps\.$/,
    );
  });

  it('says a later prompt was declined, or where it stopped when the step is not known', () => {
    assert.match(
      new StepsFailedError(steps, 2, undefined, undefined, true, cause).message,
      /the administrator prompt for the next batch was declined\. Finished: 2 of 3 steps\.$/,
    );
    assert.match(
      new StepsFailedError(steps, 2, undefined, undefined, false, cause).message,
      /stopped after step 2 of 3: .*exited with 200001\.\. Finished: 2 of 3 steps\.$/,
    );
  });
});
