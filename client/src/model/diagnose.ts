/**
 * "Diagnose Port": a step-by-step verdict, in Markdown, on why a port is or is not reachable
 * from Windows and from the LAN, built from the same facts and reachability model as the tree.
 */
import { hyperVFirewallVerdict, windowsFirewallVerdict } from '../host/firewallMatching';
import { describeScope, openToAnyoneOnPublic, type ScopedRule } from '../host/firewallScope';
import { classifyBindAddress, hostWithPort } from '../host/ipAddress';
import { wslConfigFix } from '../host/connectivity/fixes';
import { DOCS, type WslConfigEditFix } from '../host/connectivity/types';
import type { ListeningSocket } from '../host/hostTypes';
import { dockerContainerOnPort, dockerPortOf, type DockerPort } from '../host/parseDockerPs';
import { assessReachability, type LanBlocker, type NetworkContext, type Reachability } from '../host/reachability';
import type { CockpitFacts } from './facts';
import { code, md, type Localize } from './l10n';
import { buildUrls, dockerText } from './portsModel';
import { ignoredPortsWith } from './wslConfigFile';
import { modeLabel } from '../../../server/src/core';
import { describePortConflict, findPortConflicts, type PortConflictFacts } from '../host/connectivity/portConflicts';

export interface DiagnoseInput {
  readonly facts: CockpitFacts;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
  readonly formatTime?: (ms: number) => string;
  /** Windows' excluded ranges (and UDP endpoints) for this protocol (commands/portConflicts.ts); absent: not read. */
  readonly conflictFacts?: Pick<PortConflictFacts, 'excluded' | 'udpEndpoints'>;
}

export interface Diagnosis {
  readonly markdown: string;
  readonly fromWindows: boolean | undefined;
  readonly fromLan: boolean | undefined;
  /** Short lines for the output channel. */
  readonly summary: string;
  /** `.wslconfig` edits Diagnose Port offers to apply (the documented fix for a Docker port in mirrored mode). */
  readonly configFixes: readonly WslConfigEditFix[];
}

const yes = '✅';
const no = '❌';
const unknown = '❓';

export function diagnosePort(input: DiagnoseInput, t: Localize): Diagnosis {
  const { facts, port } = input;
  const protocol = input.protocol ?? 'TCP';
  const time = input.formatTime ?? ((ms: number) => new Date(ms).toLocaleString());
  const out: string[] = [`# ${t('Port {0}/{1}: reachability', port, protocol)}`, ''];
  const step = (n: number, title: string, body: string[]): void => {
    out.push(`## ${n}. ${title}`, '', ...body, '');
  };
  out.push(
    `_${t('Checked at {0}{1}.', time(facts.at), facts.demo ? ` ${t('(demo mode: simulated Windows tools)')}` : '')}_`,
    '',
  );

  if (!facts.available) {
    step(1, t('WSL'), [`${no} ${t('WSL is not available: {0}', md(facts.unavailableReason ?? ''))}`]);
    return {
      markdown: out.join('\n'),
      fromWindows: undefined,
      fromLan: undefined,
      summary: t('WSL not available'),
      configFixes: [],
    };
  }
  if (!facts.inspectDistro || !facts.ports?.context) {
    step(1, t('WSL'), [
      `${unknown} ${t('No WSL 2 distro is running, so nothing listens. Start your program in WSL and run this again.')}`,
    ]);
    return {
      markdown: out.join('\n'),
      fromWindows: false,
      fromLan: false,
      summary: t('WSL not running'),
      configFixes: [],
    };
  }
  const ports = facts.ports;
  const context = ports.context!;
  const configured = facts.config.summary.mode;

  const modeLines = [
    `- ${t('Effective mode (wslinfo --networking-mode)')}: **${modeLabel(context.mode)}**${facts.effectiveMode === undefined ? ` ${unknown} ${t('(unknown, assumed NAT)')}` : ''}`,
    `- ${t('Configured in .wslconfig')}: ${modeLabel(configured)}`,
  ];
  if (facts.effectiveMode !== undefined && facts.effectiveMode !== 'wsl1' && facts.effectiveMode !== configured) {
    modeLines.push(
      `- ⚠ ${t('They differ: .wslconfig changed since WSL started (restart WSL), or WSL fell back at start-up. See the status bar tooltip.')}`,
    );
  }
  if (context.mode === 'nat' || context.mode === 'consomme') {
    modeLines.push(
      `- ${t('localhostForwarding')}: ${context.localhostForwarding === false ? 'false' : t('true (default or set)')}`,
    );
  }
  modeLines.push(
    `- ${t('WSL addresses')}: ${context.wslIps.length > 0 ? context.wslIps.map(code).join(', ') : t('unknown')}`,
  );
  step(1, t('Networking mode'), modeLines);

  // Which socket: all running distros share one network namespace.
  const candidates: { distro: string; socket: ListeningSocket }[] = [];
  const seen = new Set<string>();
  for (const list of ports.sockets) {
    for (const socket of list.sockets) {
      if (socket.port !== port || socket.protocol !== protocol.toLowerCase()) continue;
      const key = `${socket.address}|${socket.inode}`;
      if (seen.has(key) && socket.pid === undefined) continue;
      seen.add(key);
      candidates.push({ distro: list.distro, socket });
    }
  }
  const listenLines: string[] = [];
  if (candidates.length === 0) {
    listenLines.push(
      `${no} ${t('Nothing listens on {0} port {1} in the running distros ({2}).', protocol, port, ports.sockets.map((s) => s.distro).join(', '))}`,
    );
    listenLines.push(
      t(
        'Connections are refused from everywhere. Start the program, and check with {0} inside WSL.',
        code(`ss -${protocol === 'TCP' ? 't' : 'u'}lnp`),
      ),
    );
  } else {
    for (const { distro, socket } of candidates) {
      const bind = classifyBindAddress(socket.address);
      const who = socket.processName
        ? `${socket.processName}${socket.pid !== undefined ? ` (pid ${socket.pid})` : ''}`
        : t('an unknown process (owned by another user)');
      listenLines.push(
        `${yes} ${t('{0} listens on {1} in {2}', md(who), code(hostWithPort(socket.address, port)), md(distro))} — ${
          bind === 'loopback' ? t('loopback only') : bind === 'wildcard' ? t('all interfaces') : t('one address')
        }`,
      );
    }
  }
  const docker = dockerFinding(facts, port, protocol, candidates, t);
  listenLines.push(...docker.lines);
  step(2, t('Is something listening?'), listenLines);
  const conflictStep = conflictLines(input, context.mode, t);
  if (candidates.length === 0) {
    let nextStep = 3;
    if (conflictStep) step(nextStep++, t('Port conflicts on Windows'), conflictStep);
    if (docker.mirrored.length > 0) step(nextStep, t('Docker in mirrored mode'), docker.mirrored);
    return {
      markdown: out.join('\n'),
      fromWindows: false,
      fromLan: false,
      summary: t('Nothing listens on {0}/{1}', port, protocol),
      configFixes: docker.fixes,
    };
  }

  const assessed = candidates.map((c) => ({ ...c, reach: assessReachability(c.socket, context, t) }));
  const best = assessed.reduce((a, b) => (rank(b.reach) > rank(a.reach) ? b : a));
  const reach = best.reach;
  const urls =
    protocol === 'TCP' ? buildUrls(best.socket, reach, context, ports.lanAddresses) : { lanUrls: [] as string[] };

  const winLines = [
    `${reach.fromWindows ? yes : no} ${reach.fromWindows ? t('Windows can connect{0}.', urls.localUrl ? ` (${code(urls.localUrl)})` : '') : t('Windows cannot connect.')}`,
    ...reach.windowsReasons.map((r) => `- ${md(r)}`),
  ];
  const conflicts = (ports.windowsListeners ?? []).filter((l) => l.localPort === port);
  if (protocol === 'TCP' && conflicts.length > 0) {
    for (const c of conflicts) {
      winLines.push(
        `- ⚠ ${t('A Windows process (pid {0}) also listens on {1}: on Windows, localhost:{2} may reach that process instead of WSL.', c.owningProcess ?? '?', code(`${c.localAddress}:${c.localPort}`), port)}`,
      );
    }
  }
  step(3, t('From Windows'), winLines);

  const lanLines = [
    `${reach.fromLan ? yes : reach.uncertain ? unknown : no} ${
      reach.fromLan
        ? t(
            'LAN clients can connect{0}.',
            urls.lanUrls.length > 0
              ? ` (${urls.lanUrls.map(code).join(', ')})`
              : reach.lanEndpoints.length > 0
                ? ` (${reach.lanEndpoints.map(code).join(', ')})`
                : '',
          )
        : reach.uncertain
          ? t('Unknown: some facts could not be read.')
          : t('LAN clients cannot connect.')
    }`,
    ...reach.lanReasons.map((r) => `- ${md(r)}`),
  ];
  // For a Docker port, ignoredPorts is the documented workaround (below), not a mistake to undo.
  const fixes = [...new Set(reach.lanBlockers)]
    .filter((b) => !(b === 'ignored-port' && docker.lines.length > 0))
    .map((b) => fixFor(b, port, t))
    .filter((f): f is string => f !== undefined);
  if (!reach.fromLan && fixes.length > 0) lanLines.push('', `**${t('How to fix')}**`, ...fixes.map((f) => `- ${f}`));
  step(4, t('From the LAN'), lanLines);

  const scopeLines = whoMayConnect(context, protocol, reach.portProxy?.listenPort ?? port, t);
  if (scopeLines.length > 0) step(5, t('Who may connect'), scopeLines);

  const notes: string[] = [];
  const publicNets = (context.connectionProfiles ?? []).filter(
    (p) => p.networkCategory === 'Public' && !/^vEthernet \(WSL/i.test(p.interfaceAlias),
  );
  if (publicNets.length > 0) {
    notes.push(
      `- ⚠ ${t('The active network {0} is Public: rules for the Private profile do not apply there.', publicNets.map((p) => md(`${p.name} (${p.interfaceAlias})`)).join(', '))}`,
    );
  } else if (context.connectionProfiles) {
    notes.push(
      `- ${t('Active network profiles')}: ${context.connectionProfiles.map((p) => md(`${p.name} (${p.interfaceAlias}): ${p.networkCategory ?? '?'}`)).join(', ')}`,
    );
  }
  notes.push(...docker.mirrored);
  if (
    docker.mirrored.length === 0 &&
    context.mode === 'mirrored' &&
    facts.distros.some((d) => d.name.toLowerCase() === 'docker-desktop')
  ) {
    notes.push(
      `- ⚠ ${t('Docker Desktop is installed (docker-desktop distro) and WSL runs in mirrored mode. Docker Desktop has known conflicts with mirrored networking: ports published by containers (docker run -p) may not be reachable from Windows or the LAN, or clash with ports used in your distro. If a container port is involved, compare with NAT mode.')}`,
    );
  }
  if (ports.errors.length > 0) notes.push(`- ${t('Facts that could not be read')}: ${ports.errors.map(md).join('; ')}`);
  let nextStep = scopeLines.length > 0 ? 6 : 5;
  if (conflictStep) step(nextStep++, t('Port conflicts on Windows'), conflictStep);
  if (notes.length > 0) step(nextStep, t('Also worth knowing'), notes);

  out.splice(
    2,
    0,
    `**${t('Verdict')}**: ${t('from Windows')} ${reach.fromWindows ? yes : no} · ${t('from the LAN')} ${reach.fromLan ? yes : reach.uncertain ? unknown : no}`,
    '',
  );
  return {
    markdown: out.join('\n'),
    fromWindows: reach.fromWindows,
    fromLan: reach.uncertain && !reach.fromLan ? undefined : reach.fromLan,
    summary: t(
      '{0}/{1}: from Windows {2}, from the LAN {3}',
      port,
      protocol,
      reach.fromWindows ? t('yes') : t('no'),
      reach.fromLan ? t('yes') : reach.uncertain ? t('unknown') : t('no'),
    ),
    configFixes: docker.fixes,
  };
}

/**
 * Whether Docker publishes the port (a Docker owner process, or Docker's mapping when the owner is
 * unknown or nothing listens in WSL), and in mirrored mode the documented workaround: list the
 * published port in `[experimental] ignoredPorts`, or run the container with `--network host`
 * (learn.microsoft.com/windows/wsl/troubleshooting, "Docker container issues in WSL2 with Mirrored
 * networking mode enabled when running under the default networking namespace").
 */
function dockerFinding(
  facts: CockpitFacts,
  port: number,
  protocol: 'TCP' | 'UDP',
  candidates: readonly { socket: ListeningSocket }[],
  t: Localize,
): { lines: string[]; mirrored: string[]; fixes: WslConfigEditFix[] } {
  const none = { lines: [], mirrored: [], fixes: [] };
  const docker = facts.ports?.docker;
  const containers = docker?.containers ?? [];
  const wire = protocol === 'TCP' ? 'tcp' : 'udp';
  const published = dockerContainerOnPort(containers, port, wire);
  const found: DockerPort | undefined =
    candidates.length > 0
      ? candidates.map((c) => dockerPortOf(c.socket, containers)).find((d) => d !== undefined)
      : published && { container: published.container };
  if (!found) return none;
  const lines = [
    `- ${dockerText(found, t, md)}${found.container ? ` (${t('image {0}', code(found.container.image))})` : ''}: ${t('Docker publishes this port.')}`,
    ...(docker?.error ? [`- ${t('docker ps failed, so the container is not named: {0}', md(docker.error))}`] : []),
  ];
  if (facts.ports?.context?.mode !== 'mirrored') return { ...none, lines };
  const value = ignoredPortsWith(facts.config.snapshot?.text, port);
  const mirrored = [
    `- ⚠ ${t('Docker port in mirrored mode: containers with published ports can fail to start or be unreachable. The documented workarounds: list the published port in {0} under {1} in .wslconfig (then restart WSL), or run the container with {2}.', code('ignoredPorts'), code('[experimental]'), code('--network host'))} ([${md(DOCS.troubleshootingDockerMirrored.title)}](${DOCS.troubleshootingDockerMirrored.url}))`,
    value === undefined ? `- ${t('Port {0} is already listed in ignoredPorts.', port)}` : '',
  ].filter((line) => line !== '');
  const fixes =
    value === undefined
      ? []
      : [
          wslConfigFix(
            'experimental',
            'ignoredPorts',
            value,
            t(
              'Lets Docker publish port {0} in mirrored mode: WSL no longer shares it with Windows (the documented workaround for Docker containers with published ports).',
              port,
            ),
            [DOCS.troubleshootingDockerMirrored],
          ),
        ];
  return { lines, mirrored, fixes };
}

/**
 * The firewall rules that let the port in (on any profile), each with its scope read back from
 * the firewall; an Allow rule open to anyone on the Public profile is flagged as an exposure.
 * NAT: the Windows rules on the portproxy's listen port; mirrored: the Hyper-V rules for WSL.
 */
function whoMayConnect(context: NetworkContext, protocol: 'TCP' | 'UDP', windowsPort: number, t: Localize): string[] {
  const rules: { readonly displayName: string; readonly rule: ScopedRule | undefined }[] =
    context.mode === 'mirrored'
      ? hyperVFirewallVerdict(context.hyperVRules ?? [], undefined, protocol, windowsPort, undefined).allowingRules.map(
          (r) => ({ displayName: r.displayName, rule: context.hyperVRules?.find((full) => full.name === r.name) }),
        )
      : context.mode === 'nat' || context.mode === 'consomme'
        ? windowsFirewallVerdict(context.firewallRules ?? [], protocol, windowsPort, undefined).allowingRules.map(
            (r) => ({ displayName: r.displayName, rule: context.firewallRules?.find((full) => full.name === r.name) }),
          )
        : [];
  return rules.map(({ displayName, rule }) =>
    rule && openToAnyoneOnPublic(rule)
      ? `- ⚠ ${t('{0}: open to anyone on Public networks. This is an exposure: on café or airport Wi-Fi anyone nearby can connect. Expose the port again with "this network\'s subnet" or a network prefix, and remove this rule.', code(displayName))}`
      : `- ${t('{0}: from {1}', code(displayName), md(describeScope(rule?.remoteAddresses, t)))}`,
  );
}

/**
 * Windows' reserved ranges, the ports mirrored mode never steers into Linux and (UDP) Windows
 * programs on the port; TCP listeners on Windows are step 3's, ignoredPorts is a LAN blocker.
 */
function conflictLines(input: DiagnoseInput, mode: string, t: Localize): string[] | undefined {
  const facts = input.conflictFacts;
  if (facts === undefined) return undefined;
  const protocol = (input.protocol ?? 'TCP') === 'UDP' ? 'udp' : 'tcp';
  const conflicts = findPortConflicts(input.port, protocol, { ...facts, mode });
  const lines = conflicts.map(
    (conflict) =>
      `${conflict.kind === 'windowsListener' ? '⚠' : no} ${md(
        describePortConflict(conflict, input.port, protocol, t),
      )}`,
  );
  if (Object.keys(facts.excluded ?? {}).length === 0)
    lines.push(`${unknown} ${t("Windows' reserved port ranges could not be read (netsh excludedportrange).")}`);
  else if (conflicts.length === 0)
    lines.push(
      `${yes} ${
        mode === 'mirrored'
          ? t('Port {0} is in no Windows reserved range, and mirrored mode steers it to Linux.', input.port)
          : t('Port {0} is in no Windows reserved range.', input.port)
      }`,
    );
  return lines;
}

function rank(reach: Reachability): number {
  return (reach.fromLan ? 4 : 0) + (reach.fromWindows ? 2 : 0) + (reach.windowsLocalhost ? 1 : 0);
}

function fixFor(blocker: LanBlocker, port: number, t: Localize): string | undefined {
  switch (blocker) {
    case 'loopback-bind':
    case 'address-not-on-lan':
      return t('Bind the program to 0.0.0.0 (all interfaces) instead of a loopback or single address.');
    case 'no-portproxy':
    case 'windows-firewall':
    case 'hyperv-firewall':
      return t('Run "WSL Network: Expose Port to LAN..." for port {0}: it shows the exact commands first.', port);
    case 'stale-portproxy':
      return t('Run "WSL Network: Repair Port Forwarding" to point the old portproxy rule at the current WSL IP.');
    case 'portproxy-local-only':
      return t('The portproxy rule listens on loopback only; expose the port again to listen on 0.0.0.0.');
    case 'ignored-port':
      return t('Remove {0} from experimental.ignoredPorts in .wslconfig, then restart WSL.', port);
    case 'udp-not-proxied':
      return t('netsh portproxy forwards TCP only: use mirrored mode for UDP.');
    case 'network-none':
      return t('networkingMode is none: choose another mode with "WSL Network: Apply Networking Mode...".');
    case 'windows-firewall-unknown':
    case 'hyperv-firewall-unknown':
      return t('The firewall could not be read (see the output channel); the verdict may be too pessimistic.');
  }
}
