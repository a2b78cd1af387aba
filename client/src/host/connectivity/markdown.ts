// Markdown for text that came from tools and files (adapter names, event messages, resolv.conf
// lines). Everything such text could use to change the rendering is escaped: emphasis, links,
// images, HTML, headings and list markers at a line start, table pipes; line breaks become spaces
// so one evidence line stays one list item. (The cockpit's `md()` escapes fewer characters; the
// lead may make this the one home for both.)

export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/g, (ch) =>
      ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`,
    );
}

/** An inline code span for a literal value; backticks inside get a longer fence. */
export function codeSpan(text: string): string {
  const clean = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced block for a command line; the fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
