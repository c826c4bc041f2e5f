// The smallest set of line ranges that turns one text into another, so that an open editor can be
// changed where the page changed and nowhere else (cursor, selection and folds elsewhere survive).

export interface LineEdit {
  /** Replace lines [fromLine, toLine) of the old text… */
  fromLine: number;
  toLine: number;
  /** …with these lines (without line breaks). */
  lines: string[];
}

function splitLines(text: string): string[] {
  return text.split("\n");
}

/**
 * Line edits from `a` to `b` (lines split at `\n`, so a `\r` stays with its line). Common
 * prefix and suffix are skipped; the middle is diffed by longest common subsequence, bounded so a
 * huge rewrite degrades to one edit instead of quadratic work.
 */
export function lineEdits(a: string, b: string, maxCells = 4_000_000): LineEdit[] {
  if (a === b) return [];
  const x = splitLines(a);
  const y = splitLines(b);
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const xs = x.slice(pre, x.length - suf);
  const ys = y.slice(pre, y.length - suf);
  const n = xs.length;
  const m = ys.length;
  if (n === 0 || m === 0 || n * m > maxCells) return [{ fromLine: pre, toLine: pre + n, lines: ys }];
  // lcs[i][j]: length of the LCS of xs[i..] and ys[j..].
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = xs[i] === ys[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const edits: LineEdit[] = [];
  let i = 0;
  let j = 0;
  let open: LineEdit | null = null;
  const flush = (): void => {
    if (open) edits.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && xs[i] === ys[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      open ??= { fromLine: pre + i, toLine: pre + i, lines: [] };
      open.lines.push(ys[j]!);
      j++;
    } else {
      open ??= { fromLine: pre + i, toLine: pre + i, lines: [] };
      open.toLine = pre + i + 1;
      i++;
    }
  }
  flush();
  return edits;
}
