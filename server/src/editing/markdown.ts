/**
 * Markdown that text from a file cannot break out of, and the same documentation as plain text for
 * clients that do not render markdown (Eglot without markdown-mode shows raw `**` and backticks).
 */

/**
 * The characters that start markup inside a paragraph: code spans, emphasis, strikethrough, links and
 * images (`![`, `[`, `]`), autolinks and HTML (`<`), entities (`&`), tables (`|`), and the backslash.
 * Line-start markup (`#`, `-`, `>`) cannot occur: file text never starts a line of our markdown.
 */
const MARKUP = /[\\`*_~[\]<>&|]/g;

/** Text from a file as literal markdown text: no emphasis, link, image, HTML or code span. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKUP, (c) => `\\${c}`);
}

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span that shows `text` exactly: its fence is longer than any run of backticks
 * inside, and a space pads content that starts or ends with a backtick or is wrapped in spaces
 * (CommonMark strips one such space on each side).
 */
export function codeSpan(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const wrapped = text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '';
  const pad = text.startsWith('`') || text.endsWith('`') || wrapped ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block that the content cannot close. */
export function fencedBlock(text: string, info = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

const FENCE_LINE = /^(`{3,})[A-Za-z]*$/;

/**
 * The plain text of the markdown this server writes: code spans and blocks verbatim, emphasis
 * markers dropped, `[text](url)` as `text (url)`, backslash escapes resolved.
 */
export function markdownToPlainText(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (line === fence) fence = undefined;
      else out.push(`    ${line}`);
      continue;
    }
    const open = FENCE_LINE.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    out.push(inlinePlainText(line));
  }
  return out.join('\n');
}

function inlinePlainText(line: string): string {
  // Literal characters (escaped or inside code spans) are set aside as placeholders, so that the
  // markup rules below only see the markup this server wrote.
  const literals: string[] = [];
  const keep = (text: string): string => `\uE000${literals.push(text) - 1}\uE001`;
  let text = '';
  for (let i = 0; i < line.length;) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1])) {
      text += keep(line[i + 1]);
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = findClosingRun(line, i + run.length, run.length);
      if (close >= 0) {
        let content = line.slice(i + run.length, close);
        if (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
        text += keep(content);
        i = close + run.length;
        continue;
      }
      text += keep(run);
      i += run.length;
      continue;
    }
    text += c;
    i++;
  }
  text = text
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?![\w*])/g, '$1$2');
  return text.replace(/\uE000(\d+)\uE001/g, (_, n: string) => literals[Number(n)]);
}

/** Where a run of exactly `length` backticks starts at or after `from`, or -1. */
function findClosingRun(line: string, from: number, length: number): number {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let match = runs.exec(line); match; match = runs.exec(line)) if (match[0].length === length) return match.index;
  return -1;
}
