// "Keep LAN Exposures Working While VS Code Is Closed", whole: the script the scheduled task runs as
// administrator (every line, as the confirmation dialog shows it), the install and removal steps, and
// what is refused before anything reaches Windows. Read line by line when written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  KEEP_TASK_NAME,
  buildKeepScript,
  keptForwards,
  planKeepTask,
  validateWindowsFolder,
} from '../../../client/src/host/lastingExposures';
import type { OwnExposure } from '../../../client/src/host/exposurePlan';
import type { PortProxyRule } from '../../../client/src/host/hostTypes';
import { ValidationError } from '../../../client/src/host/validators';

const FORWARDS = [
  { listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080 },
  { listenAddress: '0.0.0.0', listenPort: 2222, connectPort: 22 },
];

const SCRIPT = [
  '# WSL Network: keeps the portproxy rules it created pointed at the current WSL IP.',
  '# Installed by "Keep LAN Exposures Working While VS Code Is Closed"; "Stop Keeping LAN Exposures Working"',
  '# deletes this file and its scheduled task. Generated from validated values; do not edit.',
  "$distro = 'Ubuntu-24.04'",
  "$env:WSL_UTF8 = '1'",
  '# --list --running starts nothing; -d would start a stopped distro, so it is asked only when running.',
  "$running = @(& 'C:\\Windows\\System32\\wsl.exe' --list --running --quiet | ForEach-Object { ($_ -replace '\\x00', '').Trim() })",
  'if ($running -notcontains $distro) { exit 0 }',
  "$ip = @((& 'C:\\Windows\\System32\\wsl.exe' -d $distro -e hostname -I) -split '\\s+' | Where-Object { $_ -match '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' })[0]",
  'if (-not $ip) { exit 0 }',
  "$table = @(& 'C:\\Windows\\System32\\netsh.exe' interface portproxy show v4tov4)",
  'function Update-Forward([string]$ListenAddress, [int]$ListenPort, [int]$ConnectPort) {',
  '  foreach ($line in $table) {',
  "    $f = @($line.Trim() -split '\\s+')",
  '    if ($f.Count -eq 4 -and $f[0] -eq $ListenAddress -and $f[1] -eq [string]$ListenPort) {',
  '      if ($f[2] -ne $ip -or $f[3] -ne [string]$ConnectPort) {',
  "        & 'C:\\Windows\\System32\\netsh.exe' interface portproxy add v4tov4 listenport=$ListenPort listenaddress=$ListenAddress connectport=$ConnectPort connectaddress=$ip | Out-Null",
  '      }',
  '      return',
  '    }',
  '  }',
  '}',
  "Update-Forward '0.0.0.0' 8080 8080",
  "Update-Forward '0.0.0.0' 2222 22",
  'exit 0',
  '',
].join('\r\n');

describe('the keeper script', () => {
  it('is, line for line, what the dialog shows (CRLF, absolute tool paths, one Update-Forward per rule)', () => {
    assert.equal(buildKeepScript({ distro: 'Ubuntu-24.04', forwards: FORWARDS }), SCRIPT);
  });
  it('names the tools where WslHost found them, and refuses a path that is not that tool on a drive', () => {
    const onD = (tool: string): string => `D:\\Win\\System32\\${tool}`;
    const script = buildKeepScript({ distro: 'Ubuntu', forwards: FORWARDS, windowsPath: onD });
    assert.ok(script.includes("& 'D:\\Win\\System32\\wsl.exe' --list"));
    assert.ok(script.includes("& 'D:\\Win\\System32\\netsh.exe' interface portproxy show"));
    for (const bad of [
      () => 'wsl.exe',
      () => 'C:\\Windows\\System32\\wsl.exe.bat',
      () => 'C:\\Windows\\System32\\bash.exe',
      () => "C:\\Windows\\System32\\it's\\wsl.exe",
      () => '\\\\server\\share\\wsl.exe',
      () => 'C:\\$env:TEMP\\wsl.exe',
    ])
      assert.throws(
        () => buildKeepScript({ distro: 'Ubuntu', forwards: FORWARDS, windowsPath: bad }),
        (error: Error) =>
          error instanceof ValidationError && /^Not an absolute path of wsl\.exe: ".*"\.$/.test(error.message),
      );
  });
  it('refuses no forwards, a bad distro name, address or port', () => {
    assert.throws(
      () => buildKeepScript({ distro: 'Ubuntu', forwards: [] }),
      /^ValidationError: No LAN exposures of WSL Network to keep\.$/,
    );
    assert.throws(() => buildKeepScript({ distro: "Ub'untu", forwards: FORWARDS }), ValidationError);
    assert.throws(
      () =>
        buildKeepScript({
          distro: 'Ubuntu',
          forwards: [{ listenAddress: '0.0.0.0; rm', listenPort: 1, connectPort: 1 }],
        }),
      ValidationError,
    );
    assert.throws(
      () =>
        buildKeepScript({
          distro: 'Ubuntu',
          forwards: [{ listenAddress: '0.0.0.0', listenPort: 70000, connectPort: 1 }],
        }),
      ValidationError,
    );
  });
});

describe('installing and removing the task', () => {
  it('three elevated steps each way, in order, with the sentences the dialog shows', () => {
    const plan = planKeepTask({ programData: 'C:\\ProgramData', distro: 'Ubuntu-24.04', forwards: FORWARDS });
    assert.deepEqual(plan.paths, {
      folder: 'C:\\ProgramData\\WSLNetwork',
      script: 'C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1',
    });
    assert.equal(plan.scriptText, SCRIPT);
    const base64 = Buffer.from(SCRIPT, 'utf8').toString('base64');
    assert.deepEqual(
      plan.install.map((step) => [step.elevated, step.description, step.script]),
      [
        [
          true,
          'Create the folder C:\\ProgramData\\WSLNetwork',
          "New-Item -ItemType Directory -Force -Path 'C:\\ProgramData\\WSLNetwork' | Out-Null",
        ],
        [
          true,
          'Write the script C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1',
          `[IO.File]::WriteAllBytes('C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1', [Convert]::FromBase64String('${base64}'))`,
        ],
        [
          true,
          `Register the scheduled task "${KEEP_TASK_NAME}" (at logon and every 2 minutes, as administrator)`,
          "Register-ScheduledTask -TaskName 'WSL Network - Keep LAN Exposures' " +
            "-Action (New-ScheduledTaskAction -Execute 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' " +
            "-Argument '-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1') " +
            '-Trigger (New-ScheduledTaskTrigger -AtLogOn -User $env:USERNAME),' +
            "(New-ScheduledTaskTrigger -Once -At '2000-01-01T00:00:00' -RepetitionInterval (New-TimeSpan -Minutes 2)) " +
            '-Principal (New-ScheduledTaskPrincipal -UserId $env:USERNAME -LogonType Interactive -RunLevel Highest) ' +
            '-Settings (New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -MultipleInstances IgnoreNew) ' +
            '-Force | Out-Null',
        ],
      ],
    );
    assert.deepEqual(
      plan.remove.map((step) => [step.elevated, step.description, step.script]),
      [
        [
          true,
          `Remove the scheduled task "${KEEP_TASK_NAME}"`,
          "Unregister-ScheduledTask -TaskName 'WSL Network - Keep LAN Exposures' -Confirm:$false -ErrorAction SilentlyContinue",
        ],
        [
          true,
          'Delete the script C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1',
          "Remove-Item -LiteralPath 'C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1' -Force -ErrorAction SilentlyContinue",
        ],
        [
          true,
          'Delete the folder C:\\ProgramData\\WSLNetwork when it is empty',
          "if (-not (Get-ChildItem -LiteralPath 'C:\\ProgramData\\WSLNetwork' -Force -ErrorAction SilentlyContinue)) { Remove-Item -LiteralPath 'C:\\ProgramData\\WSLNetwork' -Force -ErrorAction SilentlyContinue }",
        ],
      ],
    );
  });
});

describe('validateWindowsFolder', () => {
  it('a drive and plain names, nothing that would need quoting or climb out', () => {
    for (const good of ['C:\\ProgramData', 'd:\\Data\\Sub.Folder_1-2', 'C:\\a'])
      assert.deepEqual(validateWindowsFolder(good), { ok: true, value: good });
    for (const bad of [
      'C:\\Program Data',
      'C:\\',
      'C:',
      'ProgramData',
      '\\\\server\\share',
      'C:\\a\\..\\b',
      'C:\\a\\.\\b',
      'C:\\a\\..',
      'C:\\..',
      'C:\\a\\',
      "C:\\it's",
      'C:\\%ProgramData%',
      'C:\\a\nb',
      'xC:\\a',
      42,
      undefined,
    ]) {
      const result = validateWindowsFolder(bad);
      assert.equal(result.ok, false, String(bad));
    }
    const long = `C:\\${'x'.repeat(100)} y`;
    assert.deepEqual(validateWindowsFolder(long), {
      ok: false,
      error: `Not a usable Windows folder: ${JSON.stringify(long.slice(0, 80))} (expected e.g. C:\\ProgramData, without spaces).`,
    });
  });
});

describe('keptForwards', () => {
  const rule = (listenAddress: string, listenPort: number, connectPort = listenPort): PortProxyRule => ({
    kind: 'v4tov4',
    listenAddress,
    listenPort,
    connectAddress: '172.23.21.232',
    connectPort,
  });
  const own = (...portProxies: PortProxyRule[]): OwnExposure => ({
    port: portProxies[0]?.connectPort ?? 0,
    protocol: 'TCP',
    steps: [],
    parts: [],
    recorded: true,
    portProxies,
    rules: [],
  });
  it('our portproxy rules once each, by listen port', () => {
    assert.deepEqual(
      keptForwards([
        own(rule('0.0.0.0', 9000)),
        own(rule('0.0.0.0', 2222, 22), rule('0.0.0.0', 9000)),
        own(rule('127.0.0.1', 9000)),
      ]),
      [
        { listenAddress: '0.0.0.0', listenPort: 2222, connectPort: 22 },
        { listenAddress: '0.0.0.0', listenPort: 9000, connectPort: 9000 },
        { listenAddress: '127.0.0.1', listenPort: 9000, connectPort: 9000 },
      ],
    );
    assert.deepEqual(keptForwards([]), []);
  });
});
