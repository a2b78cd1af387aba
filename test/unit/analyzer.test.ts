import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyzer';
import type { FileKind } from '../../server/src/core/catalogue';
import { plainFinding, type Finding } from '../../server/src/core/findings';

const findings = (text: string, kind: FileKind = 'wslconfig'): Finding[] => analyze(text, kind).findings.filter((f) => f.code !== 'restart-required');
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
    assert.match(one('[wsl2]\nprocessors=08\n', 'invalid-integer').message, /^Invalid integer value '08' for key 'wsl2\.processors'\. A leading 0 makes the number octal/);
    assert.match(one('[wsl2]\nprocessors=4cores\n', 'invalid-integer').message, /^Invalid integer value '4cores'/);
    assert.equal(one('[wsl2]\nprocessors=99999999999\n', 'integer-clamped').severity, 'warning');
    // On Linux a long is 64-bit, so the same value is rejected instead of clamped.
    assert.equal(one('[fileServer]\nlogLevel=99999999999\n', 'invalid-integer', 'wslconf').severity, 'error');
  });

  it('accepts only exact uppercase memory units and offers repairs', () => {
    assert.deepEqual(codes('[wsl2]\nmemory=4G\nswap=0GB\ndefaultVhdSize=1099511627776\n[experimental]\nswiotlb=64MB\n'), []);
    for (const bad of ['4gb', '4Gb', '4 GB', '1.5GB', '4GiB', '00', '']) {
      const f = one(`[wsl2]\nmemory=${bad}\n`, 'invalid-memory');
      assert.equal(f.message.startsWith(`Invalid memory string '${bad}' for .wslconfig entry 'wsl2.memory'.`), true, f.message);
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
    assert.match(one('[experimental]\nautoMemoryReclaim=\n', 'invalid-enum').message, /\(Valid values: Disabled, DropCache, Gradual\)/);
    assert.match(one('[automount]\ncgroups=v3\n', 'invalid-enum', 'wslconf').message, /\(Valid values: v1, v2\)/);
  });

  it('notes VirtioProxy as the legacy name of Consomme and canonical casing as a hint', () => {
    assert.equal(one('[wsl2]\nnetworkingMode=VirtioProxy\n', 'legacy-value').severity, 'information');
    assert.equal(one('[wsl2]\nnetworkingMode=MIRRORED\n', 'enum-casing').severity, 'hint');
  });

  it('validates IPv4, MAC addresses and port lists like WSL', () => {
    assert.match(one('[experimental]\ndnsTunnelingIpAddress=10.0.0.256\n', 'invalid-ip').message, /^Invalid IP value '10\.0\.0\.256' for key 'experimental\.dnsTunnelingIpAddress'\./);
    assert.match(one('[wsl2]\nnetworkingMode=bridged\nvmSwitch=ext\nmacAddress=00155d010203\n', 'invalid-mac').message, /fatal/);
    assert.deepEqual(codes('[wsl2]\nnetworkingMode=Mirrored\nmacAddress=00-15-5D-01-02-03\nvmSwitch=x\n'), ['mode-no-effect', 'mode-no-effect']);
    const text = '[wsl2]\nnetworkingMode=Mirrored\n[experimental]\nignoredPorts=3000-3010,0,abc,,8080\n';
    const all = findings(text);
    assert.deepEqual(all.map((f) => [f.code, spanText(text, f)]), [
      ['port-range', '3000-3010'],
      ['invalid-port', '0'],
      ['invalid-port', 'abc'],
    ]);
    assert.equal(analyze(text, 'wslconfig').settings.value('experimental', 'ignoredPorts')?.toString(), '3000,8080');
  });
});

describe('analyzer: keys, sections and files', () => {
  it('reports the first occurrence as winning, aliases included', () => {
    const text = '[wsl2]\nnetworkingMode=Nat\n[experimental]\nnetworkingMode=Mirrored\n';
    const f = one(text, 'duplicate-key');
    assert.equal(f.message, "Duplicated config key 'experimental.networkingMode' (Conflicting key: 'wsl2.networkingMode' at line 2). WSL uses the first one and ignores this one.");
    assert.equal(analyze(text, 'wslconfig').settings.networkingMode, 'nat');
  });

  it('gives a duplicate-key finding every field when copied or written as JSON', () => {
    const text = '[wsl2]\nmemory=4GB # first\nMemory=8GB # second\n';
    const finding = one(text, 'duplicate-key');
    const expected = {
      code: 'duplicate-key',
      severity: 'warning',
      message: "Duplicated config key 'wsl2.Memory' (Conflicting key: 'wsl2.memory' at line 2). WSL uses the first one and ignores this one.",
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
    assert.match(one('[wsl2]\nsparseVhd=true\n', 'wrong-section').message, /^Unknown key 'wsl2\.sparseVhd': 'sparseVhd' belongs in \[experimental\], not in \[wsl2\]\.$/);
    assert.match(one('[experimental]\nmemory=4GB\n', 'wrong-section').message, /belongs in \[wsl2\]/);
    assert.match(findings('[wsl2]\nmemory=16G\n', 'wslconf')[1].message, /^Unknown key 'wsl2\.memory': 'wsl2\.memory' is a setting of \.wslconfig, not of \/etc\/wsl\.conf\./);
    const wrongFile = findings('[boot]\nsystemd=true\n');
    assert.deepEqual(wrongFile.map((f) => [f.code, f.severity]), [['wrong-file', 'error'], ['wrong-file', 'error']]);
    assert.match(wrongFile[0].message, /^\[boot\] is a section of \/etc\/wsl\.conf, not of \.wslconfig\./);
    const before = one('memory=4GB\n[wsl2]\n', 'key-before-section');
    assert.deepEqual(before.fixes?.[0], { fix: 'move-to-section', section: 'wsl2', entrySpan: { start: 0, end: 10 } });
  });

  it('flags removed keys as unknown and deprecated', () => {
    const f = one('[wsl2]\npageReporting=false\n', 'removed-key');
    assert.equal(f.deprecated, true);
    assert.match(f.message, /^Unknown key 'wsl2\.pageReporting'\./);
  });

  it('suggests a section for a misspelled header', () => {
    assert.match(one('[wls2]\n', 'unknown-section').message, /Did you mean \[wsl2\]\?/);
  });
});

describe('analyzer: wsl.conf stops at the first malformed line', () => {
  it('greys out every non-blank line after the stop', () => {
    const text = '[network]\nstatic_ip = 1\nwsl_host = x\n\n[boot]\ncommand="touch /test"\n';
    const all = findings(text, 'wslconf');
    assert.deepEqual(all.map((f) => f.code), ['expected-equals', 'ignored-after-stop', 'ignored-after-stop', 'ignored-after-stop']);
    const ignored = all.filter((f) => f.code === 'ignored-after-stop');
    assert.deepEqual(ignored.map((f) => spanText(text, f)), ['wsl_host = x', '[boot]', 'command="touch /test"']);
    assert.ok(ignored.every((f) => f.unnecessary && f.severity === 'hint'));
    assert.match(all[0].message, /WSL stops reading \/etc\/wsl\.conf here/);
  });

  it('treats a UTF-8 BOM as a malformed first line', () => {
    assert.deepEqual(codes('\ufeff[boot]\nsystemd=true\n', 'wslconf'), ['invalid-key-name', 'ignored-after-stop']);
    assert.deepEqual(codes('\ufeff[wsl2]\nmemory=4GB\n'), []);
  });

  it('warns about decimal umask and hostnames WSL rewrites', () => {
    assert.match(one('[filesystem]\numask=22\n', 'umask-decimal', 'wslconf').message, /decimal number 22 \(octal 026\)/);
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
    assert.equal(one('[wsl2]\ndnsTunneling=false\n[experimental]\nbestEffortDnsParsing=true\n', 'dns-tunneling-off').severity, 'warning');
  });

  it('flags bridged without vmSwitch, bridged-only keys elsewhere, Consomme without virtio', () => {
    assert.equal(one('[wsl2]\nnetworkingMode=Bridged\n', 'bridged-without-vmswitch').message.startsWith('Bridged networking requires wsl2.vmSwitch to be set.'), true);
    assert.match(one('[wsl2]\nipv6=true\n', 'mode-no-effect').message, /only applies in bridged mode/);
    assert.equal(one('[wsl2]\nnetworkingMode=Consomme\nvirtio=false\n', 'consomme-without-virtio').message, 'Consomme networking is not supported when wsl2.virtio is disabled; falling back to networkingMode Nat.');
  });

  it('flags kernelModules without kernel, virtio9p and safe mode', () => {
    assert.equal(one('[wsl2]\nkernelModules=C:\\\\m.vhdx\n', 'kernel-modules-without-kernel').severity, 'warning');
    assert.deepEqual(codes('[wsl2]\nkernel=C:\\\\k\nkernelModules=C:\\\\m.vhdx\n'), []);
    assert.equal(one('[wsl2]\nvirtio9p=true\n', 'virtio9p-disabled').message, 'wsl2.virtio9p is disabled, falling back to 9p with vsock transport.');
    assert.match(one('[wsl2]\nsafeMode=true\nguiApplications=true\n', 'safe-mode').message, /ignored: guiApplications/);
  });
});

describe('analyzer: paths', () => {
  it('warns about control-character escapes and offers both fixes', () => {
    const text = '[wsl2]\nkernel=C:\\temp\\bzImage\n';
    const all = findings(text).filter((f) => f.code === 'control-escape');
    assert.deepEqual(all.map((f) => spanText(text, f)), ['\\t', '\\b']);
    assert.deepEqual(all[0].fixes?.map((f) => f.fix), ['escape-backslashes', 'replace']);
    const slash = all[0].fixes?.[1];
    assert.equal(slash?.fix === 'replace' && slash.text, 'C:/temp/bzImage');
  });

  it('warns about %VAR% in paths and non-ASCII values in .wslconfig', () => {
    const text = '[wsl2]\nswapFile=%TEMP%\\\\swap.vhdx\nkernel=C:\\\\Users\\\\José\\\\k\n';
    assert.deepEqual(codes(text), ['env-var-in-path', 'non-ascii-value']);
    assert.equal(spanText(text, one(text, 'env-var-in-path')), '%TEMP%');
  });
});
