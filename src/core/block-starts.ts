// What block a line starts, read from that line alone (CommonMark): list markers, thematic breaks,
// fences, headings, raw HTML, and whether one interrupts a paragraph.
import { isDigit, isSpaceOrTab } from "./char-codes";

export const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
/** CommonMark's HTML block, type 6: a block-level tag opens raw HTML that runs to a blank line. */
export const HTML_BLOCK =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i;
/**
 * CommonMark's HTML blocks of types 1, 3, 4 and 5: `<pre`, `<script`, `<style` or `<textarea` (1),
 * `<?` (3), `<!` and a letter (4), `<![CDATA[` (5). Unlike type 6 they run on over blank lines, to
 * the first line holding their end (htmlEnds); unclosed, to the end of their container.
 */
const HTML_TYPE1 = /^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i;
const HTML_TYPE1_END = /<\/(?:pre|script|style|textarea)>/i;

/**
 * The list marker (`-`, `+`, `*`, or 1–9 digits and `.` or `)`, then a space, a tab or the line's
 * end) at q, a line's first non-blank character, the line ending at `le`: its length, or 0.
 */
export function listMarkerLength(text: string, q: number, le: number): number {
  const c = text.charCodeAt(q);
  let n: number;
  if (c === 45 || c === 42 || c === 43) n = 1;
  else {
    let d = 0;
    while (q + d < le && isDigit(text.charCodeAt(q + d))) d++;
    if (d === 0 || d > 9) return 0;
    const after = text.charCodeAt(q + d);
    if (q + d >= le || (after !== 46 /* . */ && after !== 41) /* ) */) return 0;
    n = d + 1;
  }
  return q + n >= le || isSpaceOrTab(text.charCodeAt(q + n)) ? n : 0;
}

/**
 * CommonMark: a list item may interrupt a paragraph only when it has content and, if ordered, starts
 * at 1 (`Next steps:` then `2. [ ] Send the quote` is one paragraph, no task).
 */
export function mayInterrupt(text: string, q: number, markerLen: number, le: number): boolean {
  let r = q + markerLen;
  while (r < le && isSpaceOrTab(text.charCodeAt(r))) r++;
  if (r >= le) return false;
  const c = text.charCodeAt(q);
  return c === 45 || c === 42 || c === 43 || Number(text.slice(q, q + markerLen - 1)) === 1;
}

/** A thematic break on [q, le): three or more of `first` (`-`, `*` or `_`, the character at q), with spaces or tabs only. */
export function isThematic(text: string, q: number, le: number, first: number): boolean {
  let count = 0;
  for (let i = q; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c === first) count++;
    else if (!isSpaceOrTab(c)) return false;
  }
  return count >= 3;
}

/**
 * Do a line's spaces and tabs before its content take four columns or more past its last quote
 * marker (its optional space not counted)? Such a line starts no table.
 */
export function indentedFour(body: string, lineStart: number, content: number): boolean {
  let k = content;
  while (k > lineStart && (body.charCodeAt(k - 1) === 32 || body.charCodeAt(k - 1) === 9)) k--;
  let col = 0;
  let from = 0;
  for (let i = lineStart; i < content; i++) {
    if (i === k) from = col;
    col = body.charCodeAt(i) === 9 ? col + 4 - (col % 4) : col + 1;
  }
  return col - from - (k > lineStart ? 1 : 0) >= 4;
}

/** Could the line starting at q (first non-blank) start a block that ends a lazy continuation? */
export function startsBlock(text: string, q: number, le: number): boolean {
  return itemFirstBlock(text, q, le) !== "" || listMarkerLength(text, q, le) > 0;
}

/**
 * The block a line (an item's first, or one that may continue a paragraph) starts at `r` when it is
 * no paragraph (CommonMark): a fence, an ATX heading, a thematic break, a comment or raw HTML
 * (type 6); "" for a paragraph.
 */
export function itemFirstBlock(text: string, r: number, le: number): "" | "fence" | "heading" | "break" | "html" | "comment" {
  if (r >= le) return "";
  const c = text.charCodeAt(r);
  if (c === 96 || c === 126) {
    const m = FENCE_OPEN.exec(text.slice(r, le));
    return m && !(c === 96 && m[2]!.includes("`")) ? "fence" : "";
  }
  if (c === 35) return /^#{1,6}(?:[ \t]|$)/.test(text.slice(r, Math.min(le, r + 8))) ? "heading" : "";
  if ((c === 45 || c === 42 || c === 95) && isThematic(text, r, le, c)) return "break";
  if (c !== 60) return "";
  // A comment opening the line is an HTML block (type 2), which ends on the line holding its `-->`.
  if (text.startsWith("<!--", r)) return "comment";
  return htmlStart(text, r, le) !== 0 ? "html" : "";
}

/**
 * The type of the CommonMark HTML block a line opens at r (its first non-blank character, after
 * container markers) other than a comment: 1, 3, 4, 5 or 6, or 0 for none. Type 7 (any other
 * complete tag alone on its line, to a blank line; it cannot interrupt a paragraph) is not read: such
 * a line is text here (docs/reliability.md B33-A).
 */
export function htmlStart(text: string, r: number, le: number): number {
  if (text.charCodeAt(r) !== 60) return 0;
  const c = text.charCodeAt(r + 1);
  if (c === 63 /* ? */) return 3;
  if (c === 33 /* ! */) {
    const d = text.charCodeAt(r + 2);
    if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122)) return 4;
    return text.startsWith("<![CDATA[", r) ? 5 : 0;
  }
  const line = text.slice(r, le);
  if (HTML_TYPE1.test(line)) return 1;
  return HTML_BLOCK.test(line) ? 6 : 0;
}

/** Does [from, le) hold the end of an HTML block of type 1, 3, 4 or 5 (CommonMark: the line holding it is the block's last)? */
export function htmlEnds(text: string, from: number, le: number, type: number): boolean {
  if (type === 1) return HTML_TYPE1_END.test(text.slice(from, le));
  // Searched in the line only: a search to the end of the text, on every line of an unclosed block, would be quadratic.
  return text.slice(from, le).includes(type === 3 ? "?>" : type === 4 ? ">" : "]]>");
}
