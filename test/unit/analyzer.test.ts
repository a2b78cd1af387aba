import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyzer';
import type { FileKind } from '../../server/src/core/catalogue';
import { plainFinding, type Finding } from '../../server/src/core/findings';

const findings = (text: string, kind: FileKind = 'wslconfig'): Finding[] =>
  analyze(text, kind).findings.filter((f) => f.code !== 'restart-required');
const codes = (text: string, kind: FileKind = 'wslconfig'): string[] => findings(text, kind).map((f) => f.code);
const one = (text: string, code: string, kind: FileKind = 'wslconfig'): Finding => {
  const found = findings(text, kind).filter((f) => f.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(findings(text, kind).map((f) => f.code))}`);
  return found[0];
};
const spanText = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);

describe('analyzer: WSL messages for typed values', () => {
  it('rejects booleans other than true/false/1/0 with WSL wording', () => {
    const text = '[wsl2]\nguiApplications=yes\n';
    const f = one(text, 'invalid-bool');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^Invalid boolean value 'yes' for key 'wsl2\.guiApplications'\./);
    assert.equal(spanText(text, f), 'yes');
    assert.equal(f.wslLine, 2);
    assert.deepEqual(codes('[wsl2]\nguiApplications=TRUE\ndebugConsole=0\n'), []);
  });

  it('applies strtol base-0 rules to integers: octal, hex, sign, junk', () => {
    assert.deepEqual(codes('[wsl2]\nprocessors=010\nvmIdleTimeout=-1\nkernelDebugPort=0x10\n'), []);
    assert.match(
      one('[wsl2]\nprocessors=08\n', 'invalid-integer').message,
      /^Invalid integer value '08' for key 'wsl2\.processors'\. A leading 0 makes the number octal/,
    );
    assert.match(one('[wsl2]\nprocessors=4cores\n', 'invalid-integer').message, /^Invalid integer value '4cores'/);
    assert.equal(one('[wsl2]\nprocessors=99999999999\n', 'integer-clamped').severity, 'warning');
    // On Linux a long is 64-bit, so the same value is rejected instead of clamped.
    assert.equal(one('[fileServer]\nlogLevel=99999999999\n', 'invalid-integer', 'wslconf').severity, 'error');
  });

  it('accepts only exact uppercase memory units and offers repairs', () => {
    assert.deepEqual(
      codes('[wsl2]\nmemory=4G\nswap=0GB\ndefaultVhdSize=1099511627776\n[experimental]\nswiotlb=64MB\n'),
      [],
    );
    for (const bad of ['4gb', '4Gb', '4 GB', '1.5GB', '4GiB', '00', '']) {
      const f = one(`[wsl2]\nmemory=${bad}\n`, 'invalid-memory');
      assert.equal(
        f.message.startsWith(`Invalid memory string '${bad}' for .wslconfig entry 'wsl2.memory'.`),
        true,
        f.message,
      );
    }
    const repaired = (value: string): string | undefined => {
      const fix = one(`[wsl2]\nmemory=${value}\n`, 'invalid-memory').fixes?.[0];
      return fix && fix.fix === 'replace' ? fix.text : undefined;
    };
    assert.equal(repaired('8gb'), '8GB');
    assert.equal(repaired('4 GB'), '4GB');
    assert.equal(repaired('4GiB'), '4GB');
    assert.equal(repaired('1.5GB'), '1536MB');
  });

  it('warns that a small unitless memory value means bytes', () => {
    const f = one('[wsl2]\nswap=4\n', 'unitless-memory');
    assert.match(f.message, /reads it as 4 bytes/);
    assert.deepEqual(codes('[wsl2]\nmemory=8589934592\n'), []);
  });

  it('lists valid enum values in WSL map order and suggests the closest', () => {
    const f = one('[wsl2]\nnetworkingMode=mirror\n', 'invalid-enum');
    assert.equal(
      f.message,
      "Invalid value 'mirror' for config key 'wsl2.networkingMode' (Valid values: Bridged, Consomme, Mirrored, Nat, None, VirtioProxy). Did you mean 'Mirrored'? WSL keeps the default.",
    );
    assert.match(
      one('[experimental]\nautoMemoryReclaim=\n', 'invalid-enum').message,
      /\(Valid values: Disabled, DropCache, Gradual\)/,
    );
    assert.match(one('[automount]\ncgroups=v3\n', 'invalid-enum', 'wslconf').message, /\(Valid values: v1, v2\)/);
  });

  it('notes VirtioProxy as the legacy name of Consomme and canonical casing as a hint', () => {
    assert.equal(one('[wsl2]\nnetworkingMode=VirtioProxy\n', 'legacy-value').severity, 'information');
    assert.equal(one('[wsl2]\nnetworkingMode=MIRRORED\n', 'enum-casing').severity, 'hint');
  });

  it('validates IPv4, MAC addresses and port lists like WSL', () => {
    assert.match(
      one('[experimental]\ndnsTunnelingIpAddress=10.0.0.256\n', 'invalid-ip').message,
      /^Invalid IP value '10\.0\.0\.256' for key 'experimental\.dnsTunnelingIpAddress'\./,
    );
    assert.match(
      one('[wsl2]\nnetworkingMode=bridged\nvmSwitch=ext\nmacAddress=00155d010203\n', 'invalid-mac').message,
      /fatal/,
    );
    assert.deepEqual(codes('[wsl2]\nnetworkingMode=Mirrored\nmacAddress=00-15-5D-01-02-03\nvmSwitch=x\n'), [
      'mode-no-effect',
      'mode-no-effect',
    ]);
    const text = '[wsl2]\nnetworkingMode=Mirrored\n[experimental]\nignoredPorts=3000-3010,0,abc,,8080\n';
    const all = findings(text);
    assert.deepEqual(
      all.map((f) => [f.code, spanText(text, f)]),
      [
        ['port-range', '3000-3010'],
        ['invalid-port', '0'],
        ['invalid-port', 'abc'],
      ],
    );
    assert.equal(analyze(text, 'wslconfig').settings.value('experimental', 'ignoredPorts')?.toString(), '3000,8080');
  });
});

describe('analyzer: keys, sections and files', () => {
  it('reports the first occurrence as winning, aliases included', () => {
    const text = '[wsl2]\nnetworkingMode=Nat\n[experimental]\nnetworkingMode=Mirrored\n';
    const f = one(text, 'duplicate-key');
    assert.equal(
      f.message,
      "Duplicated config key 'experimental.networkingMode' (Conflicting key: 'wsl2.networkingMode' at line 2). WSL uses the first one and ignores this one.",
    );
    assert.equal(analyze(text, 'wslconfig').settings.networkingMode, 'nat');
  });

  it('gives a duplicate-key finding every field when copied or written as JSON', () => {
    const text = '[wsl2]\nmemory=4GB # first\nMemory=8GB # second\n';
    const finding = one(text, 'duplicate-key');
    const expected = {
      code: 'duplicate-key',
      severity: 'warning',
      message:
        "Duplicated config key 'wsl2.Memory' (Conflicting key: 'wsl2.memory' at line 2). WSL uses the first one and ignores this one.",
      span: { start: 26, end: 32 },
      wslLine: 3,
      unnecessary: true,
      related: { span: { start: 7, end: 13 }, message: "First 'wsl2.memory', the one WSL uses" },
      fixes: [{ fix: 'delete-line', lineSpan: { start: 26, end: 36 } }],
    };
    assert.equal(text.slice(finding.span.start, finding.span.end), 'Memory');
    assert.deepEqual(JSON.parse(JSON.stringify(finding)), expected);
    assert.deepEqual({ ...plainFinding(finding) }, expected);
  });

  it('counts an invalid first occurrence as consumed, as WSL does', () => {
    const text = '[wsl2]\nmemory=4gb\nmemory=4GB\n';
    assert.deepEqual(codes(text), ['invalid-memory', 'duplicate-key']);
    assert.equal(analyze(text, 'wslconfig').settings.value('wsl2', 'memory'), undefined);
  });

  it('matches keys and sections case-insensitively', () => {
    assert.deepEqual(codes('[WSL2]\nLOCALHOSTFORWARDING=true\n'), []);
  });

  it('says where a key belongs: other section, other file, before any section', () => {
    assert.match(
      one('[wsl2]\nsparseVhd=true\n', 'wrong-section').message,
      /^Unknown key 'wsl2\.sparseVhd': 'sparseVhd' belongs in \[experimental\], not in \[wsl2\]\.$/,
    );
    assert.match(one('[experimental]\nmemory=4GB\n', 'wrong-section').message, /belongs in \[wsl2\]/);
    assert.match(
      findings('[wsl2]\nmemory=16G\n', 'wslconf')[1].message,
      /^Unknown key 'wsl2\.memory': 'wsl2\.memory' is a setting of \.wslconfig, not of \/etc\/wsl\.conf\./,
    );
    const wrongFile = findings('[boot]\nsystemd=true\n');
    assert.deepEqual(
      wrongFile.map((f) => [f.code, f.severity]),
      [
        ['wrong-file', 'error'],
        ['wrong-file', 'error'],
      ],
    );
    assert.match(wrongFile[0].message, /^\[boot\] is a section of \/etc\/wsl\.conf, not of \.wslconfig\./);
    const before = one('memory=4GB\n[wsl2]\n', 'key-before-section');
    assert.deepEqual(before.fixes?.[0], { fix: 'move-to-section', section: 'wsl2', entrySpan: { start: 0, end: 10 } });
  });

  it('flags removed keys as unknown and deprecated', () => {
    const f = one('[wsl2]\npageReporting=false\n', 'removed-key');
    assert.equal(f.deprecated, true);
    assert.match(f.message, /^Unknown key 'wsl2\.pageReporting'\./);
  });

  it('warns about removed keys (they do nothing) but keeps unknown keys errors', () => {
    const removed = one('[wsl2]\npageReporting=false\n', 'removed-key');
    assert.equal(removed.severity, 'warning');
    assert.equal(removed.deprecated, true);
    // Removed wherever it is written, and in every file that lists it.
    assert.equal(one('[experimental]\npageReporting=false\n', 'removed-key').severity, 'warning');
    assert.equal(one('[automount]\ncrossDistro=true\n', 'removed-key', 'wslconf').severity, 'warning');
    const unknown = one('[wsl2]\npageReportingX=false\n', 'unknown-key');
    assert.equal(unknown.severity, 'error');
    assert.equal(unknown.deprecated, undefined);
  });

  it('suggests a section for a misspelled header', () => {
    assert.match(one('[wls2]\n', 'unknown-section').message, /Did you mean \[wsl2\]\?/);
  });
});

describe('analyzer: wsl.conf stops at the first malformed line', () => {
  it('greys out every non-blank line after the stop', () => {
    const text = '[network]\nstatic_ip = 1\nwsl_host = x\n\n[boot]\ncommand="touch /test"\n';
    const all = findings(text, 'wslconf');
    assert.deepEqual(
      all.map((f) => f.code),
      ['expected-equals', 'ignored-after-stop', 'ignored-after-stop', 'ignored-after-stop'],
    );
    const ignored = all.filter((f) => f.code === 'ignored-after-stop');
    assert.deepEqual(
      ignored.map((f) => spanText(text, f)),
      ['wsl_host = x', '[boot]', 'command="touch /test"'],
    );
    assert.ok(ignored.every((f) => f.unnecessary && f.severity === 'hint'));
    assert.match(all[0].message, /WSL stops reading \/etc\/wsl\.conf here/);
  });

  it('treats a UTF-8 BOM as a malformed first line', () => {
    assert.deepEqual(codes('\ufeff[boot]\nsystemd=true\n', 'wslconf'), ['invalid-key-name', 'ignored-after-stop']);
    assert.deepEqual(codes('\ufeff[wsl2]\nmemory=4GB\n'), []);
  });

  it('warns about decimal umask and hostnames WSL rewrites', () => {
    assert.match(
      one('[filesystem]\numask=22\n', 'umask-decimal', 'wslconf').message,
      /decimal number 22 \(octal 026\)/,
    );
    assert.deepEqual(codes('[filesystem]\numask=0022\n', 'wslconf'), []);
    assert.match(one('[network]\nhostname=my_host\n', 'hostname-rewritten', 'wslconf').message, /'myhost'/);
  });
});

describe('analyzer: networking mode rules', () => {
  it('flags mirrored-only keys without mirrored mode', () => {
    const f = one('[experimental]\nhostAddressLoopback=true\n', 'mode-no-effect');
    assert.match(f.message, /networkingMode is NAT \(the default\), and this setting only applies in mirrored mode/);
    assert.equal(f.unnecessary, true);
    assert.deepEqual(codes('[wsl2]\nnetworkingMode=Mirrored\n[experimental]\nhostAddressLoopback=true\n'), []);
  });

  it('flags localhostForwarding and firewall=false in mirrored mode', () => {
    const all = codes('[wsl2]\nnetworkingMode=Mirrored\nlocalhostForwarding=true\nfirewall=false\n');
    assert.deepEqual(all, ['mode-no-effect', 'mode-no-effect']);
  });

  it('flags dnsProxy while DNS tunneling is on, and tunneling-only keys when it is off', () => {
    assert.match(one('[wsl2]\ndnsProxy=false\n', 'mode-no-effect').message, /DNS tunneling is on \(the default\)/);
    assert.deepEqual(codes('[wsl2]\ndnsProxy=false\ndnsTunneling=false\n'), []);
    assert.equal(
      one('[wsl2]\ndnsTunneling=false\n[experimental]\nbestEffortDnsParsing=true\n', 'dns-tunneling-off').severity,
      'warning',
    );
  });

  it('flags bridged without vmSwitch, bridged-only keys elsewhere, Consomme without virtio', () => {
    assert.equal(
      one('[wsl2]\nnetworkingMode=Bridged\n', 'bridged-without-vmswitch').message.startsWith(
        'Bridged networking requires wsl2.vmSwitch to be set.',
      ),
      true,
    );
    assert.match(one('[wsl2]\nipv6=true\n', 'mode-no-effect').message, /only applies in bridged mode/);
    assert.equal(
      one('[wsl2]\nnetworkingMode=Consomme\nvirtio=false\n', 'consomme-without-virtio').message,
      'Consomme networking is not supported when wsl2.virtio is disabled; falling back to networkingMode Nat.',
    );
  });

  it('flags kernelModules without kernel, virtio9p and safe mode', () => {
    assert.equal(one('[wsl2]\nkernelModules=C:\\\\m.vhdx\n', 'kernel-modules-without-kernel').severity, 'warning');
    assert.deepEqual(codes('[wsl2]\nkernel=C:\\\\k\nkernelModules=C:\\\\m.vhdx\n'), []);
    assert.equal(
      one('[wsl2]\nvirtio9p=true\n', 'virtio9p-disabled').message,
      'wsl2.virtio9p is disabled, falling back to 9p with vsock transport.',
    );
    assert.match(one('[wsl2]\nsafeMode=true\nguiApplications=true\n', 'safe-mode').message, /ignored: guiApplications/);
  });
});

describe('analyzer: paths', () => {
  it('warns about control-character escapes and offers both fixes', () => {
    const text = '[wsl2]\nkernel=C:\\temp\\bzImage\n';
    const all = findings(text).filter((f) => f.code === 'control-escape');
    assert.deepEqual(
      all.map((f) => spanText(text, f)),
      ['\\t', '\\b'],
    );
    assert.deepEqual(
      all[0].fixes?.map((f) => f.fix),
      ['escape-backslashes', 'replace'],
    );
    const slash = all[0].fixes?.[1];
    assert.equal(slash?.fix === 'replace' && slash.text, 'C:/temp/bzImage');
  });

  it('warns about %VAR% in paths and non-ASCII values in .wslconfig', () => {
    const text = '[wsl2]\nswapFile=%TEMP%\\\\swap.vhdx\nkernel=C:\\\\Users\\\\José\\\\k\n';
    assert.deepEqual(codes(text), ['env-var-in-path', 'non-ascii-value']);
    assert.equal(spanText(text, one(text, 'env-var-in-path')), '%TEMP%');
  });
});

describe('analyzer: messages from the field', () => {
  const message = (text: string, code: string, kind: FileKind = 'wslconfig'): string => one(text, code, kind).message;

  it('never says a key belongs to a file that does not have it', () => {
    const text = '[network]\nforwardWindowsProxy=true\n';
    const key = findings(text).find((f) => spanText(text, f) === 'forwardWindowsProxy')!;
    assert.equal(key.code, 'unknown-key');
    assert.equal(
      key.message,
      "Unknown key 'network.forwardWindowsProxy'. [network] is a section of /etc/wsl.conf, but no WSL config file has a key 'forwardWindowsProxy'. Did you mean 'autoProxy' in [wsl2]?",
    );
    // The section's own finding still says whose section it is.
    assert.match(findings(text)[0].message, /^\[network\] is a section of \/etc\/wsl\.conf, not of \.wslconfig\./);
    // A .wslconfig key under a wsl.conf section belongs in its .wslconfig section, not in wsl.conf.
    assert.equal(
      message('[boot]\nmemory=4GB\n', 'wrong-section'),
      "Unknown key 'boot.memory': 'memory' belongs in [wsl2], not in [boot].",
    );
    assert.doesNotMatch(
      findings('[boot]\nmemory=4GB\n')
        .map((f) => f.message)
        .join('\n'),
      /'boot\.memory' is a setting/,
    );
  });

  it('names the file and section of a key written under any section of the other file', () => {
    const text = '[wsl2]\nsystemd=true\nappendWindowsPath=false\ngenerateResolvConf=false\n';
    assert.deepEqual(
      findings(text).map((f) => [f.code, f.severity, f.message]),
      [
        [
          'wrong-file',
          'error',
          "Unknown key 'wsl2.systemd': 'systemd' is a setting of /etc/wsl.conf (under [boot]), not of .wslconfig. Move it to [boot] in /etc/wsl.conf.",
        ],
        [
          'wrong-file',
          'error',
          "Unknown key 'wsl2.appendWindowsPath': 'appendWindowsPath' is a setting of /etc/wsl.conf (under [interop]), not of .wslconfig. Move it to [interop] in /etc/wsl.conf.",
        ],
        [
          'wrong-file',
          'error',
          "Unknown key 'wsl2.generateResolvConf': 'generateResolvConf' is a setting of /etc/wsl.conf (under [network]), not of .wslconfig. Move it to [network] in /etc/wsl.conf.",
        ],
      ],
    );
    // The other way round, and a name several sections and files have.
    assert.equal(
      message('[boot]\nprocessors=2\n', 'wrong-file', 'wslconf'),
      "Unknown key 'boot.processors': 'processors' is a setting of .wslconfig (under [wsl2]), not of /etc/wsl.conf. Move it to [wsl2] in .wslconfig.",
    );
    assert.equal(
      message('[wsl2]\ncommand=x\n', 'wrong-file'),
      "Unknown key 'wsl2.command': 'command' is a setting of /etc/wsl.conf (under [boot]) and of /etc/wsl-distribution.conf (under [oobe]), not of .wslconfig.",
    );
    // Before any section, too.
    assert.match(
      message('systemd=true\n[wsl2]\n', 'key-before-section'),
      /; 'systemd' is a setting of \/etc\/wsl\.conf \(under \[boot\]\), not of \.wslconfig\.$/,
    );
    // A key of this file in another section of this file stays a wrong-section finding.
    assert.match(
      message('[user]\nsystemd=true\n', 'wrong-section', 'wslconf'),
      /'systemd' belongs in \[boot\], not in \[user\]/,
    );
  });

  it('suggests keys of the same meaning before near spellings, across sections and files', () => {
    const sparse = one('[wsl2]\nsparse=true\n', 'unknown-key');
    assert.equal(sparse.message, "Unknown key 'wsl2.sparse'. Did you mean 'sparseVhd' in [experimental]?");
    assert.deepEqual(sparse.fixes, [
      { fix: 'replace', span: sparse.span, text: 'sparseVhd', title: "Change to 'sparseVhd'" },
      { fix: 'move-to-section', section: 'experimental', entrySpan: { start: 7, end: 18 } },
    ]);
    const uid = findings('[automount]\ndefaultUid=1000\n', 'wslconf');
    assert.equal(uid.length, 1);
    assert.doesNotMatch(uid[0].message, /'default'|\[user\]/);
    assert.equal(
      uid[0].message,
      "Unknown key 'automount.defaultUid': 'defaultUid' is a setting of /etc/wsl-distribution.conf (under [oobe]), not of /etc/wsl.conf. Move it to [oobe] in /etc/wsl-distribution.conf. Or did you mean the option 'uid' inside [automount] options, e.g. options = \"uid=1000\"?",
    );
    // Mount options written as keys, in any section; umask is one even though [filesystem] has a umask.
    assert.equal(
      message('[mount]\numask=000\n', 'unknown-key', 'wslconf'),
      "Unknown key 'mount.umask'. 'umask' is an option inside [automount] options, not a key: write it into that value, e.g. options = \"umask=000\".",
    );
    assert.match(message('[automount]\nmetadata=true\n', 'unknown-key', 'wslconf'), /e\.g\. options = "metadata"\.$/);
    // Near spellings of another file's keys.
    assert.equal(
      message('[wsl2]\nsytemd=true\n', 'unknown-key'),
      "Unknown key 'wsl2.sytemd'. Did you mean 'systemd' in [boot] of /etc/wsl.conf?",
    );
    // Same meaning in another file.
    assert.equal(
      message('[wsl2]\nuid=1000\n', 'unknown-key'),
      "Unknown key 'wsl2.uid'. 'uid' is an option inside [automount] options of /etc/wsl.conf, not a key: write it into that value, e.g. options = \"uid=1000\".",
    );
  });

  it('suggests the unit that gives a plausible size for a unitless memory value', () => {
    const units = (text: string): string[] =>
      (one(text, 'unitless-memory').fixes ?? []).map((f) => (f.fix === 'replace' ? f.text : f.fix));
    const memory = one('[wsl2]\nmemory=4096\n', 'unitless-memory');
    assert.equal(
      memory.message,
      "'4096' has no unit, so WSL reads it as 4096 bytes (WSL then raises it to its minimum, 256 MB). Add a unit: '4096MB' is 4 GB.",
    );
    assert.deepEqual(units('[wsl2]\nmemory=4096\n'), ['4096MB', '4096GB']);
    assert.deepEqual(units('[wsl2]\nmemory=8\n'), ['8GB', '8MB']);
    assert.deepEqual(units('[wsl2]\nmemory=512\n'), ['512MB', '512GB']);
    assert.deepEqual(units('[wsl2]\nswap=2048\n'), ['2048MB', '2048GB']);
    assert.deepEqual(units('[experimental]\nswiotlb=64\n'), ['64MB', '64GB']);
    assert.match(
      one('[wsl2]\nswap=4\n', 'unitless-memory').message,
      /^'4' has no unit, so WSL reads it as 4 bytes\. Add a unit: '4GB' is 4 GB\.$/,
    );
  });

  it('gives casing hints only for spellings the docs do not use', () => {
    for (const text of [
      'networkingMode=mirrored',
      'networkingMode=nat',
      'networkingMode=NAT',
      'networkingMode=Mirrored',
    ])
      assert.deepEqual(codes(`[wsl2]\n${text}\n`), [], text);
    for (const text of ['autoMemoryReclaim=gradual', 'autoMemoryReclaim=dropcache', 'autoMemoryReclaim=dropCache'])
      assert.deepEqual(codes(`[experimental]\n${text}\n`), [], text);
    assert.equal(
      message('[wsl2]\nnetworkingMode=MIRRORED\n', 'enum-casing'),
      "WSL matches 'MIRRORED' case-insensitively; its canonical spelling is 'Mirrored'.",
    );
    assert.equal(one('[experimental]\nautoMemoryReclaim=GRADUAL\n', 'enum-casing').severity, 'hint');
  });
});

describe("analyzer: WSL's own line numbers", () => {
  it('gives the line WSL prints where a CRLF wsl.conf makes it differ from the editor', () => {
    // Key and section lines ending in CRLF count twice for WSL; comments and blank lines once.
    const text = '# c\r\n\r\n[boot]\r\nsystemd=true\r\nsytemd=1\r\n';
    const f = one(text, 'unknown-key', 'wslconf');
    assert.equal(f.wslLine, 7);
    assert.equal(
      f.message,
      "Unknown key 'boot.sytemd'. Did you mean 'systemd'? WSL's own message gives /etc/wsl.conf:7, because WSL counts every key or section line that ends in CRLF twice.",
    );
    // With LF line ends the numbers agree and nothing is added.
    assert.equal(
      one(text.replace(/\r\n/g, '\n'), 'unknown-key', 'wslconf').message,
      "Unknown key 'boot.sytemd'. Did you mean 'systemd'?",
    );
    // CRLF comments and blank lines count once, so a key after them under an LF header agrees: no note.
    const agreeing = one('# c\r\n\r\n[boot]\nsytemd=1\r\n', 'unknown-key', 'wslconf');
    assert.equal(agreeing.wslLine, 4);
    assert.doesNotMatch(agreeing.message, /own message/);
  });

  it('uses editor lines in its own text and adds WSL lines to duplicates and the stop marker', () => {
    const dup = one('[boot]\r\nsystemd=true\r\nsystemd=false\r\n', 'duplicate-key', 'wslconf');
    assert.equal(
      dup.message,
      "Duplicated config key 'boot.systemd' (Conflicting key: 'boot.systemd' at line 2). WSL uses the first one and ignores this one. WSL's own message gives /etc/wsl.conf:5, because WSL counts every key or section line that ends in CRLF twice.",
    );
    const text = '[boot]\r\nsystemd=true\r\nstatic_ip=1\r\nx=1\r\n';
    const all = findings(text, 'wslconf');
    assert.match(all[0].message, /WSL's own message gives \/etc\/wsl\.conf:5, because/);
    assert.equal(
      all[1].message,
      "Ignored: WSL stopped reading /etc/wsl.conf at line 3 (Expected '='; WSL's own message says line 5), so nothing below it takes effect.",
    );
    assert.equal(
      findings(text.replace(/\r\n/g, '\n'), 'wslconf')[1].message,
      "Ignored: WSL stopped reading /etc/wsl.conf at line 3 (Expected '='), so nothing below it takes effect.",
    );
  });

  it('explains a lone CR, which ends a line for the editor but not on a blank line for WSL', () => {
    const f = one('[wsl2]\n\rprocessors=x\n', 'invalid-integer');
    assert.equal(f.wslLine, 2);
    assert.match(
      f.message,
      /WSL's own message gives \.wslconfig:2, because WSL does not count a lone carriage return \(CR\) on a blank line or in a comment as a line break\.$/,
    );
    // A CRLF .wslconfig is read in text mode: no drift, no note.
    assert.doesNotMatch(one('[wsl2]\r\n\r\nprocessors=x\r\n', 'invalid-integer').message, /own message/);
  });
});

describe('analyzer: boundaries of the typed values', () => {
  it('reads a leading 0 as octal and 0x as hex, as strtol base 0 does', () => {
    const value = (text: string, kind: FileKind = 'wslconfig'): unknown => {
      const analysis = analyze(text, kind);
      const entry = analysis.parsed.entries[0];
      return analysis.settings.value(entry.section!, entry.key);
    };
    assert.equal(value('[wsl2]\nprocessors=010\n'), 8);
    assert.equal(value('[wsl2]\nprocessors=-010\n'), -8);
    assert.equal(value('[wsl2]\nprocessors=0x1F\n'), 31);
    assert.equal(value('[wsl2]\nprocessors=00\n'), 0);
    assert.equal(value('[wsl2]\nprocessors=10\n'), 10);
    assert.equal(value('[filesystem]\numask=022\n', 'wslconf'), 18);
    assert.equal(value('[wsl2]\nprocessors=0x\n'), undefined);
    assert.deepEqual(codes('[filesystem]\numask=0777\n', 'wslconf'), []);
  });

  it('rejects a MAC address that mixes separators, as ParseMacAddressNoThrow does', () => {
    const bridged = (mac: string): string[] =>
      codes(`[wsl2]\nnetworkingMode=Bridged\nvmSwitch=ext\nmacAddress=${mac}\n`).filter((c) => c === 'invalid-mac');
    assert.deepEqual(bridged('00:15:5d:01:02:03'), []);
    assert.deepEqual(bridged('00-15-5D-01-02-03'), []);
    for (const mixed of ['00:15-5d:01:02:03', '00-15-5d-01-02:03', '00:15:5d:01:02-03'])
      assert.deepEqual(bridged(mixed), ['invalid-mac'], mixed);
  });

  it('keeps a 64-character hostname and cuts a longer one at 64, as CleanHostname does', () => {
    const h64 = 'h'.repeat(63) + '1';
    assert.deepEqual(codes(`[network]\nhostname=${h64}\n`, 'wslconf'), []);
    const f = one(`[network]\nhostname=${h64}2\n`, 'hostname-rewritten', 'wslconf');
    assert.match(f.message, new RegExp(`'${h64}'`));
    assert.equal(f.fixes?.[0]?.fix === 'replace' && f.fixes[0].text, h64);
    // Cut first, then trailing '-' and '.' go.
    assert.equal(
      (one(`[network]\nhostname=${'a'.repeat(63)}-b\n`, 'hostname-rewritten', 'wslconf').fixes?.[0] as { text: string })
        .text,
      'a'.repeat(63),
    );
  });
});
