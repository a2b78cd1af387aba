/**
 * Text edits as offsets into the original text, shared by the quick fixes, the formatter and the
 * minimal `.wslconfig` edits of the cockpit.
 */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Sorts edits by position; at the same position an insertion comes before a replacement. Stable. */
export function sortEdits(edits: readonly OffsetEdit[]): OffsetEdit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.order - b.order,
    )
    .map((x) => x.edit);
}

/** Applies non-overlapping edits (any order, offsets into the original text) in one pass. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of sortEdits(edits)) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > text.length)
      throw new RangeError(`edit ${edit.start}-${edit.end} is outside the text`);
    if (edit.start < at) throw new RangeError(`overlapping edits at ${edit.start}`);
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** One replacement covering exactly the region where `before` and `after` differ (for a WorkspaceEdit). */
export function minimalReplacement(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
