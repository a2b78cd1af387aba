/**
 * What the analysis reports, independent of LSP types so the CLI and the client can use it too.
 */
import type { Span, SyntaxIssueCode } from './parser';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable diagnostic codes. Quick fixes, tests and users' suppressions rely on them: never rename. */
export type FindingCode =
  // WSL's own messages: the parser's, then the lookups and typed values
  | SyntaxIssueCode
  | 'unknown-key'
  | 'unknown-section'
  | 'key-before-section'
  | 'wrong-section'
  | 'wrong-file'
  | 'removed-key'
  | 'invalid-bool'
  | 'invalid-integer'
  | 'invalid-memory'
  | 'invalid-enum'
  | 'invalid-ip'
  | 'invalid-mac'
  | 'invalid-port'
  | 'duplicate-key'
  // accepted, but surely not what was meant
  | 'integer-clamped'
  | 'empty-value'
  | 'control-escape'
  | 'unitless-memory'
  | 'env-var-in-path'
  | 'port-range'
  | 'mode-no-effect'
  | 'bridged-without-vmswitch'
  | 'consomme-without-virtio'
  | 'dns-tunneling-off'
  | 'kernel-modules-without-kernel'
  | 'virtio9p-disabled'
  | 'safe-mode'
  | 'umask-decimal'
  | 'hostname-rewritten'
  | 'non-ascii-value'
  | 'parent-path'
  | 'semicolon-comment'
  // information
  | 'ignored-after-stop'
  | 'restart-required'
  | 'legacy-alias'
  | 'legacy-value'
  | 'deprecated-value'
  | 'enum-casing'
  | 'swapfile-unused'
  | 'redundant-sudo';

/** Machine-readable facts a quick fix needs; everything is relative to the document text. */
export type FindingData =
  | { fix: 'replace'; span: Span; text: string; title: string }
  | { fix: 'move-to-section'; section: string; entrySpan: Span }
  | { fix: 'delete-line'; lineSpan: Span }
  | { fix: 'escape-backslashes'; valueSpan: Span }
  | { fix: 'semicolon-to-hash'; offset: number };

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  span: Span;
  /** The line WSL would print in its own message (1-based), when WSL reports this problem. */
  wslLine?: number;
  /** Grey the range out: WSL does not read it. */
  unnecessary?: boolean;
  /** Strike the range through: removed or deprecated. */
  deprecated?: boolean;
  /** Another place that explains this one (the first of two duplicates). */
  related?: { span: Span; message: string };
  /** Zero or more quick fixes, most likely first. */
  fixes?: FindingData[];
}

/**
 * A plain-object copy of a finding. Some findings compute their fields on demand (getters), which
 * object spread and JSON would not see.
 */
export function plainFinding(finding: Finding): Finding {
  const copy: Finding = {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    span: finding.span,
  };
  if (finding.wslLine !== undefined) copy.wslLine = finding.wslLine;
  if (finding.unnecessary !== undefined) copy.unnecessary = finding.unnecessary;
  if (finding.deprecated !== undefined) copy.deprecated = finding.deprecated;
  if (finding.related !== undefined) copy.related = finding.related;
  if (finding.fixes !== undefined) copy.fixes = finding.fixes;
  return copy;
}
