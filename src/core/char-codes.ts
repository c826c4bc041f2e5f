// Character codes and classes that the scanner and its line readers share.

export const SPACE = 32;
export const TAB = 9;

export function isSpaceOrTab(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Whether the character at `at` is escaped: an odd run of backslashes right before it, counted back
 * no further than `from` (a line's or span's start).
 */
export function escapedAt(text: string, at: number, from = 0): boolean {
  let n = 0;
  while (at - n - 1 >= from && text.charCodeAt(at - n - 1) === 92) n++;
  return n % 2 === 1;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
