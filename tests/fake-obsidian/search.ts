export type SearchMatchPart = [number, number];
export type SearchMatches = SearchMatchPart[];
export interface SearchResult {
  score: number;
  matches: SearchMatches;
}
export interface SearchResultContainer {
  match: SearchResult;
}
export interface FuzzyMatch<T> {
  item: T;
  match: SearchResult;
}

/** Every character of the query, in order, case-insensitively; tighter matches score higher. */
export function prepareFuzzySearch(query: string): (text: string) => SearchResult | null {
  const q = query.toLowerCase().replace(/\s+/g, "");
  return (text: string) => {
    if (q === "") return { score: 0, matches: [] };
    const t = text.toLowerCase();
    const matches: SearchMatches = [];
    let from = 0;
    let gaps = 0;
    for (const ch of q) {
      const i = t.indexOf(ch, from);
      if (i === -1) return null;
      gaps += i - from;
      const last = matches[matches.length - 1];
      if (last && last[1] === i) last[1] = i + 1;
      else matches.push([i, i + 1]);
      from = i + 1;
    }
    return { score: -gaps - matches.length * 0.1, matches };
  };
}

/** Every space-separated word of the query appears somewhere, case-insensitively. */
export function prepareSimpleSearch(query: string): (text: string) => SearchResult | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return (text: string) => {
    const t = text.toLowerCase();
    const matches: SearchMatches = [];
    for (const w of words) {
      const i = t.indexOf(w);
      if (i === -1) return null;
      matches.push([i, i + w.length]);
    }
    matches.sort((a, b) => a[0] - b[0]);
    return { score: -matches.length, matches };
  };
}

export function sortSearchResults(results: SearchResultContainer[]): void {
  results.sort((a, b) => b.match.score - a.match.score);
}

export function renderMatches(el: HTMLElement | DocumentFragment, text: string, matches: SearchMatches | null, offset = 0): void {
  let pos = 0;
  for (const [start, end] of matches ?? []) {
    const s = start - offset;
    const e = end - offset;
    if (e <= 0 || s >= text.length) continue;
    if (s > pos) el.appendText(text.slice(pos, Math.max(pos, s)));
    el.createSpan({ cls: "suggestion-highlight", text: text.slice(Math.max(0, s), e) });
    pos = e;
  }
  if (pos < text.length) el.appendText(text.slice(pos));
}

export function renderResults(el: HTMLElement, text: string, result: SearchResult, offset?: number): void {
  renderMatches(el, text, result.matches, offset);
}
