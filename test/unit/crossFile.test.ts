// .wslconfig and each distro's /etc/wsl.conf checked together (server/src/core/crossFile.ts,
// schemas/interactions.json): every interaction fires on both sides when its condition holds,
// points at the other file's line, and stays silent when either side does not hold.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  crossFileFindings,
  interactions,
  loadInteractions,
  summarizeDistroConfig,
  type CrossFileFinding,
} from '../../server/src/core/crossFile';

interface Case {
  /** What this case shows. */
  name: string;
  wslconfig: string;
  wslconf: string;
  /** Lines (0-based) of the .wslconfig findings of this interaction; [] = none. */
  wslconfigLines: number[];
  /** Lines (0-based) of the wsl.conf findings; [] = none. */
  wslconfLines: number[];
  /** Text both messages (or the only one) must contain. */
  mentions?: RegExp;
}

const CASES: Record<string, Case[]> = {
  'dns-tunneling-needs-generated-resolv-conf': [
    {
      name: 'explicit dnsTunneling=true',
      wslconfig: '[wsl2]\ndnsTunneling=true\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [1],
      wslconfLines: [1],
      mentions: /wsl2\.dnsTunneling=true/,
    },
    {
      name: 'the default (on): only wsl.conf has a line to mark',
      wslconfig: '[wsl2]\nmemory=4GB\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [1],
      mentions: /wsl2\.dnsTunneling \(true, the default\)/,
    },
    {
      name: 'the [experimental] alias and a tunneling address',
      wslconfig: '[experimental]\ndnsTunneling=true\ndnsTunnelingIpAddress=10.0.0.53\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [1, 2],
      wslconfLines: [1],
    },
    {
      name: 'silent: dnsTunneling=false',
      wslconfig: '[wsl2]\ndnsTunneling=false\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: bridged mode turns tunneling off',
      wslconfig: '[wsl2]\nnetworkingMode=bridged\nvmSwitch=ext\ndnsTunneling=true\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: safe mode turns tunneling off',
      wslconfig: '[wsl2]\nsafeMode=true\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: an invalid tunneling address turns tunneling off',
      wslconfig: '[wsl2]\ndnsTunneling=true\n[experimental]\ndnsTunnelingIpAddress=10.0.0\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: generateResolvConf=true',
      wslconfig: '[wsl2]\ndnsTunneling=true\n',
      wslconf: '[network]\ngenerateResolvConf=true\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: WSL stopped reading wsl.conf before the key',
      wslconfig: '[wsl2]\ndnsTunneling=true\n',
      wslconf: '[network]\nstatic_ip=1\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'dns-proxy-needs-generated-resolv-conf': [
    {
      name: 'NAT without tunneling',
      wslconfig: '[wsl2]\ndnsTunneling=false\ndnsProxy=false\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [2],
      wslconfLines: [1],
      mentions: /wsl2\.dnsProxy=false/,
    },
    {
      name: 'silent: tunneling on (dnsProxy does nothing anyway)',
      wslconfig: '[wsl2]\ndnsProxy=false\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: mirrored mode',
      wslconfig: '[wsl2]\nnetworkingMode=mirrored\ndnsTunneling=false\ndnsProxy=false\n',
      wslconf: '[network]\ngenerateResolvConf=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: generated resolv.conf',
      wslconfig: '[wsl2]\ndnsTunneling=false\ndnsProxy=false\n',
      wslconf: '[network]\nhostname=box\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'safe-mode-disables-wsl-conf-features': [
    {
      name: 'systemd and boot command',
      wslconfig: '[wsl2]\nsafeMode=true\n',
      wslconf: '[boot]\nsystemd=true\ncommand=service ssh start\n[interop]\nenabled=false\n',
      wslconfigLines: [1],
      wslconfLines: [1, 2],
      mentions: /safeMode=true/,
    },
    {
      name: 'silent: safeMode=false',
      wslconfig: '[wsl2]\nsafeMode=false\n',
      wslconf: '[boot]\nsystemd=true\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: wsl.conf only turns things off',
      wslconfig: '[wsl2]\nsafeMode=true\n',
      wslconf: '[interop]\nenabled=false\n[automount]\nenabled=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'gui-applications-off-for-the-vm': [
    {
      name: 'guiApplications=false',
      wslconfig: '[wsl2]\nguiApplications=false\n',
      wslconf: '[general]\nguiApplications=true\n',
      wslconfigLines: [1],
      wslconfLines: [1],
      mentions: /guiApplications=false/,
    },
    {
      name: 'safe mode',
      wslconfig: '[wsl2]\nsafeMode=true\n',
      wslconf: '[general]\nguiApplications=true\n',
      wslconfigLines: [1],
      wslconfLines: [1],
    },
    {
      name: 'silent: the distro opts out',
      wslconfig: '[wsl2]\nguiApplications=false\n',
      wslconf: '[general]\nguiApplications=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: WSLg on for the VM',
      wslconfig: '[wsl2]\nguiApplications=true\n',
      wslconf: '[general]\nguiApplications=true\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'gpu-off-for-the-vm': [
    {
      name: 'gpuSupport=false',
      wslconfig: '[wsl2]\ngpuSupport=false\n',
      wslconf: '[gpu]\nenabled=true\n',
      wslconfigLines: [1],
      wslconfLines: [1],
      mentions: /gpuSupport=false/,
    },
    {
      name: 'silent: gpu.enabled=false',
      wslconfig: '[wsl2]\ngpuSupport=false\n',
      wslconf: '[gpu]\nenabled=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: GPU on for the VM',
      wslconfig: '[wsl2]\ngpuSupport=true\n',
      wslconf: '[gpu]\nenabled=true\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'drive-mounting-off-for-the-vm': [
    {
      name: 'automount settings',
      wslconfig: '[wsl2]\nhostFileSystemAccess=false\n',
      wslconf: '[automount]\nenabled=true\noptions="metadata"\n',
      wslconfigLines: [1],
      wslconfLines: [1, 2],
      mentions: /hostFileSystemAccess=false/,
    },
    {
      name: 'silent: drives allowed',
      wslconfig: '[wsl2]\nhostFileSystemAccess=true\n',
      wslconf: '[automount]\nenabled=true\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: automount off in the distro too',
      wslconfig: '[wsl2]\nhostFileSystemAccess=false\n',
      wslconf: '[automount]\nenabled=false\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'cgroup-v1-with-distro-isolation': [
    {
      name: 'explicit isolateDistroCgroup=true',
      wslconfig: '[wsl2]\nisolateDistroCgroup=true\n',
      wslconf: '[automount]\ncgroups=v1\n',
      wslconfigLines: [1],
      wslconfLines: [1],
      mentions: /isolateDistroCgroup/,
    },
    {
      name: 'the default (on), any case of v1',
      wslconfig: '',
      wslconf: '[automount]\ncgroups=V1\n',
      wslconfigLines: [],
      wslconfLines: [1],
      mentions: /Cgroup v1 is incompatible with per-distribution cgroup isolation/,
    },
    {
      name: 'silent: isolation off',
      wslconfig: '[wsl2]\nisolateDistroCgroup=false\n',
      wslconf: '[automount]\ncgroups=v1\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: cgroup v2',
      wslconfig: '[wsl2]\nisolateDistroCgroup=true\n',
      wslconf: '[automount]\ncgroups=v2\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
  'cgroup-v1-disabled-by-kernel-command-line': [
    {
      name: 'cgroup_no_v1=all',
      wslconfig: '[wsl2]\nkernelCommandLine=quiet cgroup_no_v1=all\n',
      wslconf: '[automount]\ncgroups=v1\n',
      wslconfigLines: [1],
      wslconfLines: [1],
      mentions: /cgroup_no_v1=all/,
    },
    {
      name: 'cgroup_no_v1=all first on the command line',
      wslconfig: '[wsl2]\nkernelCommandLine=cgroup_no_v1=all quiet\n',
      wslconf: '[automount]\ncgroups=v1\n',
      wslconfigLines: [1],
      wslconfLines: [1],
      mentions: /cgroup_no_v1=all/,
    },
    {
      name: 'silent: only some controllers',
      wslconfig: '[wsl2]\nkernelCommandLine=cgroup_no_v1=memory,cpu\n',
      wslconf: '[automount]\ncgroups=v1\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: only the first occurrence counts, as in WSL',
      wslconfig: '[wsl2]\nkernelCommandLine=cgroup_no_v1=memory cgroup_no_v1=all\n',
      wslconf: '[automount]\ncgroups=v1\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
    {
      name: 'silent: cgroup v2',
      wslconfig: '[wsl2]\nkernelCommandLine=cgroup_no_v1=all\n',
      wslconf: '[automount]\ncgroups=v2\n',
      wslconfigLines: [],
      wslconfLines: [],
    },
  ],
};

const of = (findings: readonly CrossFileFinding[], id: string): CrossFileFinding[] =>
  findings.filter((f) => f.interaction === id);

describe('cross-file interactions (schemas/interactions.json)', () => {
  it('every interaction has tests that fire on both sides and tests that stay silent', () => {
    for (const interaction of interactions) {
      const cases = CASES[interaction.id];
      assert.ok(cases, `no test cases for ${interaction.id}`);
      assert.ok(
        cases.some((c) => c.wslconfigLines.length > 0),
        `${interaction.id}: no case fires in .wslconfig`,
      );
      assert.ok(
        cases.some((c) => c.wslconfLines.length > 0),
        `${interaction.id}: no case fires in wsl.conf`,
      );
      assert.ok(
        cases.some((c) => c.wslconfigLines.length === 0 && c.wslconfLines.length === 0),
        `${interaction.id}: no silent case`,
      );
    }
    assert.deepEqual(Object.keys(CASES).sort(), interactions.map((i) => i.id).sort());
  });

  for (const [id, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      it(`${id}: ${c.name}`, () => {
        const result = crossFileFindings(c.wslconfig, [{ distro: 'Ubuntu', wslconfText: c.wslconf }]);
        const vm = of(result.wslconfig, id);
        const distro = of(result.wslconf.get('Ubuntu') ?? [], id);
        assert.deepEqual(
          vm.map((f) => f.range.start.line),
          c.wslconfigLines,
          '.wslconfig lines',
        );
        assert.deepEqual(
          distro.map((f) => f.range.start.line),
          c.wslconfLines,
          'wsl.conf lines',
        );
        for (const f of [...vm, ...distro]) {
          if (c.mentions) assert.match(f.message, c.mentions);
          assert.ok(f.sources.length > 0 && f.sources.every((url) => url.startsWith('https://')));
          assert.doesNotMatch(f.message, /\{\w+\}/, 'no placeholder left');
        }
        // Related information points at the other file's line.
        for (const f of vm) {
          assert.deepEqual(
            f.related.map((r) => [r.location.file, r.location.distro, r.location.range.start.line]),
            c.wslconfLines.map((line) => ['wslconf', 'Ubuntu', line]),
          );
          assert.match(f.message, /Ubuntu/);
        }
        for (const f of distro) {
          assert.deepEqual(
            f.related.map((r) => [r.location.file, r.location.range.start.line]),
            c.wslconfigLines.map((line) => ['wslconfig', line]),
          );
          for (const r of f.related)
            assert.equal(
              c.wslconfig.slice(r.location.span.start, r.location.span.end),
              c.wslconfig.split('\n')[r.location.range.start.line],
            );
        }
      });
    }
  }

  it('names every distro concerned in .wslconfig, one related line per distro', () => {
    const result = crossFileFindings('[wsl2]\ndnsTunneling=true\n', [
      { distro: 'Ubuntu', wslconfText: '[network]\ngenerateResolvConf=false\n' },
      { distro: 'Debian', wslconfText: '# mine\n[boot]\nsystemd=true\n[network]\ngenerateResolvConf = false\n' },
      { distro: 'Alpine', wslconfText: '' },
    ]);
    const [finding] = of(result.wslconfig, 'dns-tunneling-needs-generated-resolv-conf');
    assert.match(finding?.message ?? '', /Ubuntu, Debian/);
    assert.doesNotMatch(finding?.message ?? '', /Alpine/);
    assert.deepEqual(
      finding?.related.map((r) => [r.location.distro, r.location.range.start.line]),
      [
        ['Ubuntu', 1],
        ['Debian', 4],
      ],
    );
    assert.deepEqual(result.wslconf.get('Alpine'), []);
    assert.equal(result.wslconf.get('Debian')?.length, 1);
  });

  it('the loader rejects entries that do not match the catalogue', () => {
    const base = JSON.parse(JSON.stringify({ interactions: [interactions[0]] }));
    // The JSON as the loader sees it: untyped, so a test can break any field.
    type Loose = { wslconf: { anyOf: Array<Record<string, unknown>> }; sources: unknown[] };
    const broken = (change: (i: Loose) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(base));
      change(copy.interactions[0]);
      return copy;
    };
    assert.doesNotThrow(() => loadInteractions(base));
    assert.throws(
      () => loadInteractions(broken((i) => (i.wslconf.anyOf[0].setting = 'network.generateResolvconf'))),
      /canonical/,
    );
    assert.throws(
      () => loadInteractions(broken((i) => (i.wslconf.anyOf[0].setting = 'wsl2.memory'))),
      /not a \/etc\/wsl\.conf setting/,
    );
    assert.throws(() => loadInteractions(broken((i) => (i.wslconf.anyOf[0].equals = 'false'))), /boolean/);
    assert.throws(() => loadInteractions(broken((i) => (i.wslconf.anyOf[0].isSet = true))), /exactly one/);
    assert.throws(() => loadInteractions(broken((i) => (i.sources = []))), /no source/);
    assert.throws(() => loadInteractions({ interactions: [interactions[0], interactions[0]] }), /duplicate/);
  });

  it('the loader checks an enum value, and that a kernel parameter is tested on a string setting', () => {
    const cgroups = interactions.find((i) => i.id === 'cgroup-v1-with-distro-isolation')!;
    const withTest = (test: Record<string, unknown>): unknown => {
      const copy = JSON.parse(JSON.stringify({ interactions: [cgroups] }));
      copy.interactions[0].wslconf.anyOf[0] = test;
      return copy;
    };
    assert.doesNotThrow(() => loadInteractions(withTest({ setting: 'automount.cgroups', equals: 'V1' })));
    assert.throws(
      () => loadInteractions(withTest({ setting: 'automount.cgroups', equals: 'v3' })),
      /^Error: interactions\.json: cgroup-v1-with-distro-isolation: automount\.cgroups: v3 is not one of its values$/,
    );
    assert.throws(
      () => loadInteractions(withTest({ setting: 'automount.cgroups', equals: 1 })),
      /automount\.cgroups: 1 is not one of its values$/,
    );
    assert.throws(
      () => loadInteractions(withTest({ setting: 'boot.systemd', kernelParameter: { name: 'a', value: 'b' } })),
      /^Error: interactions\.json: cgroup-v1-with-distro-isolation: boot\.systemd: kernelParameter needs a string setting$/,
    );
    assert.throws(
      () => loadInteractions(withTest({ setting: 'automount.cgroups' })),
      /^Error: interactions\.json: cgroup-v1-with-distro-isolation: automount\.cgroups needs exactly one of equals, isSet, kernelParameter$/,
    );
    assert.throws(
      () => loadInteractions(withTest({ setting: 'cgroups', equals: 'v1' })),
      /^Error: interactions\.json: cgroup-v1-with-distro-isolation: cgroups is not a \/etc\/wsl\.conf setting/,
    );
  });

  it('the data file follows its JSON schema (required and allowed properties, severities, ids)', () => {
    const root = path.join(__dirname, '..', '..', '..', 'schemas');
    const dir = fs.existsSync(path.join(root, 'interactions.schema.json'))
      ? root
      : path.join(__dirname, '..', '..', 'schemas');
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'interactions.schema.json'), 'utf8'));
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'interactions.json'), 'utf8'));
    const def = schema.definitions.interaction;
    for (const item of data.interactions) {
      for (const required of def.required) assert.ok(required in item, `${item.id} lacks ${required}`);
      for (const key of Object.keys(item)) assert.ok(key in def.properties, `${item.id}: ${key} is not in the schema`);
      assert.ok(def.properties.severity.enum.includes(item.severity));
      assert.match(item.id, new RegExp(def.properties.id.pattern));
      for (const test of [...item.wslconfig.anyOf, ...item.wslconf.anyOf]) {
        for (const key of Object.keys(test))
          assert.ok(key in schema.definitions.settingTest.properties, `${item.id}: ${key}`);
      }
    }
  });
});

describe('a distro summary for the status bar tooltip', () => {
  it('lists what the distro changes, in a few words each', () => {
    const summary = summarizeDistroConfig(
      '[boot]\nsystemd=true\n[network]\ngenerateResolvConf=false\nhostname=my_box\n[interop]\nenabled=false\n[user]\ndefault=dev\n',
    );
    assert.deepEqual(summary.facts, [
      'systemd on',
      'resolv.conf managed by you',
      'hostname mybox',
      'interop off',
      'default user dev',
    ]);
    assert.equal(summary.line, 'systemd on, resolv.conf managed by you, hostname mybox, interop off, default user dev');
  });

  it('names every other change from the defaults, and leaves out what a stronger setting overrides', () => {
    assert.deepEqual(
      summarizeDistroConfig(
        '[network]\ngenerateHosts=false\n[interop]\nappendWindowsPath=false\n[automount]\nroot=/win/\ncgroups=v1\n[boot]\ncommand=echo hi\n[general]\nguiApplications=false\n[gpu]\nenabled=false\n[time]\nuseWindowsTimezone=false\n',
      ).facts,
      [
        'systemd off',
        'hosts managed by you',
        'Windows PATH not appended',
        'drives under /win/',
        'cgroup v1',
        'boot command set',
        'GUI apps off',
        'GPU off',
        'own time zone',
      ],
    );
    // Interop off makes appendWindowsPath moot, no mounting makes the root moot; an empty user is no user.
    assert.deepEqual(
      summarizeDistroConfig(
        '[interop]\nenabled=false\nappendWindowsPath=false\n[automount]\nenabled=false\nroot=/win/\ncgroups=V1\n[user]\ndefault=\n',
      ).facts,
      ['systemd off', 'interop off', 'drives not mounted', 'cgroup v1'],
    );
  });

  it('says where WSL stops reading, and only what it read before that', () => {
    const summary = summarizeDistroConfig('[boot]\nsystemd=true\n; note\n[network]\ngenerateResolvConf=false\n');
    assert.deepEqual(summary.facts, ['WSL stops reading at line 3', 'systemd on']);
  });

  it('adds the interactions with .wslconfig that hold', () => {
    const summary = summarizeDistroConfig('[network]\ngenerateResolvConf=false\n', '[wsl2]\ndnsTunneling=true\n');
    assert.deepEqual(summary.interactions, ['DNS tunneling with a resolv.conf the user manages']);
    assert.deepEqual(
      summarizeDistroConfig('[network]\ngenerateResolvConf=false\n', '[wsl2]\ndnsTunneling=false\n').interactions,
      [],
    );
    assert.deepEqual(summarizeDistroConfig('').facts, ['systemd off']);
  });
});
