// Ranges of offsets into a note's text, sorted and disjoint as the scan gives them (hidden text,
// comments, blocks): the first one past an offset, and the text with them left out or blanked.

export interface Range {
  start: number;
  end: number;
}

/** The text of [start, end) with hidden ranges left out (replaced by nothing). */
export function visibleSlice(text: string, start: number, end: number, hidden: readonly Range[]): string {
  let out = "";
  let pos = start;
  for (let i = firstRangeEndingAfter(hidden, start); i < hidden.length; i++) {
    const h = hidden[i]!;
    if (h.start >= end) break;
    if (h.start > pos) out += text.slice(pos, h.start);
    pos = Math.max(pos, h.end);
  }
  if (pos < end) out += text.slice(pos, end);
  return out;
}

/** Index of the first of the sorted, disjoint ranges that ends after `offset` (binary search). */
export function firstRangeEndingAfter(ranges: readonly Range[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let spaces = " ".repeat(256);

function spaceRun(n: number): string {
  while (spaces.length < n) spaces += spaces;
  return spaces.slice(0, n);
}

/** The note text with every hidden character (except line breaks) turned into a space. */
export function maskHidden(text: string, hidden: readonly Range[]): string {
  if (hidden.length === 0) return text;
  const parts: string[] = [];
  let pos = 0;
  // The next `\r` and `\n` at or after the current range, kept while they lie ahead, so that many
  // ranges on one long line do not each search to its end.
  let cr = -2;
  let nl = -2;
  for (const h of hidden) {
    parts.push(text.slice(pos, h.start));
    if (cr !== -1 && cr < h.start) cr = text.indexOf("\r", h.start);
    if (cr === -1 || cr >= h.end) {
      // No `\r` inside: spaces, with each `\n` kept.
      let p = h.start;
      for (;;) {
        if (nl !== -1 && nl < p) nl = text.indexOf("\n", p);
        if (nl < 0 || nl >= h.end) {
          if (h.end > p) parts.push(spaceRun(h.end - p));
          break;
        }
        if (nl > p) parts.push(spaceRun(nl - p));
        parts.push("\n");
        p = nl + 1;
      }
    } else {
      parts.push(text.slice(h.start, h.end).replace(/[^\r\n]/g, " "));
    }
    pos = h.end;
  }
  parts.push(text.slice(pos));
  return parts.join("");
}
