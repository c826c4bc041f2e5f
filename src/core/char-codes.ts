// Character codes and classes that the scanner and its line readers share.

export const SPACE = 32;
export const TAB = 9;

export function isSpaceOrTab(c: number): boolean {
  return c === SPACE || c === TAB;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
