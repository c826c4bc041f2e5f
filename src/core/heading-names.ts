// The names headings, callout titles and bold lines are matched by (§6).
import { isSpaceOrTab } from "./char-codes";
import { visibleSlice, type Range } from "./ranges";

/** Heading or callout title → the name used for matching (§6). */
export function headingName(raw: string): string {
  let s = raw.trim();
  const unwrap = (t: string): string => {
    const m = /^(\*\*|__)(.*)\1$/su.exec(t);
    return m ? m[2]!.trim() : t;
  };
  s = unwrap(s);
  if (s.endsWith(":")) s = s.slice(0, -1).trimEnd();
  s = unwrap(s);
  return s;
}

// No lookbehind anywhere in the plugin: some iOS versions of Obsidian cannot run it.
// One colon may follow the closing marker: people write `**Key Facts**:` as often as `**Key Facts:**`.
const BOLD_LINE = /^(\*\*|__)(?=\S)((?:(?!\1).)*?\S)\1:?$/u;

/** The heading name of a line that is only bold text (`**Decisions:**` or `**Decisions**:` → `Decisions`), or null. */
export function boldLineName(text: string, start: number, le: number): string | null {
  const first = text.charCodeAt(start);
  if (first !== 42 && first !== 95) return null;
  const t = text.slice(start, le).trimEnd();
  return BOLD_LINE.test(t) ? headingName(stripInlineMarkup(t)) : null;
}

/** An item's own first line as a heading (`## Key Facts`) or bold line (`**Decisions:**`, level 7), or null. */
export function itemHeading(text: string, start: number, le: number, hidden: readonly Range[]): { name: string; level: number } | null {
  const t = text.slice(start, le).trimEnd();
  if (t.charCodeAt(0) === 35) {
    let n = 0;
    while (n < t.length && t.charCodeAt(n) === 35) n++;
    if (n > 6 || (n < t.length && !isSpaceOrTab(t.charCodeAt(n)))) return null;
    return { name: headingName(stripAtxClose(visibleSlice(text, start + n, le, hidden))), level: n };
  }
  const bold = boldLineName(text, start, le);
  return bold === null ? null : { name: bold, level: 7 };
}

/** An ATX heading's text without its closing sequence (`## Title ##`), scanned from the end. */
export function stripAtxClose(s: string): string {
  let e = s.length;
  while (e > 0 && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  let h = e;
  while (h > 0 && s.charCodeAt(h - 1) === 35) h--;
  if (h === e) return s;
  if (h === 0) return "";
  const before = s.charCodeAt(h - 1);
  if (before !== 32 && before !== 9) return s;
  let b = h;
  while (b > 0 && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return s.slice(0, b);
}

/** Removes emphasis markers around a title so `**Key Facts:**` reads as `Key Facts:`. */
export function stripInlineMarkup(s: string): string {
  return s.replace(/(\*\*|__)(.+?)\1/gu, "$2");
}
