// A line's leading spaces, tabs and quote markers: their columns (tab stops of 4) and where they end.
import { isSpaceOrTab, SPACE, TAB } from "./char-codes";

/** Past `depth` quote markers (each up to three spaces in, with one space or tab after it) from ls, or -1. */
export function quoteMarkersEnd(text: string, ls: number, le: number, depth: number): number {
  let p = ls;
  for (let d = 0; d < depth; d++) {
    let sp = 0;
    while (sp < 3 && p < le && text.charCodeAt(p) === SPACE) {
      p++;
      sp++;
    }
    if (p >= le || text.charCodeAt(p) !== 62 /* > */) return -1;
    p++;
    if (p < le && isSpaceOrTab(text.charCodeAt(p))) p++;
  }
  return p;
}

/** Where a line's text starts after its quote markers (`> > a` → `a`) and the blanks after them. */
export function afterQuoteMarkers(text: string, ls: number, le: number): number {
  let p = ls;
  for (;;) {
    let q = p;
    while (q < p + 3 && q < le && text.charCodeAt(q) === SPACE) q++;
    if (q >= le || text.charCodeAt(q) !== 62 /* > */) break;
    p = q + 1;
  }
  while (p < le && isSpaceOrTab(text.charCodeAt(p))) p++;
  return p;
}

/**
 * indentation(), with `>` quote markers counted as spaces (a quote inside a list item); `base` is
 * the column where the innermost quote's content starts (after its `>` and one space), from which
 * indented code is measured; `marks` is how many `>` the line holds.
 */
export function quotedIndentation(text: string, start: number, le: number, col0 = 0): { col: number; end: number; base: number; marks: number } {
  let col = col0;
  let base = 0;
  let marks = 0;
  let q = start;
  for (; q < le; q++) {
    const c = text.charCodeAt(q);
    if (c === TAB) col += 4 - (col % 4);
    else if (c === SPACE) col++;
    else if (c === 62) {
      col++;
      marks++;
      base = col + (q + 1 < le && isSpaceOrTab(text.charCodeAt(q + 1)) ? 1 : 0);
    } else break;
  }
  return { col, end: q, base, marks };
}

/**
 * Leading spaces and tabs from `start`: their width in columns and where they end. Tabs stop every
 * four columns of the line; `base` is the line's column at `start`.
 */
export function indentation(text: string, start: number, le: number, base = 0): { col: number; end: number } {
  let col = 0;
  let q = start;
  while (q < le && isSpaceOrTab(text.charCodeAt(q))) {
    col += text.charCodeAt(q) === TAB ? 4 - ((base + col) % 4) : 1;
    q++;
  }
  return { col, end: q };
}

/** The column of `at` in the line starting at `from` (tab stops of 4). */
export function columnOf(text: string, from: number, at: number): number {
  let col = 0;
  for (let i = from; i < at; i++) col += text.charCodeAt(i) === TAB ? 4 - (col % 4) : 1;
  return col;
}
