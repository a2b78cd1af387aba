/**
 * The steps of a plan as data: what each one creates or removes, with its values. Plans
 * (exposurePlan.ts) return these; the command lines are rendered from them only at the edge,
 * right before they are shown or run (renderStep), through the validating builders of
 * commandBuilders.ts. Nothing reads a command line back.
 */
import {
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildPortProxyAdd,
  buildPortProxyDelete,
  type CommandSpec,
} from './commandBuilders';
import type { ProfileChoice, Protocol } from './validators';

export interface PortProxyTarget {
  readonly listenAddress: string;
  readonly listenPort: number;
}

export interface FirewallTarget {
  readonly protocol: Protocol;
  readonly port: number;
  readonly ruleNamePrefix: string;
}

export type PlanStep =
  | ({
      readonly action: 'add-portproxy';
      readonly connectAddress: string;
      readonly connectPort: number;
    } & PortProxyTarget)
  | ({ readonly action: 'delete-portproxy' } & PortProxyTarget)
  | ({
      readonly action: 'add-firewall-rule' | 'add-hyperv-rule';
      readonly profile: ProfileChoice;
      /** Who may connect (-RemoteAddress / -RemoteAddresses); absent: anyone on the profile's networks. */
      readonly remoteAddresses?: readonly string[];
    } & FirewallTarget)
  | ({ readonly action: 'remove-firewall-rule' | 'remove-hyperv-rule' } & FirewallTarget);

export type PlanAction = PlanStep['action'];

/** The command that carries out one step (validated again by the builders: defence in depth). */
export function renderStep(step: PlanStep): CommandSpec {
  switch (step.action) {
    case 'add-portproxy':
      return buildPortProxyAdd(step);
    case 'delete-portproxy':
      return buildPortProxyDelete(step);
    case 'add-firewall-rule':
      return buildFirewallRuleAdd(step);
    case 'remove-firewall-rule':
      return buildFirewallRuleRemove(step);
    case 'add-hyperv-rule':
      return buildHyperVRuleAdd(step);
    case 'remove-hyperv-rule':
      return buildHyperVRuleRemove(step);
  }
}

export function renderSteps(steps: readonly PlanStep[]): CommandSpec[] {
  return steps.map(renderStep);
}
