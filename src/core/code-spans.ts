// Inline code spans read forward as the inline scan reads them, without a syntax tree: whether a
// `$$` closer stands in one, and whether code may stand between a `$$` and its closer (§1).
import { escapedAt, isDigit, SPACE, TAB } from "./char-codes";

/** A line in [from, to) that could open a fence (after quote markers, list markers, spaces; `- > ```` too). */
const FENCE_LINE = /\n[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t>]+)*(?:```|~~~)/;

/** Could a fence open on a line in [from, to)? Read only between a `$$` and its closer. */
export function fenceLineIn(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  return (between.includes("```") || between.includes("~~~")) && FENCE_LINE.test(between);
}

/**
 * Could the line holding offset k be indented code? Its leading quote and list markers, spaces and
 * tabs hold a tab or four spaces in a row (enough for code in some container): checked before a
 * `$$` is read as text until that line shows what it is, so a false yes costs only a restart.
 */
export function mayBeCodeLine(text: string, memo: ScanMemo, k: number): boolean {
  let run = 0;
  for (let i = memo.lineStart[memo.lineOf(k)]!; i < k; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB || (c === SPACE && ++run === 4)) return true;
    if (c !== SPACE) {
      // Quote and list markers (`>`, `-`, `*`, `+`, `1.`, `1)`) may stand before the code's indent.
      if (!(c === 62 || c === 45 || c === 42 || c === 43 || c === 46 || c === 41 || isDigit(c))) return false;
      run = 0;
    }
  }
  return false;
}

/**
 * Where `closer` next occurs from `from`, or -1. A `$$` after a backslash is an escaped dollar sign
 * and the math goes on (a page's guarded `\$$` must not close a `$$` the user left open above it).
 */
export function closerFrom(text: string, closer: string, from: number, scanMemo: () => ScanMemo): number {
  let k = text.indexOf(closer, from);
  if (closer !== "$$" || k < 0) return k;
  const memo = scanMemo();
  let walker: CodeWalker | null = null;
  while (k >= 0) {
    if (!escapedAt(text, k, from)) {
      const line = memo.lineOf(k);
      const lineStart = memo.lineStart[line]!;
      const start = lineStart <= from ? from : lineStart;
      // No backtick between the start of reading and k: k is in no code span.
      const tick = memo.nextTick(start);
      if (tick < 0 || tick >= k) return k;
      if (walker === null || k >= walker.end) walker = new CodeWalker(text, start, memo.lineEnd[line]!, memo);
      if (!walker.inCode(k)) return k;
    }
    k = text.indexOf(closer, k + 1);
  }
  return -1;
}

/**
 * What the `$$` closer searches of one scan share: the lines, the next backslash and backtick (found
 * again only once passed), and per line the backtick-run lengths with no closer after an offset.
 */
export class ScanMemo {
  private at = 0;
  private tickFrom = -1;
  private tick = -1;
  private slashFrom = -1;
  private slash = -1;
  noCloserLine = -1;
  readonly noCloser = new Map<number, number>();

  constructor(
    private readonly text: string,
    readonly lineStart: readonly number[],
    readonly lineEnd: readonly number[],
  ) {}

  /** The line holding offset k (asked mostly in increasing order: a moving guess, then a binary search). */
  lineOf(k: number): number {
    const ls = this.lineStart;
    let l = this.at;
    if (l < ls.length && ls[l]! <= k && (l + 1 >= ls.length || ls[l + 1]! > k)) return l;
    if (l + 1 < ls.length && ls[l + 1]! <= k && (l + 2 >= ls.length || ls[l + 2]! > k)) return (this.at = l + 1);
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return (this.at = lo);
  }

  /** The first backtick at or after i, or -1. */
  nextTick(i: number): number {
    if (!(this.tickFrom >= 0 && this.tickFrom <= i && (this.tick < 0 || this.tick >= i))) {
      this.tickFrom = i;
      this.tick = this.text.indexOf("`", i);
    }
    return this.tick;
  }

  /** The first backslash at or after i, or -1. */
  nextSlash(i: number): number {
    if (!(this.slashFrom >= 0 && this.slashFrom <= i && (this.slash < 0 || this.slash >= i))) {
      this.slashFrom = i;
      this.slash = this.text.indexOf("\\", i);
    }
    return this.slash;
  }
}

/**
 * Reads one line's inline code spans as the inline scan does (a backslash escapes the next
 * character outside code; a run of n backticks opens a span that the next run of exactly n closes),
 * forward only, as far as it is asked: each offset asked, in increasing order, costs the distance
 * from the last one, and a closer that is not there is searched for once per line and length.
 */
class CodeWalker {
  private pos: number;
  private spanEnd = -1;

  constructor(
    private readonly text: string,
    start: number,
    readonly end: number,
    private readonly memo: ScanMemo,
  ) {
    this.pos = start;
    if (memo.noCloserLine !== end) {
      memo.noCloserLine = end;
      memo.noCloser.clear();
    }
  }

  inCode(k: number): boolean {
    if (k < this.spanEnd) return true;
    const { text, end, memo } = this;
    while (this.pos < k) {
      const i = this.pos;
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        this.pos += 2;
        continue;
      }
      if (c !== 96 /* ` */) {
        const bs = memo.nextSlash(i);
        const bt = memo.nextTick(i);
        const to = Math.min(bs < 0 || bs >= end ? end : bs, bt < 0 || bt >= end ? end : bt);
        this.pos = to > i ? to : i + 1;
        continue;
      }
      let n = 1;
      while (i + n < end && text.charCodeAt(i + n) === 96) n++;
      const none = memo.noCloser.get(n);
      let close = -1;
      if (none === undefined || i < none) {
        for (let j = memo.nextTick(i + n); j >= 0 && j < end; ) {
          let m = 1;
          while (j + m < end && text.charCodeAt(j + m) === 96) m++;
          if (m === n) {
            close = j + m;
            break;
          }
          j = memo.nextTick(j + m);
        }
        if (close < 0) memo.noCloser.set(n, i);
      }
      if (close < 0) {
        this.pos = i + n;
        continue;
      }
      this.pos = close;
      if (k < close) {
        this.spanEnd = close;
        return true;
      }
    }
    return false;
  }
}

/**
 * For one line of text, asked offsets in increasing order: is each inside an inline code span, read
 * as the inline scan reads it (the page's guard asks this of the `$$` it would escape)?
 */
export function lineCodeReader(line: string): (k: number) => boolean {
  const walker = new CodeWalker(line, 0, line.length, new ScanMemo(line, [0], [line.length]));
  return (k) => walker.inCode(k);
}
