// GFM tables read from one line at a time: a delimiter row's cells and the header row above it.
// The scanner and the link search ask the same questions, so a table is one to both.
import { escapedAt, SPACE } from "./char-codes";

/**
 * The cells of a GFM table delimiter row on [from, to) (`| --- | :-: |`, `--|--`), or -1 when it is
 * none: holding a `|`, each cell `:?-+:?` between white space. Read character by character: every
 * table's second line is checked. White space is what `String.prototype.trim` removes, as in the
 * split-and-trim check this replaces and Lezer's `\s` (Obsidian's editor): a no-break space pasted
 * next to a dash keeps a table one.
 */
export function delimiterCells(text: string, from: number, to: number): number {
  let s = from;
  let e = to;
  while (s < e && isTrimmed(text.charCodeAt(s))) s++;
  while (e > s && isTrimmed(text.charCodeAt(e - 1))) e--;
  let pipe = false;
  if (s < e && text.charCodeAt(s) === 124) {
    s++;
    pipe = true;
  }
  if (e > s && text.charCodeAt(e - 1) === 124) {
    e--;
    pipe = true;
  }
  let cells = 0;
  for (let i = s; ; i++) {
    while (i < e && isTrimmed(text.charCodeAt(i))) i++;
    if (i < e && text.charCodeAt(i) === 58 /* : */) i++;
    let dashes = 0;
    while (i < e && text.charCodeAt(i) === 45) {
      dashes++;
      i++;
    }
    if (i < e && text.charCodeAt(i) === 58) i++;
    while (i < e && isTrimmed(text.charCodeAt(i))) i++;
    if (dashes === 0) return -1;
    cells++;
    if (i >= e) break;
    if (text.charCodeAt(i) !== 124) return -1;
    pipe = true;
  }
  return pipe ? cells : -1;
}

/**
 * Is the text [from, to) the header row of a GFM table whose delimiter row has `cells` cells? It has
 * as many cells, and a one-cell header holds a `|` (oneCellHeader). The scanner's top-level and
 * item tables and the link search's table check all ask this.
 */
export function headsTable(text: string, from: number, to: number, cells: number): boolean {
  return from < to && cellCount(text, from, to) === cells && (cells > 1 || oneCellHeader(text, from, to));
}

/**
 * Could the line [from, to) head a one-cell GFM table: does it hold a leading or trailing `|`?
 * (markdown-it, Lezer: `Send quote` / `|-|` is one paragraph) (B33-H, B33-I)
 */
function oneCellHeader(text: string, from: number, to: number): boolean {
  let s = from;
  let e = to;
  while (s < e && isTrimmed(text.charCodeAt(s))) s++;
  while (e > s && isTrimmed(text.charCodeAt(e - 1))) e--;
  // A lone `|` is an empty line of cells, no header (markdown-it, Lezer) (B33-J).
  if (s + 1 < e && text.charCodeAt(s) === 124) return true;
  if (e - 1 <= s || text.charCodeAt(e - 1) !== 124) return false;
  // A trailing `|` after an odd run of backslashes is escaped; `a \\|` ends in an escaped
  // backslash and a real `|` (markdown-it, Lezer: a table), as cellCount reads it (B33-J).
  return !escapedAt(text, e - 1, s);
}

/** A character `String.prototype.trim` removes. */
function isTrimmed(c: number): boolean {
  if (c < 128) return c === SPACE || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A table row's cells (GFM): its unescaped `|` plus one, less a leading and a trailing one. */
export function cellCount(text: string, from: number, to: number): number {
  let s = from;
  let e = to;
  while (s < e && isTrimmed(text.charCodeAt(s))) s++;
  while (e > s && isTrimmed(text.charCodeAt(e - 1))) e--;
  if (s < e && text.charCodeAt(s) === 124) s++;
  let n = 1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    // A trailing pipe ends the last cell; `\\|` is an escaped backslash before it.
    else if (c === 124 && i < e - 1) n++;
  }
  return n;
}
