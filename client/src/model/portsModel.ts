/**
 * The "WSL Ports" tree as plain data, built from the facts: one node per listening socket,
 * grouped by distro, with its reachability (WSL only / Windows / LAN) and the portproxy and
 * firewall rules that apply to it as children; a separate group lists stale portproxy rules.
 * The VS Code tree provider only maps these nodes to TreeItems.
 */
import { activeLanProfiles, hyperVFirewallVerdict, windowsFirewallVerdict } from '../host/firewallMatching';
import type { ListeningSocket, PortProxyRule } from '../host/hostTypes';
import { classifyBindAddress, hostWithPort, isLoopback, sameAddress } from '../host/ipAddress';
import { describeScope, openToAnyoneOnPublic, type ScopedRule } from '../host/firewallScope';
import { dockerPortOf, type DockerPort } from '../host/parseDockerPs';
import { ownRule } from '../host/ruleNaming';
import { assessReachability, type NetworkContext, type Reachability } from '../host/reachability';
import { describePortProxy, findStalePortProxies } from '../host/stalePortProxy';
import { listOwnExposures, ownPrefixes, type ExposureRecord, type OwnExposure } from '../host/exposurePlan';
import type { CockpitFacts } from './facts';
import { code, md, type Localize } from './l10n';

export type PortsNodeKind = 'distro' | 'port' | 'rule' | 'staleGroup' | 'stale' | 'info';

export interface NodeIcon {
  /** Codicon id. */
  readonly id: string;
  /** Theme color id, e.g. `charts.green`. */
  readonly color?: string;
}

interface NodeBase {
  readonly kind: PortsNodeKind;
  /** Stable across refreshes, so VS Code keeps expansion state. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly contextValue: string;
  readonly icon: NodeIcon;
  readonly children: readonly PortsNode[];
  readonly expanded?: boolean;
}

export interface PortNode extends NodeBase {
  readonly kind: 'port';
  readonly distro: string;
  readonly socket: ListeningSocket;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly reach?: Reachability;
  /** We created rules for this port (recorded, or named with our prefix). */
  readonly ours: boolean;
  /** `http://localhost:P/` (or the VM address) when Windows can connect. */
  readonly localUrl?: string;
  /** `http://<LAN address>:P/` for each address LAN clients can use. */
  readonly lanUrls: readonly string[];
  /** Docker publishes this port (facts.ports.docker, or a Docker owner process). */
  readonly docker?: DockerPort;
}

export interface StaleNode extends NodeBase {
  readonly kind: 'stale';
  readonly rule: PortProxyRule;
}

export interface OtherNode extends NodeBase {
  readonly kind: 'distro' | 'rule' | 'staleGroup' | 'info';
}

export type PortsNode = PortNode | StaleNode | OtherNode;

export interface PortsModelInput {
  readonly facts: CockpitFacts;
  readonly showWslOnly: boolean;
  readonly ruleNamePrefix: string;
  readonly ledger: readonly ExposureRecord[];
}

export const LEVEL_ICON: Readonly<Record<'wsl-only' | 'windows-localhost' | 'lan' | 'unknown', NodeIcon>> = {
  'wsl-only': { id: 'lock', color: 'disabledForeground' },
  'windows-localhost': { id: 'device-desktop', color: 'charts.blue' },
  lan: { id: 'broadcast', color: 'charts.orange' },
  unknown: { id: 'question', color: 'disabledForeground' },
};

export function levelText(reach: Reachability | undefined, t: Localize): string {
  if (!reach) return t('unknown');
  const base = reach.level === 'lan' ? t('LAN') : reach.level === 'windows-localhost' ? t('Windows') : t('WSL only');
  return reach.uncertain ? `${base}?` : base;
}

/** The root nodes of the tree. Empty when WSL is not available (the view's welcome content shows then). */
export function buildPortsTree(input: PortsModelInput, t: Localize): PortsNode[] {
  const { facts } = input;
  if (!facts.available) return [];
  const roots: PortsNode[] = [];
  const ports = facts.ports;
  const context = ports?.context;
  const own = listOwnExposures(context, input.ledger, input.ruleNamePrefix);

  if (facts.distroNote) roots.push(info('info:distro', facts.distroNote, '', 'warning'));
  if (!facts.vmRunning) {
    roots.push(
      info(
        'info:stopped',
        t('WSL is not running'),
        t('Ports are listed while a distro runs; this view does not start WSL.'),
        'debug-pause',
        t('not started by this view'),
      ),
    );
  }
  if (ports && ports.errors.length > 0) {
    roots.push(
      info(
        'info:errors',
        t('Some facts could not be read'),
        ports.errors.map((e) => `- ${md(e)}`).join('\n'),
        'warning',
        t('{0} unknown', ports.errors.length),
      ),
    );
  }

  // Sockets are per network namespace, which all WSL 2 distros share: the same socket shows in
  // every running distro's /proc. It belongs to the distro whose /proc names its owner.
  const owner = new Map<string, { distro: string; socket: ListeningSocket }>();
  for (const list of ports?.sockets ?? []) {
    for (const socket of list.sockets) {
      const key = `${socket.protocol}|${socket.address}|${socket.port}|${socket.inode}`;
      const seen = owner.get(key);
      if (!seen || (seen.socket.pid === undefined && socket.pid !== undefined))
        owner.set(key, { distro: list.distro, socket });
    }
  }
  const byDistro = new Map<string, ListeningSocket[]>();
  for (const { distro, socket } of owner.values()) byDistro.set(distro, [...(byDistro.get(distro) ?? []), socket]);

  const shown = facts.distros.filter((d) => d.state === 'Running' || d.name === facts.distro);
  for (const distro of shown) {
    const list = ports?.sockets.find((s) => s.distro === distro.name);
    const sockets = (byDistro.get(distro.name) ?? []).slice().sort(compareSockets);
    const children: PortsNode[] = [];
    let hidden = 0;
    for (const socket of sockets) {
      const node = portNode(distro.name, socket, context, input, own, ports?.lanAddresses ?? [], t);
      if (!input.showWslOnly && node.reach?.level === 'wsl-only') {
        hidden++;
        continue;
      }
      children.push(node);
    }
    if (distro.state !== 'Running') {
      children.push(
        info(
          `info:${distro.name}:stopped`,
          t('Stopped'),
          t('{0} is not running; its ports are listed while it runs.', md(distro.name)),
          'debug-pause',
        ),
      );
    } else if (list?.error) {
      children.push(info(`info:${distro.name}:error`, t('Ports could not be read'), md(list.error), 'error'));
    } else if (!ports) {
      children.push(
        info(
          `info:${distro.name}:pending`,
          t('Not read yet'),
          t('Ports are read while this view is visible.'),
          'loading',
        ),
      );
    } else if (children.length === 0 && hidden === 0) {
      children.push(
        info(
          `info:${distro.name}:none`,
          t('No listening ports'),
          t('Nothing listens on a TCP or UDP port in {0}.', md(distro.name)),
          'circle-slash',
        ),
      );
    }
    if (hidden > 0) {
      children.push(
        info(
          `info:${distro.name}:hidden`,
          t('{0} WSL-only ports hidden', hidden),
          t('Hidden by the setting {0}.', code('wslNetwork.ports.showWslOnly')),
          'eye-closed',
        ),
      );
    }
    const description = [distro.isDefault ? t('default') : '', distro.state, distro.version === 1 ? 'WSL 1' : '']
      .filter((s) => s !== '')
      .join(' · ');
    roots.push({
      kind: 'distro',
      id: `distro:${distro.name}`,
      label: distro.name,
      description,
      tooltip: `**${md(distro.name)}** · ${md(description)}`,
      contextValue: 'distro',
      icon: { id: distro.state === 'Running' ? 'vm-running' : 'vm-outline' },
      children,
      expanded: true,
    });
  }

  const stale = context ? findStalePortProxies(context.portProxies ?? [], context.wslIps) : [];
  if (stale.length > 0) {
    const children: StaleNode[] = stale.map((item) => ({
      kind: 'stale',
      id: `stale:${item.rule.kind}:${item.rule.listenAddress}:${item.rule.listenPort}`,
      label: `${item.rule.listenAddress}:${item.rule.listenPort} → ${item.rule.connectAddress}:${item.rule.connectPort}`,
      description: t('WSL IP is now {0}', context?.wslIps.find((ip) => !ip.includes(':')) ?? t('unknown')),
      tooltip: `${md(item.reason)}\n\n${t('Repair re-points it to the current WSL IP (after showing the commands).')}`,
      contextValue: item.rule.kind === 'v4tov4' ? 'stale:v4tov4' : 'stale',
      icon: { id: 'warning', color: 'list.warningForeground' },
      children: [],
      rule: item.rule,
    }));
    roots.push({
      kind: 'staleGroup',
      id: 'staleGroup',
      label: t('Stale port forwarding'),
      description:
        stale.length === 1 ? t('1 rule points at an old WSL IP') : t('{0} rules point at an old WSL IP', stale.length),
      tooltip: t(
        'netsh portproxy rules that forward to an address the WSL VM no longer has (it usually changes on every WSL restart in NAT mode). They silently stop working.',
      ),
      contextValue: 'staleGroup',
      icon: { id: 'warning', color: 'list.warningForeground' },
      children,
      expanded: true,
    });
  }
  return roots;
}

function compareSockets(a: ListeningSocket, b: ListeningSocket): number {
  return (
    a.port - b.port || a.protocol.localeCompare(b.protocol) || a.family - b.family || a.address.localeCompare(b.address)
  );
}

function info(id: string, label: string, tooltip: string, icon: string, description?: string): OtherNode {
  return {
    kind: 'info',
    id,
    label,
    ...(description ? { description } : {}),
    tooltip: tooltip || label,
    contextValue: 'info',
    icon: { id: icon },
    children: [],
  };
}

/** Ours exactly when Remove Port Exposure would act on it (host/exposurePlan.ts listOwnExposures). */
function isOursFor(port: number, protocol: 'TCP' | 'UDP', own: readonly OwnExposure[]): boolean {
  return own.some((o) => o.port === port && o.protocol === protocol);
}

function portNode(
  distro: string,
  socket: ListeningSocket,
  context: NetworkContext | undefined,
  input: PortsModelInput,
  own: readonly OwnExposure[],
  lanAddresses: readonly string[],
  t: Localize,
): PortNode {
  const protocol = socket.protocol === 'tcp' ? 'TCP' : 'UDP';
  const reach = context ? assessReachability(socket, context, t) : undefined;
  const level = reach ? reach.level : 'unknown';
  const process = socket.processName
    ? `${socket.processName}${socket.pid !== undefined ? ` (${socket.pid})` : ''}`
    : '';
  // The default sidebar is narrow: the label holds what identifies the row (port, program) and the
  // icon says how far it reaches; the description starts with the reach, and the rest follows.
  const label = `${socket.port}${protocol === 'UDP' ? '/udp' : ''}${socket.processName ? ` · ${socket.processName}` : ''}`;
  const ours = isOursFor(socket.port, protocol, own);
  const docker = dockerPortOf(socket, input.facts.ports?.docker?.containers ?? []);
  const shownAddress = hostWithPort(socket.address);
  const description = [
    docker ? dockerText(docker, t) : '',
    levelText(reach, t),
    ours ? t('exposed by WSL Network') : '',
    shownAddress,
    socket.pid !== undefined ? t('pid {0}', socket.pid) : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
  const urls = protocol === 'TCP' ? buildUrls(socket, reach, context, lanAddresses) : { lanUrls: [] };

  const tooltip = [
    `**${socket.port}/${protocol}** ${t('in {0}', md(distro))}${process ? ` · ${md(process)}` : ''}`,
    docker ? dockerText(docker, t, md) : '',
    `${t('Bound to')} ${code(socket.address)} · ${t('Reachable from')}: **${levelText(reach, t)}**${context ? ` · ${t('mode {0}', context.mode)}` : ''}${ours ? ` · ${t('exposed by WSL Network')}` : ''}`,
    reach
      ? reach.reasons.map((r) => `- ${md(r)}`).join('\n')
      : t('Reachability unknown: the network facts could not be read.'),
    reach?.uncertain ? t('Some facts were unknown, so this may be too pessimistic.') : '',
    urls.localUrl ? `${t('From Windows')}: ${code(urls.localUrl)}` : '',
    urls.lanUrls.length > 0 ? `${t('From the LAN')}: ${urls.lanUrls.map(code).join(', ')}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n\n');

  const flags = [
    `port:${level}`,
    protocol.toLowerCase(),
    ...(ours ? ['ours'] : []),
    ...(reach?.lanBlockers.includes('loopback-bind') ? ['loopback'] : []),
  ];
  return {
    kind: 'port',
    id: `port:${distro}:${socket.protocol}:${socket.address}:${socket.port}`,
    label,
    description,
    tooltip,
    contextValue: flags.join(':'),
    icon: LEVEL_ICON[level],
    children: context ? ruleNodes(socket, protocol, reach, context, input, t) : [],
    distro,
    socket,
    port: socket.port,
    protocol,
    ...(reach ? { reach } : {}),
    ours,
    ...(urls.localUrl ? { localUrl: urls.localUrl } : {}),
    lanUrls: urls.lanUrls,
    ...(docker ? { docker } : {}),
  };
}

/**
 * "Docker: <container>", or "Docker" when only the owner process says so. The name comes from
 * docker's output: `escape` is `md` wherever it is rendered as Markdown.
 */
export function dockerText(docker: DockerPort, t: Localize, escape: (text: string) => string = (s) => s): string {
  return docker.container ? t('Docker: {0}', escape(docker.container.name)) : t('Docker');
}

export function buildUrls(
  socket: ListeningSocket,
  reach: Reachability | undefined,
  context: NetworkContext | undefined,
  lanAddresses: readonly string[],
): { localUrl?: string; lanUrls: string[] } {
  let localUrl: string | undefined;
  if (reach?.windowsLocalhost) localUrl = `http://localhost:${socket.port}/`;
  else if (reach?.fromWindows) {
    const ip = context?.wslIps.find(
      (candidate) =>
        !candidate.includes(':') &&
        (classifyBindAddress(socket.address) === 'wildcard' || sameAddress(candidate, socket.address)),
    );
    if (ip) localUrl = `http://${hostWithPort(ip, socket.port)}/`;
  }
  const lanUrls: string[] = [];
  for (const endpoint of reach?.fromLan ? reach.lanEndpoints : []) {
    const match = /^(?:\[(.+)\]|(.+)):(\d+)$/.exec(endpoint);
    if (!match) continue;
    const address = match[1] ?? match[2] ?? '';
    const port = match[3];
    const addresses = address === '0.0.0.0' || address === '*' ? lanAddresses : [address];
    for (const ip of addresses) if (!isLoopback(ip)) lanUrls.push(`http://${hostWithPort(ip, port)}/`);
  }
  return { ...(localUrl ? { localUrl } : {}), lanUrls: [...new Set(lanUrls)] };
}

function ruleNodes(
  socket: ListeningSocket,
  protocol: 'TCP' | 'UDP',
  reach: Reachability | undefined,
  context: NetworkContext,
  input: PortsModelInput,
  t: Localize,
): PortsNode[] {
  const nodes: PortsNode[] = [];
  const base = `rule:${socket.protocol}:${socket.address}:${socket.port}`;
  const profiles = activeLanProfiles(context.connectionProfiles);
  const prefixes = ownPrefixes(input.ruleNamePrefix, input.ledger);
  if ((context.mode === 'nat' || context.mode === 'consomme') && protocol === 'TCP') {
    const proxies = (context.portProxies ?? []).filter((rule) => rule.connectPort === socket.port);
    const listenPorts = new Set<number>();
    for (const rule of proxies) {
      listenPorts.add(rule.listenPort);
      const current = context.wslIps.some((ip) => sameAddress(ip, rule.connectAddress));
      const state = isLoopback(rule.connectAddress)
        ? t('to Windows localhost')
        : current
          ? t('current WSL IP')
          : findStalePortProxies([rule], context.wslIps).length > 0
            ? t('stale')
            : t('other host');
      nodes.push({
        kind: 'rule',
        id: `${base}:proxy:${rule.kind}:${rule.listenAddress}:${rule.listenPort}`,
        label: `portproxy ${rule.listenAddress}:${rule.listenPort} → ${rule.connectAddress}:${rule.connectPort}`,
        description: state,
        tooltip: `${t('netsh interface portproxy rule')} ${code(describePortProxy(rule))} (${rule.kind})`,
        contextValue: reach?.portProxy === rule ? 'rule:portproxy:active' : 'rule:portproxy',
        icon: { id: 'arrow-swap', ...(state === t('stale') ? { color: 'list.warningForeground' } : {}) },
        children: [],
      });
    }
    for (const listenPort of listenPorts) {
      if (!context.firewallRules) continue;
      const verdict = windowsFirewallVerdict(context.firewallRules, 'TCP', listenPort, profiles);
      for (const rule of [...verdict.blockingRules, ...verdict.allowingRules]) {
        const blocks = verdict.blockingRules.includes(rule);
        const scoped = ruleScope(
          context.firewallRules.find((r) => r.name === rule.name),
          blocks,
          t,
        );
        nodes.push({
          kind: 'rule',
          id: `${base}:fw:${listenPort}:${rule.displayName}`,
          label: rule.displayName,
          description: `${blocks ? t('Windows firewall · blocks TCP {0}', listenPort) : t('Windows firewall · allows TCP {0}', listenPort)}${scoped.description}`,
          tooltip: `${t('Windows Defender Firewall rule {0} (inbound).', code(rule.displayName))}${scoped.tooltip}`,
          contextValue: ownRule('firewall', rule, prefixes) ? 'rule:firewall:ours' : 'rule:firewall',
          icon: scoped.icon ?? { id: 'shield', color: blocks ? 'list.errorForeground' : 'charts.green' },
          children: [],
        });
      }
    }
  }
  if (context.mode === 'mirrored' && context.hyperVRules) {
    const verdict = hyperVFirewallVerdict(context.hyperVRules, context.hyperVSetting, protocol, socket.port, profiles);
    for (const rule of [...verdict.blockingRules, ...verdict.allowingRules]) {
      const blocks = verdict.blockingRules.includes(rule);
      const scoped = ruleScope(
        context.hyperVRules.find((r) => r.name === rule.name),
        blocks,
        t,
      );
      nodes.push({
        kind: 'rule',
        id: `${base}:hv:${rule.displayName}`,
        label: rule.displayName,
        description: `${blocks ? t('Hyper-V firewall · blocks {0} {1}', protocol, socket.port) : t('Hyper-V firewall · allows {0} {1}', protocol, socket.port)}${scoped.description}`,
        tooltip: `${t('Hyper-V firewall rule {0} for WSL (inbound).', code(rule.displayName))}${scoped.tooltip}`,
        contextValue: ownRule('hyperv', rule, prefixes) ? 'rule:hyperv:ours' : 'rule:hyperv',
        icon: scoped.icon ?? { id: 'shield', color: blocks ? 'list.errorForeground' : 'charts.green' },
        children: [],
      });
    }
    if (context.hyperVSetting?.defaultInboundAction === 'Allow') {
      nodes.push({
        kind: 'rule',
        id: `${base}:hv:default`,
        label: t('Hyper-V default inbound action: Allow'),
        description: t('every port of WSL is open to the LAN'),
        tooltip: t('Set-NetFirewallHyperVVMSetting -DefaultInboundAction Allow is in effect for WSL.'),
        contextValue: 'rule:hyperv:default',
        icon: { id: 'shield', color: 'charts.orange' },
        children: [],
      });
    }
  }
  return nodes;
}

/**
 * Who a firewall rule lets in, for its row: " · from <scope>" in the description and tooltip, and
 * a warning (icon and words) when an Allow rule is open to anyone on the Public profile.
 */
function ruleScope(
  rule: ScopedRule | undefined,
  blocks: boolean,
  t: Localize,
): { description: string; tooltip: string; icon?: NodeIcon } {
  const scope = describeScope(rule?.remoteAddresses, t);
  if (rule && !blocks && openToAnyoneOnPublic(rule)) {
    const warning = t('open to anyone on Public networks');
    return {
      description: ` · ⚠ ${warning}`,
      tooltip: `\n\n⚠ ${t("Exposure: this rule lets any address connect while the PC is on a Public network (café, airport Wi-Fi). Limit it to this network's subnet or to known addresses.")}`,
      icon: { id: 'warning', color: 'list.warningForeground' },
    };
  }
  // Unknown (the address filters could not be read): said in the tooltip only, the row stays short.
  return {
    description: rule?.remoteAddresses === undefined ? '' : ` · ${t('from {0}', scope)}`,
    tooltip: `\n\n${t('Who may connect: {0}', md(scope))}`,
  };
}
