/**
 * The "WSL Ports" tree: maps the plain nodes of portsModel.ts to TreeItems.
 */
import * as vscode from 'vscode';
import type { PortsNode } from '../model/portsModel';

export class PortsTreeProvider implements vscode.TreeDataProvider<PortsNode> {
  private readonly changed = new vscode.EventEmitter<PortsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: readonly PortsNode[] = [];
  private readonly parents = new Map<string, PortsNode>();

  /** The current root nodes (tests read them). */
  get nodes(): readonly PortsNode[] {
    return this.roots;
  }

  update(roots: readonly PortsNode[]): void {
    this.roots = roots;
    this.parents.clear();
    const walk = (list: readonly PortsNode[], parent: PortsNode | undefined): void => {
      for (const child of list) {
        if (parent) this.parents.set(child.id, parent);
        walk(child.children, child);
      }
    };
    walk(roots, undefined);
    this.changed.fire(undefined);
  }

  getTreeItem(node: PortsNode): vscode.TreeItem {
    const state =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    const tooltip = new vscode.MarkdownString(node.tooltip, true);
    item.tooltip = tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
    item.accessibilityInformation = { label: [node.label, node.description].filter(Boolean).join(', ') };
    return item;
  }

  getChildren(node?: PortsNode): PortsNode[] {
    return [...(node ? node.children : this.roots)];
  }

  getParent(node: PortsNode): PortsNode | undefined {
    return this.parents.get(node.id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
