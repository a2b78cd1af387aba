/** The findings of analyze() as a user sees them, for tests that check what each finding says and offers. */
import { analyze } from '../../server/src/core/analyzer';
import type { FileKind } from '../../server/src/core/catalogue';

export interface FindingView {
  code: string;
  severity: string;
  message: string;
  /** The text the span covers. */
  at: string;
  fixes?: unknown[];
  unnecessary?: boolean;
  deprecated?: boolean;
}

/** The findings of `text`, each as the fields a user sees, the span as the text it covers. */
export function seen(text: string, kind: FileKind, { withRestartNote = true } = {}): FindingView[] {
  return analyze(text, kind)
    .findings.filter((f) => withRestartNote || f.code !== 'restart-required')
    .map((f) => {
      const view: FindingView = {
        code: f.code,
        severity: f.severity,
        message: f.message,
        at: text.slice(f.span.start, f.span.end),
      };
      if (f.fixes !== undefined) view.fixes = f.fixes;
      if (f.unnecessary !== undefined) view.unnecessary = f.unnecessary;
      if (f.deprecated !== undefined) view.deprecated = f.deprecated;
      return view;
    });
}

/** A quick fix that replaces `start`..`end` with `text`, as the rules build it. */
export const replaceFix = (start: number, end: number, text: string, title = `Change to '${text}'`) => ({
  fix: 'replace',
  span: { start, end },
  text,
  title,
});

/** A quick fix that deletes the line at `start`..`end`. */
export const deleteLineFix = (start: number, end: number) => ({ fix: 'delete-line', lineSpan: { start, end } });
